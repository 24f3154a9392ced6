/*
 * nolink.c: an LD_PRELOAD shim for tests: link() and linkat() fail with
 * EPERM, as on file systems without hard links (vfat, some FUSE, AFS),
 * so the delivery's rename() fallback runs.  Only for tests.
 */
#include <errno.h>
#include <unistd.h>

int linkat(int, const char *, int, const char *, int);

int
link(const char *from, const char *to)
{
	(void)from;
	(void)to;
	errno = EPERM;
	return -1;
}

int
linkat(int fd1, const char *from, int fd2, const char *to, int flags)
{
	(void)fd1;
	(void)from;
	(void)fd2;
	(void)to;
	(void)flags;
	errno = EPERM;
	return -1;
}
