/* send.h: stream a message (RETR, TOP) to the client through wire.h. */
#ifndef POP3_SEND_H
#define POP3_SEND_H

#include "io.h"
#include "wire.h"

#define SEND_READ_ERROR (-2)

/*
 * Send fd's message transformed, with the final ".\r\n"; w was set up by
 * wire_init (lines for TOP, WIRE_ALL for RETR) and has the counts after.
 * -1 on a write error (the client is gone), SEND_READ_ERROR on a read
 * error (the client got a truncated response: the session must end).
 */
int send_message(struct io_out *, int fd, struct wire *w);

#endif
