/* test-file.c: shared/file.c (join, mkdirs, atomic replace, read whole). */
#include <sys/stat.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "testutil.h"
#include "file.h"
#include "limits.h"

static char top[256];

static void
test_join(void)
{
	char buf[16];

	ok(file_join(buf, sizeof buf, "/a", "b") == 0, "join fits");
	is_str(buf, "/a/b", "join puts one slash between");
	errno = 0;
	ok(file_join(buf, sizeof buf, "/0123456789", "abcd") == -1 &&
	    errno == ENAMETOOLONG, "join of 16 bytes into 16: ENAMETOOLONG");
	ok(file_join(buf, sizeof buf, "/0123456789", "abc") == 0,
	    "join of exactly 15 bytes and the NUL fits");
}

static void
test_mkdirs(void)
{
	char p[LIM_PATH];
	struct stat st;

	snprintf(p, sizeof p, "%s/x/y/z", top);
	ok(file_mkdirs(p, 0700) == 0, "mkdirs makes the whole path");
	ok(stat(p, &st) == 0 && S_ISDIR(st.st_mode) &&
	    (st.st_mode & 0777) == 0700, "it is a directory, mode 0700");
	ok(file_mkdirs(p, 0700) == 0, "mkdirs of an existing path is fine");
}

static void
test_replace_read(void)
{
	char p[LIM_PATH];
	struct str s = STR_INIT(1 << 20);
	struct stat st;

	snprintf(p, sizeof p, "%s/f", top);
	ok(file_replace(p, "one\n", 4, 0640) == 0, "replace creates");
	ok(file_read_all(p, &s, 100) == 0 && s.len == 4 &&
	    memcmp(s.s, "one\n", 4) == 0, "read back what was written");
	ok(stat(p, &st) == 0 && (st.st_mode & 0777) == 0640, "mode 0640");
	ok(file_replace(p, "second", 6, 0600) == 0 &&
	    file_read_all(p, &s, 100) == 0 && s.len == 6 &&
	    memcmp(s.s, "second", 6) == 0, "replace replaces, read truncates");
	errno = 0;
	ok(file_read_all(p, &s, 5) == -1 && errno == EFBIG,
	    "a file over max: EFBIG");
	ok(file_read_all(p, &s, 6) == 0, "a file of exactly max is read");
	errno = 0;
	snprintf(p, sizeof p, "%s/none", top);
	ok(file_read_all(p, &s, 100) == -1 && errno == ENOENT,
	    "a missing file: ENOENT");
	snprintf(p, sizeof p, "%s/nodir/f", top);
	ok(file_replace(p, "x", 1, 0600) == -1 && errno == ENOENT,
	    "replace into a missing directory fails with ENOENT");
	ok(file_fsync_dir(top) == 0, "fsync of a directory");
	str_free(&s);
}

/* No temporary file is left behind by replace. */
static void
test_no_leftovers(void)
{
	DIR *d = opendir(top);
	struct dirent *e;
	int n = 0;

	while (d != NULL && (e = readdir(d)) != NULL)
		if (strstr(e->d_name, "tmp") != NULL)
			n++;
	if (d != NULL)
		closedir(d);
	ok(d != NULL, "the test directory can be listed");
	is_int(n, 0, "no .tmp files left in the directory");
}

int
main(void)
{
	const char *t = getenv("TMPDIR");

	snprintf(top, sizeof top, "%s/test-file.XXXXXX", t ? t : "/tmp");
	if (mkdtemp(top) == NULL)
		return 1;
	test_join();
	test_mkdirs();
	test_replace_read();
	test_no_leftovers();
	tu_rmrf(top);
	return done_testing();
}
