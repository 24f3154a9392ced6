/* test-pop3-parse.c: login/pop3-parse.c */
#include "tap.h"
#include "limits.h"
#include "../../login/pop3-parse.h"

static char buf[LIM_LINE_MAX + 1];

/* Parse n bytes of s (NULs allowed) from the shared line buffer. */
static enum pop3_kind
parse_n(const char *s, size_t n, struct pop3_cmd *c)
{
	memset(buf, 'Z', sizeof buf);
	memcpy(buf, s, n);
	return pop3_parse(buf, n, c);
}

static enum pop3_kind
parse(const char *s, struct pop3_cmd *c)
{
	return parse_n(s, strlen(s), c);
}

/* A view equals want, lies in buf and is NUL-terminated there. */
static int
view_is(struct pop3_str v, const char *want)
{
	return v.p != NULL && v.p >= buf && v.p + v.n < buf + sizeof buf &&
	    v.n == strlen(want) && memcmp(v.p, want, v.n) == 0 &&
	    v.p[v.n] == '\0';
}

/* A line of n bytes: prefix, then fill bytes up to n. */
static const char *
long_line(const char *prefix, char fill, size_t n)
{
	static char line[LIM_LINE_MAX + 1];
	size_t k = strlen(prefix);

	memcpy(line, prefix, k);
	memset(line + k, fill, n - k);
	line[n] = '\0';
	return line;
}

/* word, a name of n bytes, a space and a 32-byte digest. */
static const char *
apop_line(const char *word, size_t n)
{
	static char line[5 + LIM_LOGIN + 64];
	const char *digest = " 0123456789abcdef0123456789abcdef\r\n";

	memcpy(line, word, 5);
	memset(line + 5, 'n', n);
	memcpy(line + 5 + n, digest, strlen(digest) + 1);
	return line;
}

static void
test_commands(void)
{
	static const struct {
		const char *line;
		enum pop3_kind kind;
	} all[] = {
		{ "CAPA\r\n", POP3_CAPA }, { "USER bob\r\n", POP3_USER },
		{ "PASS pw\r\n", POP3_PASS }, { "APOP a b\r\n", POP3_APOP },
		{ "AUTH\r\n", POP3_AUTH }, { "STLS\r\n", POP3_STLS },
		{ "QUIT\r\n", POP3_QUIT }, { "NOOP\r\n", POP3_NOOP },
	};
	struct pop3_cmd c;

	for (size_t i = 0; i < sizeof all / sizeof *all; i++) {
		is_int(parse(all[i].line, &c), all[i].kind, "kind of %.4s",
		    all[i].line);
		ok(c.kind == all[i].kind && view_is(c.word,
		    pop3_kind_name(all[i].kind)), "%s: kind and word set",
		    pop3_kind_name(all[i].kind));
	}
	is_str(pop3_kind_name(POP3_STLS), "STLS", "kind name");
	ok(pop3_kind_name(POP3_UNKNOWN) == NULL &&
	    pop3_kind_name(POP3_INVALID) == NULL &&
	    pop3_kind_name(POP3_KINDS) == NULL, "no name for non-commands");
}

static void
test_case_and_line_ends(void)
{
	struct pop3_cmd c;

	is_int(parse("capa\r\n", &c), POP3_CAPA, "lower case");
	is_int(parse("CaPa\r\n", &c), POP3_CAPA, "mixed case");
	ok(parse("uSeR Bob\r\n", &c) == POP3_USER && view_is(c.name, "Bob"),
	    "command case folded, argument case kept");
	ok(view_is(c.word, "uSeR"), "word as sent, for the log");
	is_int(parse("QUIT\n", &c), POP3_QUIT, "bare LF");
	is_int(parse("QUIT", &c), POP3_QUIT, "no line end");
	is_int(parse("QUIT\r\r\n", &c), POP3_QUIT, "CR CR LF");
	is_int(parse("QUIT\n\r\n\r", &c), POP3_QUIT, "any CR/LF run at end");
	ok(parse("USER bob\r\n", &c) == POP3_USER && buf[4] == '\0' &&
	    buf[8] == '\0' && buf[9] == '\n', "NULs written in place, "
	    "after the content only");
	ok(parse("USER a\rb\r\n", &c) == POP3_USER && view_is(c.name, "a\rb"),
	    "CR inside the line is content");
}

