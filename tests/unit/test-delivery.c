/* test-delivery.c: shared/delivery.c and delivery_fanout.c on real dirs. */
#include <sys/stat.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>
#include <utime.h>

#include "tap.h"
#include "delivery.h"
#include "file.h"
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

static int
count_files(const char *dir, const char *sub)
{
	char p[LIM_PATH];
	struct dirent *de;
	int n = 0;
	DIR *dp;

	snprintf(p, sizeof p, "%s/%s", dir, sub);
	if ((dp = opendir(p)) == NULL)
		return -1;
	while ((de = readdir(dp)) != NULL)
		n += de->d_name[0] != '.';
	closedir(dp);
	return n;
}

static int
content_is(const char *path, const char *want, size_t n)
{
	struct str s = STR_INIT(1 << 20);
	int r = file_read_all(path, &s, 1 << 20) == 0 && s.len == n &&
	    memcmp(s.s, want, n) == 0;

	str_free(&s);
	return r;
}

static void
test_simple(const char *md)
{
	struct delivery d;
	struct mdname mn;
	struct stat st;

	ok(delivery_open(&d, md, 0) == MD_OK, "open");
	ok(count_files(md, "tmp") == 1, "tmp file while writing");
	ok(delivery_write(&d, "Subject: x\n\nhi\n", 15) == MD_OK, "write");
	ok(delivery_commit(&d, 0, 0) == MD_OK, "commit");
	is_int(d.size, 15, "S= is the size on disk");
	is_int(d.vsize, 18, "W= counts CRLF");
	ok(mdname_parse(d.name, &mn) == 0 && mn.size == 15 &&
	    mn.vsize == 18 && !mn.has_info, "name carries S= and W=: %s",
	    d.name);
	ok(strstr(d.path, "/new/") != NULL, "in new/");
	ok(content_is(d.path, "Subject: x\n\nhi\n", 15), "content");
	ok(stat(d.path, &st) == 0 && (st.st_mode & 0777) == 0600,
	    "mode 0600");
	is_int(count_files(md, "tmp"), 0, "tmp/ empty after commit");
	delivery_abort(&d);
	ok(stat(d.path, &st) == 0, "abort after commit removes nothing");
}

/* delivery_stage then delivery_publish: invisible until published. */
static void
test_stage_publish(const char *md)
{
	struct delivery d;
	struct delivery_staged st;
	struct mdname mn;
	char name[MDNAME_MAX + 1], path[LIM_PATH];
	int cur = count_files(md, "cur");

	ok(delivery_open(&d, md, DELIVERY_CRLF) == MD_OK &&
	    delivery_write(&d, "S: y\r\n\r\nbody\r\n", 15) == MD_OK &&
	    delivery_stage(&d) == MD_OK, "stage");
	is_int(d.fd, -1, "  the tmp file is closed");
	ok(count_files(md, "tmp") == 1 && count_files(md, "cur") == cur &&
	    access(d.tmppath, F_OK) == 0, "  it is in tmp/, nothing in cur/");
	st.tmppath = d.tmppath;
	st.size = d.size;
	st.vsize = d.vsize;
	ok(delivery_publish(&st, "/nonexistent/dir", 0, 0, name,
	    sizeof name) == -1 && errno == ENOENT &&
	    access(d.tmppath, F_OK) == 0,
	    "publish into a missing folder fails and keeps the tmp file");
	ok(delivery_publish(&st, md, MDF_SEEN, 1, name, sizeof name) == 0,
	    "publish");
	ok(mdname_parse(name, &mn) == 0 && mn.size == 12 && mn.vsize == 15 &&
	    mn.has_info && mn.flags == MDF_SEEN && mn.keywords == 1,
	    "  name with S=, W=, flags and keyword: %s", name);
	snprintf(path, sizeof path, "%s/cur/%s", md, name);
	ok(content_is(path, "S: y\n\nbody\n", 12), "  content, LF form");
	ok(count_files(md, "tmp") == 0 && access(d.tmppath, F_OK) < 0,
	    "  the tmp name is gone");
	unlink(path);
}

static void
test_crlf(const char *md)
{
	struct delivery d;

	delivery_open(&d, md, DELIVERY_CRLF);
	delivery_write(&d, "a\r", 2);
	delivery_write(&d, "\nb\r\n", 4);
	delivery_write(&d, "c\rd\r", 4);
	ok(delivery_commit(&d, 0, 0) == MD_OK, "CRLF commit");
	ok(content_is(d.path, "a\nb\nc\rd\r", 8),
	    "CRLF -> LF across chunks, lone CR kept");
	is_int(d.size, 8, "S= after conversion");
	is_int(d.vsize, 10, "W= after conversion");

	delivery_open(&d, md, 0);
	delivery_write(&d, "a\r\nb\n", 5);
	delivery_commit(&d, 0, 0);
	ok(content_is(d.path, "a\r\nb\n", 5), "no conversion without flag");
	is_int(d.vsize, 6, "W= counts only bare LF twice");
}

