/*
 * message.h: the message on standard input.  The header block is read
 * first and kept (at most LIM_HEADER bytes) for the loop check; writing
 * puts our trace lines first, then the header (minus old Return-Path
 * fields when we add one), then everything else as it arrives.  A
 * leading mbox "From " line (Postfix local(8) adds one) is dropped.
 */
#ifndef DELIVER_MESSAGE_H
#define DELIVER_MESSAGE_H

#include <stddef.h>

#include "delivery.h"
#include "str.h"

struct message {
	int fd;
	struct str head;	/* what has been read so far */
	size_t from_len;	/* the mbox From line at its start */
	int eof;
	int read_errno;		/* a read error while copying */
};

/* Read until the header block is complete, EOF or LIM_HEADER: 0 / -1. */
int message_read_head(struct message *, int fd);
/* The header block (after the From line), possibly with body bytes. */
const char *message_header(const struct message *, size_t *len);
/*
 * Write prefix, the header and the rest of the input into d.  MD_OK, or
 * a failure status with the delivery aborted; m->read_errno tells a read
 * error (input) from a write error (d->errnum).
 */
enum md_status message_write(struct message *, struct delivery *d,
    const char *prefix, size_t prefixlen, int drop_return_path);
void message_free(struct message *);

#endif
