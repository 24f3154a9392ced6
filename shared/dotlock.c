/* dotlock.c: Dovecot-compatible dot-locks (see dotlock.h). */
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dotlock.h"
#include "file.h"
#include "io.h"
#include "mdname.h"

static int
dotlock_holder_dead(const char *path)
{
	char buf[LIM_HOSTNAME + 32], host[LIM_HOSTNAME + 1];
	const char *colon;
	ssize_t n;
	long pid;
	int fd;

	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) < 0)
		return 0;
	n = read(fd, buf, sizeof buf - 1);
	(void)close(fd);	/* read-only: nothing to lose */
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	if ((colon = strchr(buf, ':')) == NULL)
		return 0;
	pid = strtol(buf, NULL, 10);
	if (gethostname(host, sizeof host) < 0)
		return 0;
	host[LIM_HOSTNAME] = '\0';
	/* Only a holder on this host can be checked (Dovecot does the same). */
	if (pid <= 0 || strcmp(colon + 1, host) != 0)
		return 0;
	return kill((pid_t)pid, 0) < 0 && errno == ESRCH;
}

int
dotlock_is_stale(const char *path)
{
	struct stat st;

	if (lstat(path, &st) < 0)
		return 0;
	if (time(NULL) - st.st_mtime > DOTLOCK_STALE)
		return 1;
	return dotlock_holder_dead(path);
}

/*
 * Remove a stale lock, unless it was replaced meanwhile: two waiters may
 * both find the same stale lock, and the slower one must not remove the
 * fresh lock the faster one just took.  (A window remains between the
 * lstat and the unlink; Dovecot's dotlocks have the same one.)
 */
static void
dotlock_break(const char *path)
{
	struct stat a, b;

	if (lstat(path, &a) < 0 || !dotlock_is_stale(path) ||
	    lstat(path, &b) < 0 || a.st_ino != b.st_ino ||
	    a.st_mtim.tv_sec != b.st_mtim.tv_sec ||
	    a.st_mtim.tv_nsec != b.st_mtim.tv_nsec)
		return;
	(void)unlink(path);
}

static int
dotlock_write_owner(int fd)
{
	char buf[LIM_HOSTNAME + 32], host[LIM_HOSTNAME + 1];
	ssize_t w;
	int n;

	if (gethostname(host, sizeof host) < 0)
		host[0] = '\0';
	host[LIM_HOSTNAME] = '\0';
	n = snprintf(buf, sizeof buf, "%ld:%s", (long)getpid(), host);
	if (n < 0 || (size_t)n >= sizeof buf)
		n = 0;
	w = write(fd, buf, (size_t)n);
	if (w == n)
		return 0;
	if (w >= 0)
		errno = ENOSPC;	/* a short write: the disk filled up */
	return -1;
}

static void
dotlock_pause(unsigned attempt)
{
	struct timespec ts = { 0, 0 };
	long ns = 1000000L << (attempt < 6 ? attempt : 6);	/* <= 64 ms */

	ns += (long)(random() % 1000000);
	ts.tv_nsec = ns;
	(void)nanosleep(&ts, NULL);
}

static int
dotlock_try(struct dotlock *dl)
{
	dl->fd = open(dl->path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0600);
	if (dl->fd < 0)
		return -1;
	/*
	 * On a full disk the lock is kept empty: it still excludes, and
	 * renaming a message file (flags, expunge) needs no space.  An empty
	 * lock is only ever found stale by its age.
	 */
	if (dotlock_write_owner(dl->fd) < 0 && errno != ENOSPC &&
	    errno != EDQUOT) {
		int e = errno;
		(void)dotlock_release(dl);
		errno = e;
		return -1;
	}
	return 0;
}

int
dotlock_take(struct dotlock *dl, const char *target, int wait)
{
	time_t until = time(NULL) + wait;
	unsigned attempt = 0;
	int n;

	dl->fd = -1;
	n = snprintf(dl->target, sizeof dl->target, "%s", target);
	if (n < 0 || (size_t)n >= sizeof dl->target ||
	    snprintf(dl->path, sizeof dl->path, "%s.lock", target) >=
	    (int)sizeof dl->path) {
		errno = ENAMETOOLONG;
		return -1;
	}
	for (;;) {
		if (dotlock_try(dl) == 0)
			return 0;
		if (errno != EEXIST)
			return -1;
		if (dotlock_is_stale(dl->path)) {
			/* Dovecot unlinks a stale lock and tries again. */
			dotlock_break(dl->path);
			dotlock_pause(0);
			continue;
		}
		if (time(NULL) >= until) {
			errno = EAGAIN;
			return -1;
		}
		dotlock_pause(attempt++);
	}
}

int
dotlock_replace(struct dotlock *dl, const void *data, size_t n)
{
	int rc = 0;

	if (dl->fd < 0) {
		errno = EBADF;
		return -1;
	}
	if (ftruncate(dl->fd, 0) < 0 || lseek(dl->fd, 0, SEEK_SET) < 0 ||
	    fd_write_all(dl->fd, data, n, -1) < 0)
		rc = -1;
	if (rc == 0 && fsync(dl->fd) < 0)
		rc = -1;
	if (close(dl->fd) < 0)
		rc = -1;
	dl->fd = -1;
	if (rc == 0 && rename(dl->path, dl->target) < 0)
		rc = -1;
	if (rc < 0) {
		int e = errno;
		(void)unlink(dl->path);
		errno = e;
	}
	return rc;
}

int
dotlock_release(struct dotlock *dl)
{
	int rc = 0;

	if (dl->fd >= 0) {
		if (close(dl->fd) < 0)
			rc = -1;
		dl->fd = -1;
		if (unlink(dl->path) < 0 && errno != ENOENT)
			rc = -1;
	}
	return rc;
}
