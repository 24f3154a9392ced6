/* test-courier.c: shared/courier.c, courier_parse.c, courier_kw.c */
#include <errno.h>

#include "tap.h"
#include "testutil.h"
#include "courier.h"
#include "view.h"

static void
test_uiddb(void)
{
	struct uidlist ul;
	const char *v1 = "1 1234 20\n3 a.M1.h\n5 b.M2.h:2,S\nbad\n9 c.M3.h\n";
	const char *v2 = "2 99 4\nx.M1.h 2\ny.M2.h 3\n";
	const char *wrap = "1 99 8\n18446744073709551621 a.M1.h\n7 b.M2.h\n";

	uidlist_init(&ul);
	ok(courier_parse_uiddb(&ul, v1, strlen(v1)) == 0, "version 1");
	ok(ul.uidvalidity == 1234 && ul.uidnext == 20 && ul.count == 3 &&
	    ul.skipped == 1, "header and records");
	is_str(ul.recs[1].name, "b.M2.h", "info stripped");
	ok(courier_parse_uiddb(&ul, v2, strlen(v2)) == 0 && ul.count == 2 &&
	    ul.recs[1].uid == 3 && strcmp(ul.recs[1].name, "y.M2.h") == 0 &&
	    ul.uidnext == 4, "version 2: name uid");
	ok(courier_parse_uiddb(&ul, "3 V1 N1\n", 8) < 0 && errno == EINVAL,
	    "a Dovecot uidlist is not a uiddb");
	ok(courier_parse_uiddb(&ul, "1 0 5\n", 6) < 0, "uidvalidity 0");
	ok(courier_parse_uiddb(&ul, wrap, strlen(wrap)) == 0 &&
	    ul.count == 1 && ul.recs[0].uid == 7,
	    "a uid of 2^64 + 5 is refused, not wrapped to 5");
	uidlist_free(&ul);
}

static void
test_kw(void)
{
	struct courier_kw kw;
	const char *list = "$Junk\nbad word\nWork\n\na.M1.h:0 2\nb.M2.h:1\n"
	    "c.M3.h:2 7\n";

	courier_kw_init(&kw);
	ok(courier_parse_kwlist(&kw, list, strlen(list)) == 0, ":list");
	is_int(kw.names.count, 2, "two valid names");
	is_int(kw.n, 3, "three messages");
	is_int(kw.msgs[0].bits, 3, "a: $Junk Work");
	is_int(kw.msgs[1].bits, 0, "b: only an invalid name");
	is_int(kw.msgs[2].bits, 2, "c: out-of-range index ignored");
	ok(courier_parse_kwfile(&kw, "a.M1.h", 5, "Later\n", 6) == 0 &&
	    kw.msgs[0].bits == 4, ".5.file replaces");
	ok(courier_parse_kwfile(&kw, "a.M1.h", 2, "$Junk\n", 6) == 0 &&
	    kw.msgs[0].bits == 4, "an older .2.file does not");
	ok(courier_parse_kwfile(&kw, "d.M4.h", 1, "", 0) == 0 && kw.n == 4 &&
	    kw.msgs[3].bits == 0, "empty update: no keywords");
	courier_kw_free(&kw);
}

static void
test_import(void)
{
	char dir[4096], p[8400];
	struct view *v;

	tu_mkmaildir(dir, sizeof dir);
	errno = 0;
	ok(courier_import(dir) < 0 && errno == ENOENT, "nothing to import");
	tu_put(dir, "cur", "a.M1.h:2,S", "x\n");
	tu_put(dir, "cur", "b.M2.h:2,", "y\n");
	tu_put(dir, ".", "courierimapuiddb", "1 4242 10\n4 a.M1.h\n6 b.M2.h\n");
	snprintf(p, sizeof p, "%s/courierimapkeywords", dir);
	mkdir(p, 0700);
	tu_put(dir, "courierimapkeywords", ":list", "Work\n\nb.M2.h:0\n");
	v = view_open(dir, 0);
	ok(v && v->uidvalidity == 4242 && v->uidnext == 10 && v->count == 2,
	    "view opens with Courier's UIDs");
	ok(v && v->msgs[0].uid == 4 && v->msgs[1].uid == 6, "uids 4 and 6");
	ok(v && v->msgs[1].keywords == 1 && v->nkeywords == 1 &&
	    strcmp(v->keywords[0], "Work") == 0, "keyword imported");
	ok(tu_exists(dir, "cur", "b.M2.h:2,a"), "letter in the name");
	view_close(v);
	ok(courier_import(dir) == 0, "second import: uidlist exists, no-op");
	tu_rmrf(dir);
}

int
main(void)
{
	plan_lazy();
	test_uiddb();
	test_kw();
	test_import();
	return done_testing();
}
