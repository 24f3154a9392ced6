/* test-uidlist.c: shared/uidlist.c, uidlist_io.c, dotlock.c */
#include <sys/stat.h>
#include <sys/wait.h>
#include <errno.h>
#include <time.h>

#include "tap.h"
#include "testutil.h"
#include "dotlock.h"
#include "file.h"
#include "uidlist.h"

static void
test_parse(void)
{
	struct uidlist ul;
	struct str s = STR_INIT(1 << 16);
	const char *in =
	    "3 V1275660208 N25022 G3085f01b7f11094c501100008c4a11c1 X1\n"
	    "25006 :1276528487.M364837P9451.kurkku,S=1355,W=1394:2,\n"
	    "25017 W2481 :1276533073.M242911P3632.kurkku:2,F\n"
	    "25018 W10 S9 G0123 :1276533074.M1P1.k\n";

	uidlist_init(&ul);
	ok(uidlist_parse(&ul, in, strlen(in)) == 0, "parse Dovecot's example");
	is_int(ul.version, 3, "version");
	is_int(ul.uidvalidity, 1275660208, "V");
	is_int(ul.uidnext, 25022, "N");
	is_str(ul.guid, "3085f01b7f11094c501100008c4a11c1", "G");
	is_str(ul.hdr_extra, "X1", "unknown header field kept");
	is_int(ul.count, 3, "three records");
	is_int(ul.recs[1].uid, 25017, "uid");
	is_str(ul.recs[1].ext, "W2481", "ext kept");
	is_int(ul.recs[1].baselen, strlen("1276533073.M242911P3632.kurkku"),
	    "baselen");
	is_int(uidlist_ext_num(&ul.recs[1], 'W'), 2481, "W field");
	is_int(uidlist_ext_num(&ul.recs[2], 'S'), 9, "S field");
	is_int(uidlist_ext_num(&ul.recs[2], 'W'), 10, "W field first");
	is_int(uidlist_ext_num(&ul.recs[0], 'W'), -1, "no W field");
	ok(uidlist_format(&ul, &s) == 0, "format");
	is_str(s.s, in, "format round-trips");
	uidlist_free(&ul);
	str_free(&s);
}

static void
test_malformed(void)
{
	struct uidlist ul;
	const char *in = "3 V5 N3\n1 :a\nx :b\n1 :dup\n7 no-colon\n"
	    "0 :zero\n\n9 W1 :c\n10 :partial";

	uidlist_init(&ul);
	ok(uidlist_parse(&ul, in, strlen(in)) == 0, "parse with bad lines");
	is_int(ul.count, 2, "good lines kept");
	is_int(ul.skipped, 4, "bad lines skipped");
	is_int(ul.recs[1].uid, 9, "later line");
	is_int(ul.uidnext, 10, "uidnext from last uid; partial line ignored");
	ok(uidlist_parse(&ul, "3 N5\n", 5) < 0 && errno == EINVAL,
	    "header without V: EINVAL");
	ok(uidlist_parse(&ul, "4 V1 N2\n", 8) < 0, "version 4 rejected");
	ok(uidlist_parse(&ul, "3 V1 N2", 7) < 0, "no newline: rejected");
	ok(uidlist_parse(&ul, "3 V99999999999 N2\n", 18) < 0,
	    "V over 32 bits rejected");
	ok(uidlist_parse(&ul, "1 77 12\n3 a\n4 b:2,S\n", 20) == 0 &&
	    ul.version == 1 && ul.uidvalidity == 77 && ul.uidnext == 12 &&
	    ul.count == 2 && ul.recs[1].baselen == 1, "version 1 read");
	ok(uidlist_add(&ul, 4, "c", NULL) < 0 && errno == EINVAL,
	    "add refuses a uid not above the last");
	uidlist_free(&ul);
}

static char dir[4096];