/* Reference model: CR LF -> LF in one pass; W= counts bare LF twice. */
static size_t
model(const char *in, size_t n, int crlf, char *out, long long *vsize)
{
	size_t o = 0;

	for (size_t i = 0; i < n; i++)
		if (!(crlf && in[i] == '\r' && i + 1 < n && in[i + 1] == '\n'))
			out[o++] = in[i];
	*vsize = (long long)o;
	for (size_t i = 0; i < o; i++)
		if (out[i] == '\n' && (i == 0 || out[i - 1] != '\r'))
			(*vsize)++;
	return o;
}

/* Random bytes from "a\r\n" in random chunks against the model. */
static void
test_random_chunks(const char *md)
{
	static char in[6000], want[6000];
	static struct delivery d;
	int bad = 0;

	srand(7);
	for (int round = 0; round < 60; round++) {
		size_t n = (size_t)(rand() % (int)sizeof in), o;
		int crlf = round % 2;
		long long w;

		for (size_t i = 0; i < n; i++)
			in[i] = "a\r\n"[rand() % 3];
		o = model(in, n, crlf, want, &w);
		delivery_open(&d, md, crlf ? DELIVERY_CRLF : DELIVERY_NOCLEAN);
		for (size_t i = 0, k; i < n; i += k) {
			k = (size_t)(rand() % 9);
			k = k > n - i ? n - i : k;
			delivery_write(&d, in + i, k);
		}
		if (delivery_commit(&d, 0, 0) != MD_OK || d.size != (long long)o ||
		    d.vsize != w || !content_is(d.path, want, o))
			bad++;
		unlink(d.path);
	}
	is_int(bad, 0, "60 random messages in random chunks match the model");
}

static void
test_flags_mtime(const char *md)
{
	struct delivery d;
	struct stat st;

	delivery_open(&d, md, 0);
	delivery_write(&d, "x\n", 2);
	delivery_set_mtime(&d, 1000000000);
	ok(delivery_commit(&d, MDF_SEEN | MDF_FLAGGED, 1u << 2) == MD_OK,
	    "commit with flags");
	ok(strstr(d.path, "/cur/") && strstr(d.name, ":2,FSc"),
	    "cur/ with info in order: %s", d.name);
	ok(stat(d.path, &st) == 0 && st.st_mtime == 1000000000,
	    "mtime set to the internal date");
	{
		struct delivery_staged stg;
		char name[MDNAME_MAX + 1], path[LIM_PATH];

		delivery_open(&d, md, 0);
		delivery_write(&d, "x\n", 2);
		ok(delivery_stage(&d) == MD_OK, "stage without flags");
		stg.tmppath = d.tmppath;
		stg.size = d.size;
		stg.vsize = d.vsize;
		ok(delivery_publish(&stg, md, 0, 0, name, sizeof name) == 0 &&
		    strstr(name, ",W=3:2,") != NULL,
		    "published without flags: cur/ with an empty info: %s",
		    name);
		snprintf(path, sizeof path, "%s/cur/%s", md, name);
		unlink(path);
	}
}

static void
test_failures(const char *md)
{
	char p[LIM_PATH], sweep[512];
	struct delivery d;
	int fd;

	snprintf(p, sizeof p, "%s/nonexistent", top);
	errno = 0;
	ok(delivery_open(&d, p, 0) == MD_TEMP && errno == ENOENT,
	    "missing Maildir is temporary (ENOENT)");
	ok(delivery_open(&d, "", 0) == MD_TEMP && d.errnum == ENOENT,
	    "empty path refused (no /tmp/ in the root)");
	snprintf(p, sizeof p, "%s/afile", top);
	close(open(p, O_CREAT | O_WRONLY, 0600));
	ok(delivery_open(&d, p, 0) == MD_PERM && d.errnum == ENOTDIR,
	    "a file as Maildir is permanent (ENOTDIR)");
	delivery_open(&d, md, 0);
	delivery_write(&d, "partial", 7);
	delivery_abort(&d);
	is_int(count_files(md, "tmp"), 0, "abort removes the tmp file");
	ok(delivery_write(&d, "x", 1) != MD_OK, "write after abort fails");
	delivery_abort(&d);
	ok(1, "abort twice is harmless");
	/* A stale tmp file is swept, a fresh one kept (once per dir). */
	snprintf(sweep, sizeof sweep, "%s/sweep", top);
	mkmaildir(sweep);
	md = sweep;
	snprintf(p, sizeof p, "%s/tmp/stale", md);
	fd = open(p, O_CREAT | O_WRONLY, 0600);
	close(fd);
	struct utimbuf old = { time(NULL) - 37 * 3600, time(NULL) - 37 * 3600 };
	utime(p, &old);
	snprintf(p, sizeof p, "%s/tmp/fresh", md);
	close(open(p, O_CREAT | O_WRONLY, 0600));
	delivery_open(&d, md, 0);
	delivery_abort(&d);
	snprintf(p, sizeof p, "%s/tmp/stale", md);
	ok(access(p, F_OK) < 0, "stale tmp file removed");
	snprintf(p, sizeof p, "%s/tmp/fresh", md);
	ok(access(p, F_OK) == 0, "fresh tmp file kept");
	unlink(p);
	is_int(delivery_errno_status(ENOSPC), MD_TEMP, "ENOSPC temporary");
	is_int(delivery_errno_status(EDQUOT), MD_TEMP, "EDQUOT temporary");
	is_int(delivery_errno_status(EIO), MD_TEMP, "EIO temporary");
	is_int(delivery_errno_status(EFBIG), MD_PERM, "EFBIG permanent");
}

