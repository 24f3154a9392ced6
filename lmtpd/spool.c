/*
 * spool.c: anonymous spool files.  Linux-only O_TMPFILE needs
 * _GNU_SOURCE; where the file system refuses it, a named file is
 * unlinked right after creation.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "io.h"
#include "limits.h"
#include "spool.h"

int
spool_open(const char *dir)
{
	char path[LIM_PATH];
	int fd;

#ifdef O_TMPFILE
	fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd >= 0 || (errno != EOPNOTSUPP && errno != EISDIR &&
	    errno != EINVAL))
		return fd;
#endif
	if (snprintf(path, sizeof path, "%s/lmtpd.XXXXXX", dir) >=
	    (int)sizeof path) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if ((fd = mkostemp(path, O_CLOEXEC)) < 0)
		return -1;
	if (unlink(path) < 0) {
		int e = errno;
		(void)close(fd);	/* never used: nothing to lose */
		errno = e;
		return -1;
	}
	return fd;
}

int
spool_write(int fd, const void *buf, size_t n)
{
	return fd_write_all(fd, buf, n, -1);
}
