/*
 * priv.c: a child per piece of work under another uid.  setresuid and
 * setresgid are Linux (and BSD) calls that glibc declares only with
 * _GNU_SOURCE.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <grp.h>
#include <sys/wait.h>
#include <unistd.h>

#include "io.h"
#include "log.h"
#include "priv.h"

/* Become uid/gid for good; exits the child if anything is off. */
static void
priv_drop(uid_t uid, gid_t gid)
{
	if (uid == 0 || gid == 0)
		log_die(111, "priv", "error=%s uid=%u gid=%u",
		    "refusing to write as root", (unsigned)uid, (unsigned)gid);
	if (setgroups(1, &gid) < 0 || setresgid(gid, gid, gid) < 0 ||
	    setresuid(uid, uid, uid) < 0)
		log_die(111, "priv", "error=setuid uid=%u", (unsigned)uid);
	if (setuid(0) == 0 || geteuid() != uid || getegid() != gid)
		log_die(111, "priv", "error=%s", "root could be regained");
}

/* The child: drop, work, send result and out back, exit. */
static void
priv_child(int fd, uid_t uid, gid_t gid, int (*work)(void *, void *),
    void *arg, void *out, size_t outsize)
{
	int result;

	priv_drop(uid, gid);
	result = work(arg, out);
	if (fd_write_all(fd, &result, sizeof result, -1) < 0 ||
	    fd_write_all(fd, out, outsize, -1) < 0)
		_exit(111);
	_exit(0);
}

/* Read exactly n bytes from fd; -1 on early EOF or error. */
static int
read_all(int fd, void *buf, size_t n)
{
	char *p = buf;

	while (n > 0) {
		ssize_t r = read(fd, p, n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			if (r == 0)
				errno = EPIPE;
			return -1;
		}
		p += r;
		n -= (size_t)r;
	}
	return 0;
}

int
priv_run(int switching, uid_t uid, gid_t gid,
    int (*work)(void *arg, void *out), void *arg, void *out, size_t outsize)
{
	int p[2], result = -1, status, e = 0;
	pid_t pid;

	if (!switching)
		return work(arg, out);
	if (pipe(p) < 0)
		return -1;
	if ((pid = fork()) < 0) {
		e = errno;
		(void)close(p[0]);	/* nothing was read or written */
		(void)close(p[1]);
		errno = e;
		return -1;
	}
	if (pid == 0) {
		(void)close(p[0]);
		priv_child(p[1], uid, gid, work, arg, out, outsize);
	}
	(void)close(p[1]);	/* the child's end */
	if (read_all(p[0], &result, sizeof result) < 0 ||
	    read_all(p[0], out, outsize) < 0) {
		e = errno;
		result = -1;
	}
	(void)close(p[0]);	/* read side, done */
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (result != -1 && (!WIFEXITED(status) || WEXITSTATUS(status)))
		result = -1, e = EIO;
	errno = e;
	return result;
}