static void
test_extra_args(void)
{
	struct pop3_cmd c;

	ok(parse("CAPA extra args\r\n", &c) == POP3_CAPA &&
	    view_is(c.arg, "extra args") && c.valid, "CAPA: extra ignored");
	ok(parse("NOOP x\r\n", &c) == POP3_NOOP && view_is(c.arg, "x"),
	    "NOOP x");
	ok(parse("QUIT now\r\n", &c) == POP3_QUIT && view_is(c.arg, "now"),
	    "QUIT now");
	ok(parse("STLS please\r\n", &c) == POP3_STLS, "STLS please");
	ok(parse("CAPA \r\n", &c) == POP3_CAPA && view_is(c.arg, ""),
	    "trailing space: empty argument");
}

static void
test_user_pass(void)
{
	struct pop3_cmd c;

	ok(parse("USER alice@example.org\r\n", &c) == POP3_USER && c.valid &&
	    view_is(c.name, "alice@example.org"), "USER name");
	ok(parse("USER\r\n", &c) == POP3_USER && !c.valid &&
	    view_is(c.arg, ""), "USER without a name: invalid");
	ok(parse("USER \r\n", &c) == POP3_USER && !c.valid, "USER, space");
	ok(parse("USER a b \r\n", &c) == POP3_USER && c.valid &&
	    view_is(c.name, "a b "), "USER name keeps inner and end spaces");
	ok(parse("USER  bob\r\n", &c) == POP3_USER && view_is(c.name, " bob"),
	    "USER: a second space belongs to the name");
	ok(parse(long_line("USER ", 'u', 5 + LIM_LOGIN), &c) == POP3_USER &&
	    c.valid && c.name.n == LIM_LOGIN, "USER name of LIM_LOGIN bytes");
	ok(parse(long_line("USER ", 'u', 6 + LIM_LOGIN), &c) == POP3_USER &&
	    !c.valid, "USER name one byte over: invalid");
	ok(parse("PASS secret\r\n", &c) == POP3_PASS && c.valid &&
	    view_is(c.secret, "secret"), "PASS password");
	ok(parse("PASS  se cret \r\n", &c) == POP3_PASS && c.valid &&
	    view_is(c.secret, " se cret "), "PASS: the rest of the line");
	ok(parse("PASS\r\n", &c) == POP3_PASS && !c.valid, "PASS empty");
	ok(parse(long_line("PASS ", 'p', 5 + LIM_SECRET), &c) == POP3_PASS &&
	    c.valid && c.secret.n == LIM_SECRET, "password of LIM_SECRET");
	ok(parse(long_line("PASS ", 'p', 6 + LIM_SECRET), &c) == POP3_PASS &&
	    !c.valid, "password one byte over: invalid");
}

