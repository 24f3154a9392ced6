/* maildir.c: the cur/ new/ tmp/ triple, folder paths, the tmp/ sweep. */
#include <sys/stat.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "file.h"
#include "limits.h"
#include "maildir.h"

static const char *const subdirs[] = { "cur", "new", "tmp" };

int
maildir_check(const char *dir)
{
	char path[LIM_PATH];
	struct stat st;
	size_t i;
	int n;

	for (i = 0; i < sizeof subdirs / sizeof subdirs[0]; i++) {
		n = snprintf(path, sizeof path, "%s/%s", dir, subdirs[i]);
		if (n < 0 || (size_t)n >= sizeof path) {
			errno = ENAMETOOLONG;
			return -1;
		}
		if (stat(path, &st) < 0)
			return -1;
		if (!S_ISDIR(st.st_mode)) {
			errno = ENOTDIR;
			return -1;
		}
	}
	return 0;
}

int
maildir_create(const char *dir)
{
	char path[LIM_PATH];
	size_t i;
	int n;

	if (mkdir(dir, MAILDIR_MODE) < 0 && errno != EEXIST)
		return -1;
	for (i = 0; i < sizeof subdirs / sizeof subdirs[0]; i++) {
		n = snprintf(path, sizeof path, "%s/%s", dir, subdirs[i]);
		if (n < 0 || (size_t)n >= sizeof path) {
			errno = ENAMETOOLONG;
			return -1;
		}
		if (mkdir(path, MAILDIR_MODE) < 0 && errno != EEXIST)
			return -1;
	}
	if (maildir_check(dir) < 0 || file_fsync_dir(dir) < 0)
		return -1;
	/* The new entry in dir's parent must be durable too. */
	n = snprintf(path, sizeof path, "%s/..", dir);
	if (n < 0 || (size_t)n >= sizeof path) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return file_fsync_dir(path);
}

int
maildir_folder_path(const char *root, const char *diskname, char *path,
    size_t size)
{
	int n;

	if (diskname[0] == '\0')
		n = snprintf(path, size, "%s", root);
	else if (diskname[0] != '.' || strchr(diskname, '/') != NULL ||
	    strcmp(diskname, ".") == 0 || strcmp(diskname, "..") == 0) {
		errno = EINVAL;
		return -1;
	} else
		n = snprintf(path, size, "%s/%s", root, diskname);
	if (n < 0 || (size_t)n >= size) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

/* Remove tmp/name if it is a file not changed for LIM_TMP_AGE. */
static int
clean_one(int dfd, const char *name, time_t now)
{
	struct stat st;

	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return errno == ENOENT ? 0 : -1;
	if (S_ISDIR(st.st_mode))
		return 0;
	/*
	 * maildir.html: a tmp/ file "not accessed in 36 hours" may go.  A
	 * writer still at work moves the mtime, a reader the atime.
	 */
	if (now - st.st_mtime <= LIM_TMP_AGE ||
	    now - st.st_atime <= LIM_TMP_AGE)
		return 0;
	if (unlinkat(dfd, name, 0) < 0)
		return errno == ENOENT ? 0 : -1;
	return 1;
}

int
maildir_clean_tmp(const char *dir)
{
	char path[LIM_PATH];
	struct dirent *de;
	time_t now = time(NULL);
	DIR *d;
	int n, removed = 0;

	n = snprintf(path, sizeof path, "%s/tmp", dir);
	if (n < 0 || (size_t)n >= sizeof path) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if ((d = opendir(path)) == NULL)
		return -1;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		/* A file we cannot remove is skipped, not fatal. */
		if (clean_one(dirfd(d), de->d_name, now) == 1)
			removed++;
	}
	if (closedir(d) < 0)
		return -1;
	return removed;
}
