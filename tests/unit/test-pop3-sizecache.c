/* test-pop3-sizecache.c: pop3d/sizecache.c and pop3d/msgsize.c */
#include <fcntl.h>
#include <unistd.h>

#include "tap.h"
#include "../../pop3d/msgsize.h"
#include "../../pop3d/sizecache.h"

static void
test_parse(void)
{
	static const char img[] = "b.host 20\nbad line\na.host 10\n"
	    "c 1x\n d 5\nx.y,S=3 7\npartial 9";
	struct sizecache sc = { 0 };
	unsigned long long v = 0;

	ok(sizecache_parse(&sc, img, sizeof img - 1) == 0, "parse");
	is_int(sc.n, 3, "three good lines");
	ok(sizecache_get(&sc, "a.host", 6, &v) && v == 10, "lookup a");
	ok(sizecache_get(&sc, "b.host", 6, &v) && v == 20, "lookup b");
	ok(sizecache_get(&sc, "x.y,S=3:2,S", 7, &v) && v == 7,
	    "lookup by base length");
	ok(!sizecache_get(&sc, "a.hos", 5, &v), "prefix is not a match");
	ok(!sizecache_get(&sc, "partial", 7, &v), "partial line ignored");
	ok(!sizecache_get(&sc, "c", 1, &v), "bad number skipped");
	sizecache_free(&sc);
}

static void
test_msgsize(void)
{
	unsigned long long v = 0;
	char path[] = "/tmp/test-pop3-sizeXXXXXX";
	int fd = mkstemp(path);

	ok(msgsize_from_name(10, 12, &v) && v == 12, "plausible W=");
	ok(msgsize_from_name(10, 10, &v), "W= equal to S=");
	ok(msgsize_from_name(10, 22, &v), "W= = 2 S + 2");
	ok(!msgsize_from_name(10, 23, &v), "W= over 2 S + 2");
	ok(!msgsize_from_name(10, 9, &v), "W= under S=");
	ok(!msgsize_from_name(10, -1, &v), "no W=");
	ok(!msgsize_from_name(-1, 5, &v), "no size");
	ok(write(fd, "a\nb\r.\r\nc", 8) == 8, "write sample");
	lseek(fd, 0, SEEK_SET);
	ok(msgsize_read(fd, &v) == 0 && v == 12, "msgsize_read counts wire");
	close(fd);
	unlink(path);
}

int
main(void)
{
	plan_lazy();
	test_parse();
	test_msgsize();
	return done_testing();
}