static void
test_apop(void)
{
	struct pop3_cmd c;

	ok(parse("APOP alice 0123456789ABCDEF0123456789abcdeF\r\n", &c) ==
	    POP3_APOP && c.valid && view_is(c.name, "alice") &&
	    view_is(c.secret, "0123456789abcdef0123456789abcdef"),
	    "APOP name digest, digest lowered");
	ok(parse("APOP a b 0123456789abcdef0123456789abcdef\r\n", &c) ==
	    POP3_APOP && c.valid && view_is(c.name, "a b"),
	    "APOP: the digest follows the last space");
	ok(parse("APOP x GHIJKLMNOPQRSTUVWXYZghijklmnopqr\r\n", &c) ==
	    POP3_APOP && c.valid &&
	    view_is(c.secret, "GHIJKLMNOPQRSTUVWXYZghijklmnopqr"),
	    "only A-F lowered, hex not checked (checkpassword says no)");
	ok(parse("APOP\r\n", &c) == POP3_APOP && !c.valid, "APOP alone");
	ok(parse("APOP 0123456789abcdef0123456789abcdef\r\n", &c) ==
	    POP3_APOP && !c.valid, "APOP without a name");
	ok(parse("APOP  0123456789abcdef0123456789abcdef\r\n", &c) ==
	    POP3_APOP && !c.valid, "APOP with an empty name");
	ok(parse("APOP x 0123456789abcdef0123456789abcde\r\n", &c) ==
	    POP3_APOP && !c.valid, "digest of 31");
	ok(parse("APOP x 0123456789abcdef0123456789abcdef0\r\n", &c) ==
	    POP3_APOP && !c.valid, "digest of 33");
	ok(parse("APOP x 0123456789abcdef0123456789abcdef \r\n", &c) ==
	    POP3_APOP && !c.valid, "trailing space");
	ok(parse(apop_line("APOP ", LIM_LOGIN), &c) == POP3_APOP &&
	    c.valid && c.name.n == LIM_LOGIN &&
	    view_is(c.secret, "0123456789abcdef0123456789abcdef"),
	    "APOP name of LIM_LOGIN bytes");
	ok(parse(apop_line("APOP ", LIM_LOGIN + 1), &c) == POP3_APOP &&
	    !c.valid && c.name.n == LIM_LOGIN + 1, "APOP name one over");
	is_int(parse(apop_line("APOPP", LIM_LOGIN), &c), POP3_UNKNOWN,
	    "APOPP is unknown");
}

static void
test_auth(void)
{
	struct pop3_cmd c;

	ok(parse("AUTH\r\n", &c) == POP3_AUTH && c.mech.p == NULL &&
	    c.ir.p == NULL, "AUTH alone: list");
	ok(parse("AUTH \r\n", &c) == POP3_AUTH && c.mech.p == NULL,
	    "AUTH and a space: list");
	ok(parse("AUTH PLAIN\r\n", &c) == POP3_AUTH &&
	    view_is(c.mech, "PLAIN") && c.ir.p == NULL, "mechanism, no IR");
	ok(parse("auth cram-md5\r\n", &c) == POP3_AUTH &&
	    view_is(c.mech, "cram-md5"), "mechanism case kept");
	ok(parse("AUTH PLAIN AGFsaWNlAHNlY3JldA==\r\n", &c) == POP3_AUTH &&
	    view_is(c.mech, "PLAIN") && view_is(c.ir, "AGFsaWNlAHNlY3JldA=="),
	    "initial response");
	ok(parse("AUTH PLAIN =\r\n", &c) == POP3_AUTH && view_is(c.ir, ""),
	    "RFC 5034 4: '=' is an empty initial response");
	ok(parse("AUTH PLAIN ==\r\n", &c) == POP3_AUTH && view_is(c.ir, "=="),
	    "'==' is not");
	ok(parse("AUTH PLAIN \r\n", &c) == POP3_AUTH && view_is(c.ir, ""),
	    "trailing space: empty initial response");
	ok(parse("AUTH plain x y\r\n", &c) == POP3_AUTH &&
	    view_is(c.mech, "plain") && view_is(c.ir, "x y"),
	    "extra argument stays in the response (base64 rejects it)");
	ok(parse("AUTH  PLAIN\r\n", &c) == POP3_AUTH && view_is(c.mech, "") &&
	    view_is(c.ir, "PLAIN"), "double space: empty mechanism");
	ok(parse("AUTH  \r\n", &c) == POP3_AUTH && view_is(c.mech, "") &&
	    view_is(c.ir, ""), "AUTH and two spaces");
	ok(parse(long_line("AUTH PLAIN ", 'A', LIM_LINE_MAX), &c) ==
	    POP3_AUTH && c.ir.n == LIM_LINE_MAX - 11, "IR as long as a line");
}

