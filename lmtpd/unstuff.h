/*
 * unstuff.h: the DATA and BDAT byte streams to Maildir bytes, no I/O.
 *
 * DATA (RFC 5321 4.5.2): a line consisting of "." ends the message; a
 * leading "." on any other line is removed.  CRLF becomes LF (Maildir
 * files hold LF line ends, as deliver and Dovecot write them); a bare LF
 * is taken as a line end too, and a CR not followed by LF is kept.  Text
 * lines have no length limit: RFC 5321 4.5.3.1 asks for none where
 * possible and 4.5.3.1.6's 1000 octets binds senders; the stream is
 * never buffered whole, so accepting longer lines costs nothing, and
 * Postfix and Dovecot accept them too.
 *
 * BDAT (RFC 3030): bytes are taken as they are, only CRLF becomes LF,
 * across chunk boundaries.
 */
#ifndef LMTP_UNSTUFF_H
#define LMTP_UNSTUFF_H

#include <stddef.h>

struct unstuff {
	int state;
	int raw;	/* BDAT: no dots, no end line */
	int done;	/* DATA: the end line was seen */
};

void unstuff_init(struct unstuff *, int raw);
/*
 * Decode in[0..n) into out (room for n + 1 bytes: a CR held back from
 * the previous call may come out); stops after the end line.  Returns
 * the bytes of in consumed; *outlen gets the bytes written.
 */
size_t unstuff_feed(struct unstuff *, const char *in, size_t n, char *out,
    size_t *outlen);
/* End of BDAT LAST: a CR held back is data.  Writes 0 or 1 byte. */
size_t unstuff_finish(struct unstuff *, char *out);

#endif
