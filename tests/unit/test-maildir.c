/* test-maildir.c: shared/maildir.c */
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>
#include "tap.h"
#include "folder_int.h"
#include "limits.h"
#include "maildir.h"

static char root[64];

/* Create root/rel, dated age seconds ago (mtime and atime). */
static int
file_aged(const char *rel, time_t age)
{
	char path[LIM_PATH];
	struct timespec ts[2];
	int fd;

	snprintf(path, sizeof path, "%s/%s", root, rel);
	if ((fd = open(path, O_WRONLY | O_CREAT, 0600)) < 0 || close(fd) < 0)
		return -1;
	ts[0].tv_sec = ts[1].tv_sec = time(NULL) - age;
	ts[0].tv_nsec = ts[1].tv_nsec = 0;
	return utimensat(AT_FDCWD, path, ts, 0);
}

static int
present(const char *rel)
{
	char path[LIM_PATH];
	struct stat st;

	snprintf(path, sizeof path, "%s/%s", root, rel);
	return lstat(path, &st) == 0;
}

int
main(void)
{
	char md[128], path[LIM_PATH], big[LIM_PATH + 10];
	struct stat st;

	plan_lazy();
	snprintf(root, sizeof root, "/tmp/test-maildir-XXXXXX");
	if (!ok(mkdtemp(root) != NULL, "temporary directory"))
		return done_testing();
	snprintf(md, sizeof md, "%s/Maildir", root);
	errno = 0;
	ok(maildir_check(md) < 0 && errno == ENOENT, "check missing: ENOENT");
	ok(maildir_create(md) == 0, "create");
	ok(maildir_check(md) == 0, "check created");
	ok(stat(md, &st) == 0 && (st.st_mode & 0777) == 0700, "  mode 0700");
	snprintf(path, sizeof path, "%s/cur", md);
	ok(stat(path, &st) == 0 && (st.st_mode & 0777) == 0700,
	    "  cur/ mode 0700");
	ok(maildir_create(md) == 0, "create again is fine");
	ok(rmdir(path) == 0 && maildir_check(md) < 0 && errno == ENOENT,
	    "check without cur/: ENOENT");
	ok(open(path, O_WRONLY | O_CREAT, 0600) >= 0 &&
	    maildir_check(md) < 0 && errno == ENOTDIR,
	    "check with a file cur: ENOTDIR");
	ok(unlink(path) == 0 && maildir_create(md) == 0, "repair");

	ok(maildir_folder_path(md, "", path, sizeof path) == 0 &&
	    strcmp(path, md) == 0, "folder path of INBOX is the root");
	ok(maildir_folder_path(md, ".Sent", path, sizeof path) == 0 &&
	    strlen(path) == strlen(md) + 6, "folder path .Sent");
	errno = 0;
	ok(maildir_folder_path(md, "..", path, sizeof path) < 0 &&
	    errno == EINVAL, "..: EINVAL");
	ok(maildir_folder_path(md, ".", path, sizeof path) < 0 &&
	    errno == EINVAL, ".: EINVAL");
	ok(maildir_folder_path(md, ".a/../..", path, sizeof path) < 0 &&
	    errno == EINVAL, "slash: EINVAL");
	ok(maildir_folder_path(md, "Sent", path, sizeof path) < 0 &&
	    errno == EINVAL, "no leading dot: EINVAL");
	memset(big, 'a', sizeof big - 1);
	big[0] = '.';
	big[sizeof big - 1] = '\0';
	ok(maildir_folder_path(md, big, path, sizeof path) < 0 &&
	    errno == ENAMETOOLONG, "too long: ENAMETOOLONG");

	ok(file_aged("Maildir/tmp/old", LIM_TMP_AGE + 60) == 0 &&
	    file_aged("Maildir/tmp/young", LIM_TMP_AGE - 60) == 0 &&
	    file_aged("Maildir/tmp/new", 0) == 0, "tmp/ files of three ages");
	is_int(maildir_clean_tmp(md), 1, "clean_tmp removes one");
	ok(!present("Maildir/tmp/old"), "  the one older than 36 h");
	ok(present("Maildir/tmp/young") && present("Maildir/tmp/new"),
	    "  younger ones stay");
	is_int(maildir_clean_tmp(md), 0, "second sweep removes nothing");
	snprintf(path, sizeof path, "%s/nope", root);
	ok(maildir_clean_tmp(path) < 0 && errno == ENOENT,
	    "clean_tmp on a missing Maildir: -1 ENOENT");
	ok(folder_rmtree(AT_FDCWD, root) == 0, "clean up");
	return done_testing();
}
