/* handoff.c: fork and exec the checkpassword program (root part). */
/* Linux-only: pipe2(2), close_range(2) and execvpe(3) need _GNU_SOURCE. */
#define _GNU_SOURCE
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "handoff.h"
#include "log.h"

/* A pipe whose read end carries data (at most a pipe buffer), write end
 * closed: the bytes are all in the kernel before the child starts. */
static int
handoff_filled_pipe(const char *data, size_t n)
{
	int p[2];

	if (pipe2(p, O_CLOEXEC) < 0)
		return -1;
	if ((n > 0 && write(p[1], data, n) != (ssize_t)n) || close(p[1]) < 0) {
		close(p[0]);
		return -1;
	}
	return p[0];
}

/* In the child: put each fd on its target number, close the rest. */
static void
handoff_exec(const struct handoff *h, int cred, int started, int pend)
{
	int src[5] = { h->conn_in, h->conn_out, cred, started, pend };
	int high[5];

	for (int i = 0; i < 5; i++)
		if ((high[i] = fcntl(src[i], F_DUPFD, 10)) < 0)
			_exit(111);
	for (int i = 0; i < 5; i++)
		if (dup2(high[i], i == 0 ? 0 : i == 1 ? 1 : i + 1) < 0)
			_exit(111);
	/* fds 0, 1, 3, 4, 5; fd 2 is the log. */
	if (close_range(6, ~0U, 0) < 0)
		_exit(111);
	signal(SIGPIPE, SIG_DFL);
	signal(SIGCHLD, SIG_DFL);
	execve(h->argv[0], h->argv, h->envp);
	if (strchr(h->argv[0], '/') == NULL)
		execvpe(h->argv[0], h->argv, h->envp);
	log_warn("exec-fail", "prog=%s error=%s", log_esc(h->argv[0]),
	    log_esc(strerror(errno)));
	_exit(111);
}

static enum handoff_result
handoff_status(int status)
{
	if (WIFEXITED(status) && WEXITSTATUS(status) == 1)
		return HANDOFF_REJECTED;
	if (WIFEXITED(status) && (WEXITSTATUS(status) == 111 ||
	    WEXITSTATUS(status) == 2))
		return HANDOFF_TEMP;
	if (WIFSIGNALED(status))
		return HANDOFF_TEMP;
	/* A post-login program that never wrote to fd 4 ran and ended. */
	return HANDOFF_STARTED;
}

static enum handoff_result
handoff_wait(pid_t child, int started, pid_t *pid)
{
	char byte;
	ssize_t r;
	int status;

	do
		r = read(started, &byte, 1);
	while (r < 0 && errno == EINTR);
	close(started);
	*pid = child;
	if (r == 1)
		return HANDOFF_STARTED;
	while (waitpid(child, &status, 0) < 0)
		if (errno != EINTR)
			return HANDOFF_TEMP;
	*pid = -1;
	return handoff_status(status);
}

enum handoff_result
handoff_run(const struct handoff *h, pid_t *pid)
{
	int cred = handoff_filled_pipe(h->cred, h->credlen);
	int pend = handoff_filled_pipe(h->pending, h->pendlen);
	int st[2] = { -1, -1 };
	pid_t child = -1;

	if (cred < 0 || pend < 0 || pipe2(st, O_CLOEXEC) < 0 ||
	    (child = fork()) < 0) {
		log_warn("handoff", "error=%s", log_esc(strerror(errno)));
		child = -1;
	} else if (child == 0)
		handoff_exec(h, cred, st[1], pend);
	if (cred >= 0)
		close(cred);
	if (pend >= 0)
		close(pend);
	if (st[1] >= 0)
		close(st[1]);
	if (child < 0) {
		if (st[0] >= 0)
			close(st[0]);
		return HANDOFF_TEMP;
	}
	return handoff_wait(child, st[0], pid);
}