static void
test_nul_and_control(void)
{
	struct pop3_cmd c;

	is_int(parse_n("CAPA\0\r\n", 7, &c), POP3_INVALID, "NUL after word");
	is_int(parse_n("US\0ER x\r\n", 9, &c), POP3_INVALID, "NUL in word");
	is_int(parse_n("CAPA\r\0\n", 7, &c), POP3_INVALID, "NUL before LF");
	is_int(parse_n("\0\r\n", 3, &c), POP3_INVALID, "NUL alone");
	is_int(parse_n("PASS se\0cret\r\n", 14, &c), POP3_INVALID,
	    "NUL in a password");
	ok(c.valid && c.secret.p == NULL && c.name.p == NULL,
	    "invalid line: no arguments taken");
	ok(parse("\x01" "CAPA\r\n", &c) == POP3_UNKNOWN &&
	    view_is(c.word, "\x01" "CAPA"), "control byte in the word");
	is_int(parse("CAPA\t\r\n", &c), POP3_UNKNOWN, "tab is no separator");
	ok(parse("\x1b[0m\r\n", &c) == POP3_UNKNOWN &&
	    view_is(c.word, "\x1b[0m"), "escape sequence");
	is_int(parse("\x80\xff" "CAPA\r\n", &c), POP3_UNKNOWN, "8-bit bytes");
	is_int(parse("CAPA\xc2\xa0\r\n", &c), POP3_UNKNOWN, "NBSP");
}

static void
test_empty_and_unknown(void)
{
	struct pop3_cmd c;

	ok(parse("\r\n", &c) == POP3_UNKNOWN && view_is(c.word, "") &&
	    view_is(c.arg, ""), "empty line");
	ok(parse_n("", 0, &c) == POP3_UNKNOWN && view_is(c.word, ""),
	    "no bytes at all");
	ok(parse(" CAPA\r\n", &c) == POP3_UNKNOWN && view_is(c.word, "") &&
	    view_is(c.arg, "CAPA"), "leading space: empty word");
	ok(parse("STAT\r\n", &c) == POP3_UNKNOWN && view_is(c.word, "STAT"),
	    "STAT before login");
	ok(parse("RETR 1\r\n", &c) == POP3_UNKNOWN && view_is(c.word, "RETR") &&
	    view_is(c.arg, "1"), "RETR 1");
	is_int(parse("CAP\r\n", &c), POP3_UNKNOWN, "prefix of a command");
	is_int(parse("CAPABILITY\r\n", &c), POP3_UNKNOWN, "longer word");
	is_int(parse("USERS bob\r\n", &c), POP3_UNKNOWN, "USERS");
	ok(parse(long_line("X", 'x', LIM_LINE_MAX), &c) == POP3_UNKNOWN &&
	    c.word.n == LIM_LINE_MAX && buf[LIM_LINE_MAX] == '\0',
	    "overlong word: NUL at n, nothing past the buffer");
}

static void
test_sasl_line(void)
{
	size_t n = 99;

	ok(pop3_sasl_line("*\r\n", 3, &n) == 0 && n == 1, "'*' cancels");
	ok(pop3_sasl_line("*", 1, &n) == 0, "'*' without line end");
	ok(pop3_sasl_line("*\r\r\n", 4, &n) == 0, "'*' CR CR LF");
	ok(pop3_sasl_line("**\r\n", 4, &n) == 1 && n == 2, "'**' is data");
	ok(pop3_sasl_line(" *\r\n", 4, &n) == 1 && n == 2, "' *' is data");
	ok(pop3_sasl_line("dGVzdA==\r\n", 10, &n) == 1 && n == 8,
	    "base64 line, CRLF cut");
	ok(pop3_sasl_line("dGVzdA==\n", 9, &n) == 1 && n == 8, "bare LF");
	ok(pop3_sasl_line("\r\n", 2, &n) == 1 && n == 0, "empty response");
	ok(pop3_sasl_line("", 0, &n) == 1 && n == 0, "no bytes");
}

int
main(void)
{
	plan_lazy();
	test_commands();
	test_case_and_line_ends();
	test_extra_args();
	test_user_pass();
	test_apop();
	test_auth();
	test_nul_and_control();
	test_empty_and_unknown();
	test_sasl_line();
	return done_testing();
}
