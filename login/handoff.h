/*
 * handoff.h: run the checkpassword program with the descriptors of the
 * handoff contract (imap-login(8), HANDOFF): 0/1 the client connection,
 * 3 the credential record, 4 the "started" pipe, 5 the bytes already
 * read; everything else closed.  Runs in the root part.
 */
#ifndef LOGIN_HANDOFF_H
#define LOGIN_HANDOFF_H

#include <sys/types.h>
#include <stddef.h>

enum handoff_result {
	HANDOFF_STARTED,	/* the post-login program runs */
	HANDOFF_REJECTED,	/* exit 1 */
	HANDOFF_TEMP,		/* exit 111, 2, crash, or cannot run */
};

struct handoff {
	char **argv;
	char **envp;
	int conn_in, conn_out;
	const char *cred;
	size_t credlen;
	const char *pending;
	size_t pendlen;
};

/*
 * Start argv and wait until it either reports on fd 4 that the session
 * runs or exits.  *pid is the process to wait for when STARTED (-1 if it
 * already ended).
 */
enum handoff_result handoff_run(const struct handoff *, pid_t *pid);

#endif
