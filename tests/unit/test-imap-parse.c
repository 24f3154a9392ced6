/* test-imap-parse.c: login/imap-parse.c */
#include "tap.h"
#include "../../login/imap-parse.h"

static int
parse(const char *s, struct imap_cmd *c)
{
	static char buf[512];

	memcpy(buf, s, strlen(s) + 1);
	return imap_parse(buf, strlen(s), c);
}

static int
arg_is(const struct imap_cmd *c, int i, const char *s)
{
	return i < c->nargs && c->arg[i].n == strlen(s) &&
	    memcmp(c->arg[i].p, s, c->arg[i].n) == 0;
}

int
main(void)
{
	struct imap_cmd c;
	size_t len;
	int ns;

	plan_lazy();
	ok(parse("a1 login alice secret\r\n", &c) == 0, "LOGIN atoms");
	is_str(c.tag, "a1", "tag");
	is_str(c.name, "LOGIN", "name uppercased");
	ok(c.nargs == 2 && arg_is(&c, 0, "alice") && arg_is(&c, 1, "secret"),
	    "two atoms");
	ok(parse("a2 LOGIN \"al\\\"ice\" \"p a\\\\ss\"\r\n", &c) == 0 &&
	    arg_is(&c, 0, "al\"ice") && arg_is(&c, 1, "p a\\ss") &&
	    c.arg[0].kind == IMAP_QUOTED, "quoted strings unescaped");
	ok(parse("a3 LOGIN {5}\r\nalice {3+}\r\np\r\n\r\n", &c) == 0 &&
	    arg_is(&c, 0, "alice") && arg_is(&c, 1, "p\r\n") &&
	    c.arg[1].kind == IMAP_LITERAL, "literals, CRLF inside");
	ok(parse("a4 ID (\"name\" \"x\")\r\n", &c) == 0 && c.nargs == 4 &&
	    c.arg[0].kind == IMAP_LPAREN && c.arg[3].kind == IMAP_RPAREN,
	    "parenthesised list");
	ok(parse("a5 NOOP\n", &c) == 0 && c.nargs == 0, "bare LF");
	ok(parse("a6 LOGIN \"unterminated\r\n", &c) < 0, "unterminated quote");
	is_str(c.tag, "a6", "tag kept for a tagged BAD");
	ok(parse("a7 LOGIN \"bad\\escape\"\r\n", &c) < 0, "bad escape");
	ok(parse("a8  NOOP\r\n", &c) < 0, "double space");
	ok(parse("+tag NOOP\r\n", &c) < 0 && c.tag[0] == '\0', "+ in tag");
	ok(parse("a9 LOGIN {10}\r\nshort\r\n", &c) < 0, "short literal");
	ok(parse("\r\n", &c) < 0, "empty line");
	ok(parse("a10 LOGIN x y \r\n", &c) < 0, "trailing space");

	is_int(imap_literal_suffix("a LOGIN {5}\r\n", 13, &len, &ns), 1,
	    "literal suffix");
	ok(len == 5 && !ns, "{5}");
	is_int(imap_literal_suffix("a LOGIN {12+}\r\n", 15, &len, &ns), 1,
	    "non-synchronising");
	ok(len == 12 && ns, "{12+}");
	is_int(imap_literal_suffix("a LOGIN x\r\n", 11, &len, &ns), 0,
	    "no literal");
	is_int(imap_literal_suffix("a LOGIN {}\r\n", 12, &len, &ns), -1,
	    "empty count");
	is_int(imap_literal_suffix("a {99999999999}\r\n", 17, &len, &ns), -1,
	    "count overflow");
	is_int(imap_literal_suffix("a {5}", 5, &len, &ns), 0,
	    "no line end: not yet a literal");
	return done_testing();
}
