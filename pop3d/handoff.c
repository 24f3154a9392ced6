/* handoff.c: fds 4 and 5 from the login process. */
#include <errno.h>
#include <unistd.h>

#include "handoff.h"

int
handoff_signal(void)
{
	ssize_t r;
	int e;

	do
		r = write(HANDOFF_STARTED_FD, "1", 1);
	while (r < 0 && errno == EINTR);
	e = r < 0 ? errno : 0;
	if (e == EBADF)
		return 0;	/* not started by a login program */
	if (close(HANDOFF_STARTED_FD) < 0 && errno != EINTR)
		return -1;
	/* EPIPE: the login died; the session may still run. */
	errno = e;
	return e != 0 && e != EPIPE ? -1 : 0;
}

int
handoff_pending(struct io_in *in)
{
	ssize_t r;
	int e;

	in->fd = HANDOFF_PENDING_FD;
	do
		r = io_fill(in);
	while (r > 0);
	e = errno;
	in->fd = 0;
	if (r < 0 && e == EBADF)
		return 0;
	if (close(HANDOFF_PENDING_FD) < 0 && errno != EINTR)
		return -1;
	errno = e;
	return r < 0 ? -1 : 0;
}
