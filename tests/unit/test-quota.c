/* test-quota.c: shared/quota*.c: parsers, maildirsize I/O, recalculation,
 * grace, and concurrent appenders. */
#include <sys/stat.h>
#include <sys/wait.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
#include <utime.h>

#include "tap.h"
#include "file.h"
#include "quota.h"
#include "str.h"

static char top[256];

static void
mkmaildir(const char *dir)
{
	char p[LIM_PATH];

	snprintf(p, sizeof p, "%s/cur", dir);
	file_mkdirs(p, 0700);
	snprintf(p, sizeof p, "%s/new", dir);
	file_mkdirs(p, 0700);
	snprintf(p, sizeof p, "%s/tmp", dir);
	file_mkdirs(p, 0700);
}

static void
put(const char *dir, const char *name, size_t size)
{
	char p[LIM_PATH];
	char *buf = calloc(1, size + 1);
	int fd;

	snprintf(p, sizeof p, "%s/%s", dir, name);
	fd = open(p, O_CREAT | O_WRONLY | O_TRUNC, 0600);
	if (fd < 0 || write(fd, buf, size) != (ssize_t)size)
		diag("cannot write %s", p);
	close(fd);
	free(buf);
}

static void
set_file(const char *path, const char *text)
{
	file_replace(path, text, strlen(text), 0600);
}

static int
file_is(const char *path, const char *want)
{
	struct str s = STR_INIT(1 << 20);
	int r = file_read_all(path, &s, 1 << 20) == 0 &&
	    strcmp(s.s ? s.s : "", want) == 0;

	if (!r)
		diag("file is \"%s\"", s.s ? s.s : "(none)");
	str_free(&s);
	return r;
}

static void
test_parsers(void)
{
	struct quota_limits l;
	long long b, c;
	char buf[64];
	const char *img = "100S\n  1000    2\n   -40   -1\n7 1";

	ok(quota_parse_limits("10000000S,1000C", 15, &l) == 0 &&
	    l.bytes == 10000000 && l.count == 1000, "limits S and C");
	ok(quota_parse_limits("1000C", 5, &l) == 0 && l.bytes == 0 &&
	    l.count == 1000, "count only");
	ok(quota_parse_limits("5C,77S,9X", 9, &l) == 0 && l.bytes == 77 &&
	    l.count == 5, "any order, unknown letter ignored");
	ok(quota_parse_limits("abc", 3, &l) < 0, "garbage rejected");
	ok(quota_parse_limits("-5S", 3, &l) < 0, "negative limit rejected");
	ok(quota_parse_limits("99999999999999999999S", 21, &l) < 0,
	    "overflow rejected");
	is_int(quota_sum_deltas(img, strlen(img), &b, &c), 3, "three deltas");
	ok(b == 967 && c == 2, "padded and negative deltas summed");
	ok(quota_sum_deltas("1S\n12 x\n", 8, &b, &c) < 0, "bad delta");
	l.bytes = 500;
	l.count = 0;
	quota_format_limits(buf, sizeof buf, &l);
	is_str(buf, "500S", "format bytes only");
	l.count = 9;
	quota_format_limits(buf, sizeof buf, &l);
	is_str(buf, "500S,9C", "format both");
}