static void
test_lock(void)
{
	char target[8400], lock[8400];
	struct dotlock a, b;
	struct timespec old[2] = { { 1000, 0 }, { 1000, 0 } };
	time_t t0;
	pid_t pid;
	int st;

	snprintf(target, sizeof target, "%s/dovecot-uidlist", dir);
	snprintf(lock, sizeof lock, "%s/dovecot-uidlist.lock", dir);
	ok(dotlock_take(&a, target, 1) == 0, "take lock");
	ok(tu_exists(dir, ".", "dovecot-uidlist.lock"), "lock file exists");
	t0 = time(NULL);
	errno = 0;
	ok(dotlock_take(&b, target, 1) < 0 && errno == EAGAIN,
	    "held lock: EAGAIN after the wait");
	ok(time(NULL) - t0 >= 1, "waited");
	ok(dotlock_replace(&a, "3 V1 N1\n", 8) == 0, "replace through lock");
	ok(!tu_exists(dir, ".", "dovecot-uidlist.lock"), "lock gone");
	/* A lock left by a dead process on this host is stale at once. */
	if ((pid = fork()) == 0) {
		struct dotlock c;
		_exit(dotlock_take(&c, target, 1) == 0 ? 0 : 1);
	}
	waitpid(pid, &st, 0);
	ok(WIFEXITED(st) && WEXITSTATUS(st) == 0 &&
	    tu_exists(dir, ".", "dovecot-uidlist.lock"), "child died holding");
	ok(dotlock_is_stale(lock), "dead holder: stale");
	ok(dotlock_take(&b, target, 1) == 0, "stale lock taken over");
	ok(dotlock_release(&b) == 0 && dotlock_release(&b) == 0,
	    "release twice is fine");
	/* Another host's lock: stale only by age (2 minutes). */
	tu_put(dir, ".", "dovecot-uidlist.lock", "1:some.other.host");
	ok(!dotlock_is_stale(lock), "fresh foreign lock not stale");
	utimensat(AT_FDCWD, lock, old, 0);
	ok(dotlock_is_stale(lock), "old foreign lock stale");
	ok(dotlock_take(&b, target, 1) == 0 && dotlock_release(&b) == 0,
	    "old lock taken over");
}

static void
test_io(void)
{
	char path[8400];
	struct uidlist ul, rd;
	struct stat st;
	uint32_t v1, v2, v3;

	snprintf(path, sizeof path, "%s/dovecot-uidlist", dir);
	uidlist_init(&ul);
	uidlist_init(&rd);
	ok(uidlist_read(&rd, path, &st) == 0 && rd.uidvalidity == 1,
	    "read the replaced file");
	ul.uidvalidity = 1;
	uidlist_add(&ul, 1, "a:2,S", NULL);
	uidlist_add(&ul, 2, "b", "W7");
	ok(uidlist_append(path, &ul, 0) == 0, "append records");
	ok(uidlist_read(&rd, path, NULL) == 0 && rd.count == 2 &&
	    rd.uidnext == 3 && strcmp(rd.recs[1].ext, "W7") == 0,
	    "appended records read back; N follows the last uid");
	ok(uidlist_read_uidvalidity(path, &v1) == 0 && v1 == 1,
	    "header only");
	snprintf(path, sizeof path, "%s/nonexistent", dir);
	ok(uidlist_read(&rd, path, NULL) < 0 && errno == ENOENT, "ENOENT");
	ok(uidlist_new_uidvalidity(dir, &v1) == 0 &&
	    uidlist_new_uidvalidity(dir, &v2) == 0 &&
	    uidlist_new_uidvalidity(dir, &v3) == 0, "three uidvalidities");
	ok(v1 >= (uint32_t)time(NULL) - 5 && v2 == v1 + 1 && v3 == v2 + 1,
	    "time based, unique within the second");
	ok(tu_exists(dir, ".", "dovecot-uidvalidity"), "dovecot-uidvalidity");
	uidlist_free(&ul);
	uidlist_free(&rd);
}

int
main(void)
{
	plan_lazy();
	test_parse();
	test_malformed();
	tu_mkmaildir(dir, sizeof dir);
	test_lock();
	test_io();
	tu_rmrf(dir);
	return done_testing();
}
