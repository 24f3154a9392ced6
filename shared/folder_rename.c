/*
 * folder_rename.c: RENAME (RFC 3501 6.3.5) for Maildir++ folders: a
 * folder and every folder under it are renamed one directory at a time;
 * INBOX is special: its messages move to a new folder and INBOX stays.
 */
#include <sys/stat.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "file.h"
#include "folder.h"
#include "folder_int.h"
#include "limits.h"

static int
fail(const char **why, int err, const char *reason)
{
	if (why != NULL)
		*why = reason;
	errno = err;
	return -1;
}

/* root/.<prefix><suffix> into buf. */
static int
disk_path(char *buf, size_t size, const char *root, const char *prefix,
    const char *suffix)
{
	int n = snprintf(buf, size, "%s/.%s%s", root, prefix, suffix);

	if (n < 0 || (size_t)n >= size) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

/* Move every message file from src to dst (same file system). */
static int
move_files(const char *src, const char *dst)
{
	struct dirent *de;
	DIR *d;
	int dfd, r = 0;

	if ((dfd = open(dst, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return -1;
	if ((d = opendir(src)) == NULL) {
		(void)close(dfd);
		return -1;
	}
	while (r == 0 && (de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		/* Gone meanwhile (expunged, flags changed): it stays put. */
		if (renameat(dirfd(d), de->d_name, dfd, de->d_name) < 0 &&
		    errno != ENOENT)
			r = -1;
	}
	if (r == 0 && (fsync(dirfd(d)) < 0 || fsync(dfd) < 0))
		r = -1;
	if (closedir(d) < 0)
		r = -1;
	if (close(dfd) < 0)
		r = -1;
	return r;
}

static int
rename_inbox(const char *root, const char *to, const char **why)
{
	static const char *const subs[] = { "new", "cur" };
	char dst[LIM_PATH], a[LIM_PATH], b[LIM_PATH];
	size_t i;

	if (folder_create(root, to, why) < 0 ||
	    folder_path(root, to, dst, sizeof dst, why) < 0)
		return -1;
	for (i = 0; i < sizeof subs / sizeof subs[0]; i++) {
		if (snprintf(a, sizeof a, "%s/%s", root, subs[i]) >=
		    (int)sizeof a || snprintf(b, sizeof b, "%s/%s", dst,
		    subs[i]) >= (int)sizeof b) {
			errno = ENAMETOOLONG;
			return -1;
		}
		if (move_files(a, b) < 0)
			return -1;
	}
	return 0;
}

/* The names to move: from itself and everything under it. */
static int
collect(const char *root, const char *from, struct names *out)
{
	struct names all = { NULL, 0, 0 };
	size_t i, len = strlen(from);
	int r = 0;

	if (folder_scan(root, &all, 0) < 0)
		return -1;
	for (i = 0; i < all.n && r == 0; i++)
		if (strncmp(all.v[i], from, len) == 0 &&
		    (all.v[i][len] == '\0' || all.v[i][len] == FOLDER_SEP))
			r = names_add(out, all.v[i]);
	names_free(&all);
	return r;
}

/* Every target name must be valid and free before anything moves. */
static int
check_targets(const char *root, const struct names *ns, size_t fromlen,
    const char *to, const char **why)
{
	char name[LIM_PATH], path[LIM_PATH];
	struct stat st;
	size_t i;

	for (i = 0; i < ns->n; i++) {
		if (snprintf(name, sizeof name, "%s%s", to,
		    ns->v[i] + fromlen) >= (int)sizeof name)
			return fail(why, EINVAL, "Mailbox name too long");
		if (folder_name_check(name, why) < 0 ||
		    disk_path(path, sizeof path, root, name, "") < 0)
			return -1;
		if (lstat(path, &st) == 0)
			return fail(why, EEXIST, "Target mailbox exists");
	}
	return 0;
}

/* Rename the collected folders; on failure put back what moved. */
static int
move_all(const char *root, const struct names *ns, size_t fromlen,
    const char *to)
{
	char a[LIM_PATH], b[LIM_PATH];
	size_t i, j;
	int saved;

	for (i = 0; i < ns->n; i++) {
		if (disk_path(a, sizeof a, root, ns->v[i], "") < 0 ||
		    disk_path(b, sizeof b, root, to, ns->v[i] + fromlen) < 0 ||
		    rename(a, b) < 0)
			break;
	}
	if (i == ns->n)
		return file_fsync_dir(root);
	saved = errno;
	for (j = 0; j < i; j++)
		if (disk_path(a, sizeof a, root, ns->v[j], "") == 0 &&
		    disk_path(b, sizeof b, root, to, ns->v[j] + fromlen) == 0)
			(void)rename(b, a);	/* best effort */
	errno = saved == EEXIST || saved == ENOTEMPTY ? EEXIST : saved;
	return -1;
}

int
folder_rename(const char *root, const char *from, const char *to,
    const char **why)
{
	char fc[LIM_FOLDER_NAME + 1], tc[LIM_FOLDER_NAME + 1];
	struct names ns = { NULL, 0, 0 };
	size_t flen;
	int r;

	if (folder_canon(from, fc, sizeof fc, NULL, 0, why) < 0 ||
	    folder_canon(to, tc, sizeof tc, NULL, 0, why) < 0)
		return -1;
	if (folder_is_inbox(tc) || strcmp(fc, tc) == 0)
		return fail(why, EEXIST, "Target mailbox exists");
	if (folder_is_inbox(fc))
		return rename_inbox(root, tc, why);
	flen = strlen(fc);
	if (strncmp(tc, fc, flen) == 0 && tc[flen] == FOLDER_SEP)
		return fail(why, EINVAL, "Cannot rename a mailbox into itself");
	if (collect(root, fc, &ns) < 0)
		return -1;
	if (ns.n == 0)
		r = fail(why, ENOENT, "Mailbox doesn't exist");
	else if ((r = check_targets(root, &ns, flen, tc, why)) == 0)
		r = move_all(root, &ns, flen, tc);
	names_free(&ns);
	return r;
}