static void
test_recalc(const char *md)
{
	struct quota_limits want = { 100000, 100 };
	char p[LIM_PATH], folder[1024];
	struct quota q;

	snprintf(folder, sizeof folder, "%s/.Work", md);
	mkmaildir(folder);
	snprintf(p, sizeof p, "%s/.Trash", md);
	mkmaildir(p);
	put(md, "new/1.M1P1.h,S=300", 1);	/* S= trusted, not stat */
	put(md, "cur/2.M2P2.h,S=200,W=210:2,S", 1);
	put(md, "cur/3.qmail.h:2,", 50);		/* no S=: stat */
	put(folder, "cur/4.M4P4.h,S=1000:2,", 1);
	put(p, "cur/5.M5P5.h,S=9999:2,", 1);	/* .Trash not counted */
	snprintf(p, sizeof p, "%s/maildirfolder", folder);
	close(open(p, O_CREAT | O_WRONLY, 0600));

	errno = 0;
	ok(quota_open(&q, "", &want) < 0 && errno == ENOENT,
	    "empty path refused (never /maildirsize)");
	ok(quota_open(&q, md, NULL) == 0 && !quota_enabled(&q),
	    "no file, no limits: no quota");
	ok(quota_fits(&q, 1LL << 40, 1000000) == 1, "everything fits");
	ok(quota_add(&q, 5, 1) == 0, "add is a no-op");
	snprintf(p, sizeof p, "%s/maildirsize", md);
	ok(access(p, F_OK) < 0, "no maildirsize written without quota");
	quota_close(&q);

	ok(quota_open(&q, md, &want) == 0 && q.recalculated, "recalculated");
	is_int(q.bytes, 1550, "bytes: S= names, stat, folder, not Trash");
	is_int(q.count, 4, "count");
	ok(file_is(p, "100000S,100C\n1550 4\n"), "maildirsize written");
	ok(quota_add(&q, 123, 1) == 0, "append a delta");
	quota_close(&q);
	ok(file_is(p, "100000S,100C\n1550 4\n     123    1\n"),
	    "delta line padded to 14 bytes");

	ok(quota_open(&q, folder, NULL) == 0 && !q.recalculated,
	    "folder opens its parent's file without recalculation");
	is_int(q.bytes, 1673, "usage from the deltas");
	ok(strcmp(q.root, md) == 0, "root is the parent Maildir");
	quota_close(&q);

	want.bytes = 5000;
	quota_open(&q, md, &want);
	ok(q.recalculated && file_is(p, "5000S,100C\n1550 4\n"),
	    "a different limit from the table rewrites the file");
	quota_close(&q);
}

static void
test_size_trigger(const char *md)
{
	char p[LIM_PATH];
	struct quota q;

	snprintf(p, sizeof p, "%s/maildirsize", md);
	quota_open(&q, md, NULL);
	for (int i = 0; i < 400; i++)
		quota_add(&q, 1, 1);
	quota_close(&q);
	quota_open(&q, md, NULL);
	ok(q.recalculated && q.bytes == 1550 && q.count == 4,
	    "file of 5120 bytes or more is recalculated");
	quota_close(&q);
	set_file(p, "5000S,100C\n1550 4\nnonsense\n");
	quota_open(&q, md, NULL);
	ok(q.recalculated && q.bytes == 1550, "corrupt file recalculated");
	quota_close(&q);
}

static void
test_over(const char *md)
{
	char p[LIM_PATH];
	struct utimbuf old = { time(NULL) - 3600, time(NULL) - 3600 };
	struct quota q;

	snprintf(p, sizeof p, "%s/maildirsize", md);
	/* Deltas say over quota, the disk says not: recalculated. */
	set_file(p, "5000S,100C\n1550 4\n4000 1\n");
	quota_open(&q, md, NULL);
	ok(!q.recalculated && q.bytes == 5550, "over by the deltas");
	is_int(quota_fits(&q, 10, 1), 1, "fits after recalculation");
	ok(q.recalculated && q.bytes == 1550, "recalculated on over quota");
	quota_close(&q);
	/* One line, fresh, over: believed without scanning. */
	set_file(p, "5000S,100C\n6000 4\n");
	quota_open(&q, md, NULL);
	is_int(quota_fits(&q, 10, 1), 0, "one fresh line over: over");
	ok(!q.recalculated, "  and not recalculated");
	quota_close(&q);
	/* The same, 15 minutes old: recalculated. */
	utime(p, &old);
	quota_open(&q, md, NULL);
	is_int(quota_fits(&q, 10, 1), 1, "stale file over quota: rechecked");
	quota_close(&q);
}

