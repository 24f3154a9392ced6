/* send.h: stream a message (RETR, TOP) to the client through wire.h. */
#ifndef POP3_SEND_H
#define POP3_SEND_H

#include "io.h"
#include "wire.h"

/*
 * Send fd's message transformed, with the final ".\r\n"; w was set up by
 * wire_init (lines for TOP, WIRE_ALL for RETR) and has the counts after.
 * -1 on a read error (the client gets a truncated response and the
 * session must end) or a write error.
 */
int send_message(struct io_out *, int fd, struct wire *w);

#endif
