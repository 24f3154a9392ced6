/*
 * handoff.h: the start of a session handed over by pop3-login (see
 * pop3-login(8) and imap-login(8), HANDOFF): one byte on fd 4 says the
 * session runs; fd 5 holds client bytes the login had already read,
 * which come before anything on fd 0.  Either fd may be closed (EBADF)
 * when pop3d was started some other way.
 */
#ifndef POP3_HANDOFF_H
#define POP3_HANDOFF_H

#include "io.h"

#define HANDOFF_STARTED_FD	4
#define HANDOFF_PENDING_FD	5

/* Write the byte to fd 4 and close it; 0, or -1 on a real error. */
int handoff_signal(void);
/*
 * Read fd 5 to EOF into in's buffer, close it, and point in at fd 0.
 * -1 ENOBUFS if fd 5 holds more than the buffer (the login's contract
 * says at most 16384 bytes, IO_INSIZE).
 */
int handoff_pending(struct io_in *in);

#endif
