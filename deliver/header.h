/*
 * header.h: the header block of an RFC 5322 message, without I/O.
 * Lines end in LF or CRLF; a field runs on over folded lines (RFC 5322
 * 2.2.3).  Used for the loop check and to drop old Return-Path fields.
 */
#ifndef DELIVER_HEADER_H
#define DELIVER_HEADER_H

#include <stddef.h>

struct header_field {
	const char *start;	/* first byte of the field */
	size_t len;		/* through its last line end */
	const char *name;
	size_t namelen;
	const char *value;	/* after the colon, unfolded ends included */
	size_t valuelen;
};

/*
 * Length of the header block at buf, including the empty line that ends
 * it; 0 if no empty line is in the len bytes (header still incomplete or
 * none at all).
 */
size_t header_block_len(const char *buf, size_t len);
/* Length of a leading mbox "From " envelope line, 0 if there is none. */
size_t header_from_line_len(const char *buf, size_t len);
/*
 * The next field at *pos within the header block buf[0..len); 1 and f
 * filled, 0 at the end of the block (the empty line or a line that is not
 * a field: the body starts there, as in a message with no blank line).
 */
int header_next(const char *buf, size_t len, size_t *pos,
    struct header_field *f);
/* 1 if the field is called name (case-insensitive). */
int header_is(const struct header_field *f, const char *name);
/*
 * 1 if the value holds exactly the address addr, ignoring case, folding
 * whitespace and one pair of angle brackets ("Delivered-To: <a@b>").
 */
int header_value_is_addr(const char *value, size_t n, const char *addr);

#endif
