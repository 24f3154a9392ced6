/* lock.c: session lock and login delay stamps. */
#include <sys/file.h>
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "file.h"
#include "limits.h"
#include "lock.h"

int
lock_session(const char *dir)
{
	char path[LIM_PATH];
	int fd;

	if (file_join(path, sizeof path, dir, LOCK_SESSION_NAME) < 0)
		return -1;
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	/* The fd stays open (and locked) for the life of the process. */
	if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		int e = errno;
		(void)close(fd);
		errno = e == EWOULDBLOCK ? EWOULDBLOCK : e;
		return -1;
	}
	return 0;
}

int
lock_login_delay(const char *dir, long delay)
{
	char path[LIM_PATH];
	struct stat st;
	time_t now = time(NULL);
	int fd;

	if (file_join(path, sizeof path, dir, "pop3d-last-login") < 0)
		return -1;
	if (stat(path, &st) == 0 && now >= st.st_mtime &&
	    now - st.st_mtime < delay) {
		errno = EAGAIN;
		return -1;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	if (futimens(fd, NULL) < 0) {
		(void)close(fd);
		return -1;
	}
	return close(fd);
}
