/*
 * folder.c: creating, deleting and renaming Maildir++ folders.  Each
 * change becomes visible through one rename(2) of a directory in the
 * Maildir root, so other readers (and a crash) see a folder either
 * complete or not at all.
 */
#include <sys/stat.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "file.h"
#include "folder.h"
#include "folder_int.h"
#include "limits.h"
#include "maildir.h"

#define RMTREE_DEPTH	16	/* folder/courierimapkeywords/x is 3 */

static int
fail(const char **why, int err, const char *reason)
{
	if (why != NULL)
		*why = reason;
	errno = err;
	return -1;
}

static int
rmtree_at(int dfd, const char *name, int depth)
{
	struct dirent *de;
	DIR *d;
	int fd, r = 0;

	if (unlinkat(dfd, name, 0) == 0 || errno == ENOENT)
		return 0;
	if (errno != EISDIR && errno != EPERM)
		return -1;
	if (depth > RMTREE_DEPTH) {
		errno = ELOOP;
		return -1;
	}
	fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 0 : -1;
	if ((d = fdopendir(fd)) == NULL) {
		close(fd);
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (rmtree_at(dirfd(d), de->d_name, depth + 1) < 0)
			r = -1;
	}
	if (closedir(d) < 0)
		r = -1;
	if (unlinkat(dfd, name, AT_REMOVEDIR) < 0 && errno != ENOENT)
		r = -1;
	return r;
}

int
folder_rmtree(int dfd, const char *name)
{
	return rmtree_at(dfd, name, 0);
}

/*
 * Make a complete folder under a temporary name in root.  One fsync of
 * the new directory makes its entries durable before the rename; the
 * caller's fsync of root makes the rename durable.
 */
static int
build_temp(const char *root, char *tmp, size_t size)
{
	static const char *const subs[] = { "cur", "new", "tmp" };
	char path[LIM_PATH];
	size_t i;
	int fd;

	if (file_join(tmp, size, root, FOLDER_TEMP_PREFIX "XXXXXX") < 0 ||
	    mkdtemp(tmp) == NULL || chmod(tmp, MAILDIR_MODE) < 0)
		return -1;
	for (i = 0; i < sizeof subs / sizeof subs[0]; i++)
		if (file_join(path, sizeof path, tmp, subs[i]) < 0 ||
		    mkdir(path, MAILDIR_MODE) < 0)
			return -1;
	if (file_join(path, sizeof path, tmp, "maildirfolder") < 0)
		return -1;
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 || close(fd) < 0)
		return -1;
	return file_fsync_dir(tmp);
}

static void
remove_path(const char *root, const char *path)
{
	int fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	const char *base = strrchr(path, '/');

	if (fd < 0)
		return;
	/* Best effort: folder_list() sweeps what stays. */
	(void)folder_rmtree(fd, base != NULL ? base + 1 : path);
	(void)close(fd);
}

int
folder_create(const char *root, const char *name, const char **why)
{
	char disk[LIM_FOLDER_NAME + 1], path[LIM_PATH], tmp[LIM_PATH];
	struct stat st;
	int err = 0;

	if (folder_canon(name, NULL, 0, disk, sizeof disk, why) < 0)
		return -1;
	if (disk[0] == '\0')
		return fail(why, EEXIST, "INBOX always exists");
	if (file_join(path, sizeof path, root, disk) < 0)
		return -1;
	if (lstat(path, &st) == 0)
		return fail(why, EEXIST, "Mailbox already exists");
	if (build_temp(root, tmp, sizeof tmp) < 0) {
		int saved = errno;
		remove_path(root, tmp);
		errno = saved;
		return -1;
	}
	/* Linux lets rename(2) replace an empty directory: check again. */
	if (lstat(path, &st) == 0)
		err = EEXIST;
	else if (rename(tmp, path) < 0)
		err = errno == ENOTEMPTY || errno == EEXIST ? EEXIST : errno;
	if (err != 0) {
		remove_path(root, tmp);
		if (err == EEXIST)
			return fail(why, EEXIST, "Mailbox already exists");
		errno = err;
		return -1;
	}
	return file_fsync_dir(root);
}

/*
 * Move path out of sight into a fresh trash directory, then remove it.
 * Once the rename is done the folder is gone for every client, so a
 * failure to remove the trash is not reported: folder_list() retries.
 */
static int
trash(const char *root, const char *path)
{
	char dir[LIM_PATH], dest[LIM_PATH];

	if (file_join(dir, sizeof dir, root, FOLDER_TRASH_PREFIX "XXXXXX") < 0 ||
	    mkdtemp(dir) == NULL || file_join(dest, sizeof dest, dir, "f") < 0)
		return -1;
	if (rename(path, dest) < 0) {
		int saved = errno;
		(void)rmdir(dir);
		errno = saved;
		return -1;
	}
	if (file_fsync_dir(root) < 0)
		return -1;
	remove_path(root, dir);
	return 0;
}

int
folder_delete(const char *root, const char *name, const char **why)
{
	char disk[LIM_FOLDER_NAME + 1], path[LIM_PATH];
	struct stat st;

	if (folder_canon(name, NULL, 0, disk, sizeof disk, why) < 0)
		return -1;
	/* RFC 3501 6.3.4: deleting INBOX is an error. */
	if (disk[0] == '\0')
		return fail(why, EPERM, "INBOX cannot be deleted");
	/*
	 * RFC 3501 6.3.4: a folder with children loses its messages and
	 * stays as a \Noselect name; in Maildir++ that is just removing its
	 * directory, as Dovecot does.  A name that is only a prefix has no
	 * directory: ENOENT, as Dovecot answers.
	 */
	if (file_join(path, sizeof path, root, disk) < 0)
		return -1;
	if (lstat(path, &st) < 0)
		return errno == ENOENT ?
		    fail(why, ENOENT, "Mailbox doesn't exist") : -1;
	return trash(root, path);
}
