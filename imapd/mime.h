/*
 * mime.h: the MIME structure of one message, I/O-free (RFC 2045, 2046).
 *
 * mime_parse() walks a message held in memory (mmap'd by the caller)
 * and records every part: where its header and body are, their sizes as
 * IMAP counts them (CRLF line ends: a file stored with bare LF is 1 byte
 * longer per line), the body's line count, and whether it is text,
 * multipart or message/rfc822.  Part 0 is the message itself.  A
 * message/rfc822 part has one child: the embedded message.  A multipart
 * part has its body parts as children.
 *
 * It never fails on content: a multipart without a usable boundary or
 * without any body part is treated as text/plain, as Dovecot does; nesting
 * stops at LIM_MIME_DEPTH and the part count at LIM_MIME_PARTS (deeper
 * parts are plain leaves).  Only memory exhaustion is an error.
 */
#ifndef IMAPD_MIME_H
#define IMAPD_MIME_H

#include <stddef.h>

enum {
	MIME_TEXT = 1 << 0,		/* text/\* (BODYSTRUCTURE gives lines) */
	MIME_MULTIPART = 1 << 1,	/* has body parts as children */
	MIME_MESSAGE = 1 << 2,		/* message/rfc822, one child */
	MIME_DEFAULT_TYPE = 1 << 3,	/* no usable Content-Type */
	MIME_DIGEST_CHILD = 1 << 4,	/* default type message/rfc822 */
};

struct mime_part {
	size_t hdr_off, hdr_len;	/* raw bytes in the file */
	size_t body_off, body_len;
	size_t hdr_vlen, body_vlen;	/* sizes with CRLF line ends */
	size_t body_lines;
	unsigned flags;
	int parent, child, next;	/* indexes into parts, -1 none */
};

struct mime_msg {
	const char *data;
	size_t len;
	struct mime_part *parts;
	size_t nparts, cap;
};

int mime_parse(struct mime_msg *, const char *data, size_t len);
void mime_free(struct mime_msg *);
/* Size with CRLF line ends of n raw bytes, and their line count. */
size_t mime_vsize(const char *p, size_t n, size_t *lines);
/* The n-th (1-based) child of part idx, or -1. */
int mime_child(const struct mime_msg *, int idx, unsigned n);

#endif