static int
make_spool(const char *body)
{
	char p[LIM_PATH];
	int fd;

	snprintf(p, sizeof p, "%s/spool", top);
	fd = open(p, O_RDWR | O_CREAT | O_TRUNC, 0600);
	unlink(p);
	if (write(fd, body, strlen(body)) != (ssize_t)strlen(body))
		return -1;
	return fd;
}

static void
test_fanout(void)
{
	char a[512], b[512], c[512], p1[LIM_PATH], p2[LIM_PATH];
	struct delivery_target t[3];
	const char *body = "Subject: s\n\nbody\n";
	struct stat s1, s2;
	int fd = make_spool(body);

	snprintf(a, sizeof a, "%s/A", top);
	snprintf(b, sizeof b, "%s/B", top);
	snprintf(c, sizeof c, "%s/missing", top);
	mkmaildir(a);
	mkmaildir(b);
	memset(t, 0, sizeof t);
	t[0] = (struct delivery_target){ .dir = a, .prefix = "X-To: a\n",
	    .prefixlen = 8 };
	t[1] = (struct delivery_target){ .dir = b, .prefix = "X-To: bb\n",
	    .prefixlen = 9 };
	t[2] = (struct delivery_target){ .dir = c };
	ok(delivery_fanout(fd, t, 3, 0) == MD_TEMP, "fanout: worst status");
	ok(t[0].status == MD_OK && t[1].status == MD_OK, "two delivered");
	ok(t[2].status == MD_TEMP && t[2].errnum == ENOENT,
	    "missing Maildir target temporary");
	snprintf(p1, sizeof p1, "%s/new/%s", a, t[0].name);
	snprintf(p2, sizeof p2, "%s/new/%s", b, t[1].name);
	ok(content_is(p1, "X-To: a\nSubject: s\n\nbody\n", 25), "A prefix");
	ok(content_is(p2, "X-To: bb\nSubject: s\n\nbody\n", 26), "B prefix");
	is_int(t[1].size, 26, "B size");
	ok(strstr(t[1].name, ",S=26,W=30") != NULL, "B name %s", t[1].name);

	t[0].prefix = t[1].prefix = "P: x\n";
	t[0].prefixlen = t[1].prefixlen = 5;
	ok(delivery_fanout(fd, t, 2, DELIVERY_LINK) == MD_OK, "linked fanout");
	snprintf(p1, sizeof p1, "%s/new/%s", a, t[0].name);
	snprintf(p2, sizeof p2, "%s/new/%s", b, t[1].name);
	ok(stat(p1, &s1) == 0 && stat(p2, &s2) == 0 &&
	    s1.st_ino == s2.st_ino && s1.st_nlink == 2,
	    "same prefix: one inode hard-linked");
	ok(content_is(p2, "P: x\nSubject: s\n\nbody\n", 22), "linked content");
	is_int(count_files(a, "tmp") + count_files(b, "tmp"), 0, "no tmp");

	/* The first target fails: the next one becomes the source. */
	t[0].dir = c;
	ok(delivery_fanout(fd, t, 2, DELIVERY_LINK) == MD_TEMP &&
	    t[0].status == MD_TEMP && t[1].status == MD_OK,
	    "linked fanout: a failing first target does not stop the rest");
	close(fd);

	/* A spool that cannot be read: every target temporary, no tmp. */
	snprintf(p1, sizeof p1, "%s/wo", top);
	fd = open(p1, O_WRONLY | O_CREAT, 0600);
	t[0].dir = a;
	ok(delivery_fanout(fd, t, 2, 0) == MD_TEMP && t[0].status == MD_TEMP &&
	    t[1].status == MD_TEMP && t[0].errnum == EBADF,
	    "spool read error: all temporary (EBADF)");
	is_int(count_files(a, "tmp") + count_files(b, "tmp"), 0,
	    "  and no tmp files left");
	close(fd);
}

int
main(void)
{
	char md[512];

	plan_lazy();
	snprintf(top, sizeof top, "%s/test-delivery-XXXXXX",
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(top) == NULL)
		return 1;
	snprintf(md, sizeof md, "%s/Maildir/", top);
	mkmaildir(md);
	test_simple(md);
	test_stage_publish(md);
	test_crlf(md);
	test_random_chunks(md);
	test_flags_mtime(md);
	test_failures(md);
	test_fanout();
	{
		char cmd[LIM_PATH + 16];
		pid_t pid = fork();
		snprintf(cmd, sizeof cmd, "%s", top);
		if (pid == 0) {
			execlp("rm", "rm", "-rf", cmd, (char *)NULL);
			_exit(127);
		}
		waitpid(pid, NULL, 0);
	}
	return done_testing();
}
