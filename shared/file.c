/* file.c: write-all, directory fsync, whole-file read, atomic replace. */
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "file.h"
#include "io.h"
#include "limits.h"

int
file_fsync_dir(const char *dirpath)
{
	int fd, r, saved;

	fd = open(dirpath, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	r = fsync(fd);
	saved = errno;
	if (close(fd) < 0 && r == 0)
		return -1;
	errno = saved;
	return r;
}

int
file_read_all(const char *path, struct str *sp, size_t max)
{
	char buf[8192];
	ssize_t r;
	int fd, saved;

	str_truncate(sp, 0);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	while ((r = read(fd, buf, sizeof buf)) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 || sp->len + (size_t)r > max ||
		    str_append(sp, buf, (size_t)r) < 0) {
			saved = r < 0 ? errno : EFBIG;
			close(fd);
			errno = saved;
			return -1;
		}
	}
	return close(fd);
}

static int
file_dirname(const char *path, char *dir, size_t size)
{
	const char *slash = strrchr(path, '/');
	int n;

	if (slash == NULL)
		n = snprintf(dir, size, ".");
	else if (slash == path)
		n = snprintf(dir, size, "/");
	else
		n = snprintf(dir, size, "%.*s", (int)(slash - path), path);
	if (n < 0 || (size_t)n >= size) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

int
file_replace(const char *path, const void *data, size_t n, int mode)
{
	char tmp[LIM_PATH], dir[LIM_PATH];
	int fd, r;

	r = snprintf(tmp, sizeof tmp, "%s.tmpXXXXXX", path);
	if (r < 0 || (size_t)r >= sizeof tmp || file_dirname(path, dir,
	    sizeof dir) < 0) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if ((fd = mkstemp(tmp)) < 0)
		return -1;
	if (fchmod(fd, (mode_t)mode) < 0 || fd_write_all(fd, data, n, -1) < 0 ||
	    fsync(fd) < 0) {
		int saved = errno;
		close(fd);
		unlink(tmp);
		errno = saved;
		return -1;
	}
	if (close(fd) < 0 || rename(tmp, path) < 0) {
		int saved = errno;
		unlink(tmp);
		errno = saved;
		return -1;
	}
	return file_fsync_dir(dir);
}

int
file_mkdirs(const char *path, int mode)
{
	char buf[LIM_PATH];
	size_t n = strlen(path);

	if (n >= sizeof buf) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(buf, path, n + 1);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, (mode_t)mode) < 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	if (mkdir(buf, (mode_t)mode) < 0 && errno != EEXIST)
		return -1;
	return 0;
}

int
file_join(char *buf, size_t size, const char *dir, const char *name)
{
	int n = snprintf(buf, size, "%s/%s", dir, name);

	if (n < 0 || (size_t)n >= size) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}
