/*
 * header.h: RFC 5322 header blocks, I/O-free.  A header block is the
 * bytes from the start of a message (or MIME part) up to and including
 * the empty line; lines may end in LF or CRLF.
 */
#ifndef IMAPD_HEADER_H
#define IMAPD_HEADER_H

#include <stddef.h>

#include "str.h"

struct header_field {
	const char *name;	/* points into the block */
	size_t namelen;
	const char *raw;	/* the whole field, name to last line end */
	size_t rawlen;
	const char *value;	/* after "name:", folded lines included */
	size_t valuelen;
};

/*
 * Length of the header block at p (through the empty line, or all of n
 * if there is none).  *bodyoff is where the body starts.
 */
size_t header_block_len(const char *p, size_t n);
/* Iterate: *pos starts at 0; 1 got a field, 0 at end of block. */
int header_next(const char *hdr, size_t n, size_t *pos,
    struct header_field *);
/*
 * Value of the first field called name (case-insensitive), unfolded
 * (line ends removed), leading and trailing white space trimmed;
 * 1 found, 0 not found, -1 too long for out.
 */
int header_get(const char *hdr, size_t n, const char *name, struct str *out);
/* Unfold a raw value into out (appending). */
int header_unfold(const char *v, size_t n, struct str *out);

#endif