/* A maildirsize we may read but not write is enforced, not appended. */
static void
test_readonly(const char *md)
{
	char p[LIM_PATH];
	struct quota q;

	if (geteuid() == 0) {
		ok(1, "# skip read-only maildirsize: root can write anyway");
		return;
	}
	snprintf(p, sizeof p, "%s/maildirsize", md);
	set_file(p, "5000S,100C\n1550 4\n");
	chmod(p, 0400);
	ok(quota_open(&q, md, NULL) == 0 && q.readonly && q.fd < 0 &&
	    q.bytes == 1550 && quota_add(&q, 10, 1) == 0,
	    "read-only maildirsize: read, nothing appended");
	quota_close(&q);
	chmod(p, 0600);
}

static void
test_grace(void)
{
	struct quota q;

	memset(&q, 0, sizeof q);
	q.fd = -1;
	q.recalculated = 1;
	q.lim.bytes = 1000;
	q.grace_percent = 10;
	q.bytes = 950;
	is_int(quota_fits(&q, 50, 1), 1, "exactly to the limit");
	is_int(quota_fits(&q, 150, 1), 1, "crossing message within grace");
	is_int(quota_fits(&q, 151, 1), 0, "crossing message beyond grace");
	q.bytes = 1000;
	is_int(quota_fits(&q, 1, 1), 0, "at the limit: nothing more");
	is_int(quota_fits(&q, -100, -1), 1, "removal always fits");
	q.bytes = 950;
	q.grace_percent = 0;
	is_int(quota_fits(&q, 51, 1), 0, "grace 0: Courier's strict check");
	q.lim.bytes = 0;
	q.lim.count = 3;
	q.count = 2;
	is_int(quota_fits(&q, 1LL << 30, 1), 1, "count 2 of 3: fits");
	q.count = 3;
	is_int(quota_fits(&q, 1, 1), 0, "count limit has no grace");
	is_int(quota_percent(&q), 100, "percent by count");
	q.lim.bytes = 1000;
	q.bytes = 900;
	q.count = 0;
	is_int(quota_percent(&q), 90, "percent by bytes");
}

/* Several processes appending at once: every line lands whole. */
static void
test_concurrent(const char *md)
{
	struct quota_limits want = { 1LL << 40, 0 };
	char p[LIM_PATH];
	struct str s = STR_INIT(1 << 20);
	long long b, c;
	struct quota q;
	int n, go[2];

	snprintf(p, sizeof p, "%s/maildirsize", md);
	unlink(p);
	quota_open(&q, md, &want);
	quota_close(&q);
	/* All open first (no one recalculates mid-way), then append. */
	if (pipe(go) < 0)
		return;
	for (int k = 0; k < 8; k++)
		if (fork() == 0) {
			struct quota qc;
			char x;
			close(go[1]);
			quota_open(&qc, md, NULL);
			if (read(go[0], &x, 1) < 0)
				_exit(1);
			for (int i = 0; i < 200; i++)
				quota_add(&qc, 100 + k, 1);
			quota_close(&qc);
			_exit(0);
		}
	close(go[0]);
	usleep(100000);
	close(go[1]);
	while (wait(NULL) > 0)
		;
	file_read_all(p, &s, 1 << 20);
	n = quota_sum_deltas(s.s, s.len, &b, &c);
	is_int(n, 1 + 8 * 200, "every appended line parses");
	is_int(c, 4 + 1600, "count sums exactly");
	is_int(b, 1550 + 200 * (100 * 8 + 28), "bytes sum exactly");
	str_free(&s);
	quota_open(&q, md, NULL);
	ok(q.recalculated && q.count == 4, "then recalculated (>5120 bytes)");
	quota_close(&q);
}

int
main(void)
{
	char md[512];
	pid_t pid;

	plan_lazy();
	snprintf(top, sizeof top, "%s/test-quota-XXXXXX",
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(top) == NULL)
		return 1;
	snprintf(md, sizeof md, "%s/Maildir", top);
	mkmaildir(md);
	test_parsers();
	test_recalc(md);
	test_size_trigger(md);
	test_over(md);
	test_readonly(md);
	test_grace();
	test_concurrent(md);
	if ((pid = fork()) == 0) {
		execlp("rm", "rm", "-rf", top, (char *)NULL);
		_exit(127);
	}
	waitpid(pid, NULL, 0);
	return done_testing();
}
