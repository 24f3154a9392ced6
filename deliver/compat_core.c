/*
 * compat_core.c: TEMPORARY stand-ins for shared/maildir.c, folder.c and
 * mutf7.c until they land on main (built only while they are missing;
 * see build.mk).  Minimal: ASCII folder names only.
 */
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "file.h"
#include "folder.h"
#include "maildir.h"
#include "mutf7.h"

int
maildir_check(const char *dir)
{
	static const char *const sub[] = { "cur", "new", "tmp" };
	char p[4200];
	struct stat st;

	for (int i = 0; i < 3; i++) {
		snprintf(p, sizeof p, "%s/%s", dir, sub[i]);
		if (stat(p, &st) < 0)
			return -1;
		if (!S_ISDIR(st.st_mode))
			return errno = ENOTDIR, -1;
	}
	return 0;
}

int
maildir_create(const char *dir)
{
	static const char *const sub[] = { "cur", "new", "tmp" };
	char p[4200];

	if (mkdir(dir, 0700) < 0 && errno != EEXIST)
		return -1;
	for (int i = 0; i < 3; i++) {
		snprintf(p, sizeof p, "%s/%s", dir, sub[i]);
		if (mkdir(p, 0700) < 0 && errno != EEXIST)
			return -1;
	}
	return 0;
}

int
folder_is_inbox(const char *name)
{
	return strcasecmp(name, "INBOX") == 0;
}

int
folder_path(const char *root, const char *name, char *path, size_t size,
    const char **why)
{
	if (strchr(name, '/') || strstr(name, "..") || name[0] == '.' ||
	    name[0] == '\0') {
		*why = "bad name";
		return errno = EINVAL, -1;
	}
	if ((size_t)snprintf(path, size, "%s/.%s", root, name) >= size)
		return errno = ENAMETOOLONG, -1;
	return 0;
}

int
folder_create(const char *root, const char *name, const char **why)
{
	char p[4200];
	int fd;

	if (folder_path(root, name, p, sizeof p, why) < 0 ||
	    maildir_create(p) < 0)
		return -1;
	strncat(p, "/maildirfolder", sizeof p - strlen(p) - 1);
	if ((fd = open(p, O_WRONLY | O_CREAT, 0600)) < 0)
		return -1;
	return close(fd);
}

int
mutf7_valid(const char *in, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (in[i] < 0x20 || in[i] >= 0x7f || in[i] == '&')
			return 0;
	return 1;
}

int
utf8_valid(const char *in, size_t n)
{
	(void)in;
	(void)n;
	return 0;
}

int
mutf7_from_utf8(const char *in, size_t n, struct str *out)
{
	(void)in;
	(void)n;
	(void)out;
	return errno = EINVAL, -1;
}
