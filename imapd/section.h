/*
 * section.h: FETCH BODY[section]<partial> (RFC 3501 6.4.5), I/O-free.
 *
 * section_parse() reads the item as the client wrote it, e.g.
 *   BODY.PEEK[1.2.HEADER.FIELDS (From "To")]<0.100>
 * section_resolve() finds the bytes in a parsed message (mime.h): either
 * a region of the file (streamed with LF turned into CRLF by crlf_emit),
 * or, for HEADER.FIELDS(.NOT), the selected fields built in memory.
 * Part numbers follow RFC 3501: [1] of a single-part message is its body;
 * a message/rfc822 part's numbers continue into the embedded message;
 * HEADER, TEXT and HEADER.FIELDS after a part number need a
 * message/rfc822 part; MIME needs a part number.  Offsets and lengths of
 * a partial fetch count the CRLF form, as the client sees it.
 */
#ifndef IMAPD_SECTION_H
#define IMAPD_SECTION_H

#include <stddef.h>
#include <stdint.h>

#include "limits.h"
#include "mime.h"
#include "str.h"

enum section_spec {
	SEC_NONE,		/* [] or [1.2] */
	SEC_HEADER,
	SEC_FIELDS,
	SEC_FIELDS_NOT,
	SEC_TEXT,
	SEC_MIME,
};

#define SECTION_FIELDS_MAX 64

struct section {
	int peek;
	unsigned path[LIM_MIME_DEPTH];
	size_t npath;
	enum section_spec spec;
	struct str fields;	/* "name\0name\0" */
	size_t nfields;
	size_t field_off[SECTION_FIELDS_MAX];
	int partial;
	uint64_t origin, count;
	char text[512];		/* the section text as sent, for the reply */
};

/* The data of a resolved section. */
struct section_data {
	int missing;		/* no such part: the answer is NIL */
	const char *raw;	/* raw region (LF or CRLF line ends) */
	size_t rawlen;
	size_t vsize;		/* its size in CRLF form */
	struct str built;	/* HEADER.FIELDS result (raw is into it) */
};

void section_init(struct section *);
void section_free(struct section *);
/* Parse "BODY[...]<...>" / "BODY.PEEK[...]"; 0 or -1 (BAD). */
int section_parse(struct section *, const char *item);
int section_resolve(const struct section *, const struct mime_msg *,
    struct section_data *);
void section_data_free(struct section_data *);

/*
 * Pass the CRLF form of raw[0..n) from virtual offset voff, at most vlen
 * bytes, to put(); returns put's first failure or 0.
 */
int crlf_emit(const char *raw, size_t n, uint64_t voff, uint64_t vlen,
    int (*put)(void *, const char *, size_t), void *ctx);

#endif
