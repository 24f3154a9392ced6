/* test-keywords.c: shared/keywords.c */
#include <errno.h>

#include "tap.h"
#include "keywords.h"

int
main(void)
{
	struct keywords kw = { { 0 }, 0 };
	struct str s = STR_INIT(1 << 16);
	const char *in = "0 $Junk\n1 $NonJunk\n3 Work\nx bad\n30 toohigh\n"
	    "4 has space\n5 $Junk\n2";
	char name[LIM_KEYWORD + 2];

	plan_lazy();
	ok(keywords_parse(&kw, in, strlen(in)) == 0, "parse");
	is_int(kw.count, 4, "count is 1 + highest index");
	is_str(kw.names[0], "$Junk", "a");
	is_str(kw.names[1], "$NonJunk", "b");
	ok(kw.names[2] == NULL, "c unused");
	is_str(kw.names[3], "Work", "d");
	ok(kw.names[4] == NULL && kw.names[5] == NULL,
	    "invalid and duplicate names skipped");
	is_int(keywords_find(&kw, "Work"), 3, "find");
	is_int(keywords_find(&kw, "work"), 3, "find ignores case");
	is_int(keywords_find(&kw, "nope"), -1, "not found");
	is_int(keywords_add(&kw, "New"), 2, "add fills the first hole");
	is_int(keywords_add(&kw, "$junk"), 0, "add finds existing");
	ok(keywords_add(&kw, "a(b") < 0 && errno == EINVAL, "atom-special");
	ok(keywords_add(&kw, "\\Seen") < 0 && errno == EINVAL, "system flag");
	memset(name, 'x', sizeof name - 1);
	name[sizeof name - 1] = '\0';
	ok(!keywords_valid(name), "LIM_KEYWORD + 1 bytes: invalid");
	name[LIM_KEYWORD] = '\0';
	ok(keywords_valid(name), "LIM_KEYWORD bytes: valid");
	ok(keywords_format(&kw, &s) == 0, "format");
	is_str(s.s, "0 $Junk\n1 $NonJunk\n2 New\n3 Work\n", "formatted");
	for (int i = 0; i < 22; i++) {
		char n[16];
		snprintf(n, sizeof n, "k%d", i);
		keywords_add(&kw, n);
	}
	is_int(kw.count, 26, "26 keywords");
	ok(keywords_add(&kw, "one-more") < 0 && errno == EOVERFLOW,
	    "the 27th: EOVERFLOW");
	keywords_free(&kw);
	ok(keywords_read(&kw, "/nonexistent/dovecot-keywords") == 0 &&
	    kw.count == 0, "missing file: empty table");
	str_free(&s);
	return done_testing();
}
