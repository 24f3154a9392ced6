/*
 * session.h: the TRANSACTION state (RFC 1939 section 5) and UPDATE on
 * QUIT.  Replies are buffered and flushed only when no more client input
 * is waiting, so a pipelined batch (RFC 2449 section 6.6) gets its answers
 * in order, in as few large writes as possible.
 */
#ifndef POP3_SESSION_H
#define POP3_SESSION_H

#include "io.h"
#include "maildrop.h"

struct session {
	struct io_in *in;
	struct io_out *out;
	struct maildrop *md;
	const char *expire;		/* POP3_EXPIRE or NULL */
	const char *login_delay;	/* POP3_LOGIN_DELAY or NULL */
	unsigned bad;			/* consecutive bad commands */
	const char *reason;		/* why the session ended, for the log */
	int failed;			/* UPDATE or a read failed: exit 111 */
};

/* Run commands until QUIT, EOF or timeout; the exit status. */
int session_run(struct session *);

#endif
