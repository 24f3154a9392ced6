/* test-lmtp-parse.c: lmtpd/parse.c and lmtpd/params.c */
#include <string.h>

#include "tap.h"
#include "../../lmtpd/parse.h"

static enum lmtp_verb
verb(const char *s, const char **arg)
{
	static char buf[600];
	struct lmtp_cmd c;

	snprintf(buf, sizeof buf, "%s", s);
	if (lmtp_parse_line(buf, strlen(buf), &c) < 0)
		return (enum lmtp_verb)-1;
	if (arg)
		*arg = c.arg;
	return c.verb;
}

static void
test_lines(void)
{
	const char *arg;
	char nul[] = "NOOP\0x\r\n";
	struct lmtp_cmd c;

	is_int(verb("LHLO client.example\r\n", &arg), LMTP_LHLO, "LHLO");
	is_str(arg, "client.example", "LHLO argument, CRLF stripped");
	is_int(verb("lhlo x\n", &arg), LMTP_LHLO, "verbs without case, LF");
	is_int(verb("HELO x\r\n", NULL), LMTP_HELO, "HELO seen as HELO");
	is_int(verb("EHLO x\r\n", NULL), LMTP_EHLO, "EHLO seen as EHLO");
	is_int(verb("QUIT\r\n", &arg), LMTP_QUIT, "QUIT");
	is_str(arg, "", "no argument");
	is_int(verb("QUITX\r\n", NULL), LMTP_UNKNOWN, "QUITX unknown");
	is_int(verb("QUI\r\n", NULL), LMTP_UNKNOWN, "short verb unknown");
	is_int(verb("\r\n", NULL), LMTP_UNKNOWN, "empty line unknown");
	is_int(verb("BDAT 10 LAST\r\n", &arg), LMTP_BDAT, "BDAT");
	is_str(arg, "10 LAST", "BDAT argument");
	ok(lmtp_parse_line(nul, sizeof nul - 1, &c) < 0, "NUL refused");
}

static enum lmtp_perr
path(const char *in, const char *prefix, int null_ok, struct lmtp_path *p,
    const char **params)
{
	static char buf[1200];
	char *pp = NULL;
	enum lmtp_perr e;

	snprintf(buf, sizeof buf, "%s", in);
	e = lmtp_parse_path(buf, prefix, null_ok, p, &pp);
	if (params)
		*params = pp;
	return e;
}

static void
test_paths(void)
{
	struct lmtp_path p;
	const char *params;

	is_int(path("FROM:<a@b.example> SIZE=10", "FROM:", 1, &p, &params),
	    PERR_OK, "MAIL path");
	is_str(p.addr, "a@b.example", "address");
	is_str(params, "SIZE=10", "parameters after the path");
	is_int(path("from:<>", "FROM:", 1, &p, NULL), PERR_OK, "null path");
	is_str(p.addr, "", "null path is empty");
	is_int(path("TO:<>", "TO:", 0, &p, NULL), PERR_SYNTAX,
	    "null path refused for RCPT");
	is_int(path("TO: <u@x.org>", "TO:", 0, &p, NULL), PERR_OK,
	    "space before < tolerated");
	is_int(path("TO:u@x.org", "TO:", 0, &p, NULL), PERR_SYNTAX,
	    "no angle brackets");
	is_int(path("TO:<\"john doe\"@x.org>", "TO:", 0, &p, NULL), PERR_OK,
	    "quoted local part");
	is_str(p.addr, "\"john doe\"@x.org", "quoted kept in addr");
	is_str(p.key, "john doe@x.org", "unquoted in key");
	is_int(path("TO:<\"a\\\"b\\\\c\"@x>", "TO:", 0, &p, NULL), PERR_OK,
	    "quoted pairs");
	is_str(p.key, "a\"b\\c@x", "quoted pairs decoded");
	is_int(path("TO:<\"a\"b@x>", "TO:", 0, &p, NULL), PERR_SYNTAX,
	    "quote then atom");
	is_int(path("TO:<a..b@x>", "TO:", 0, &p, NULL), PERR_SYNTAX,
	    "double dot");
	is_int(path("TO:<.a@x>", "TO:", 0, &p, NULL), PERR_SYNTAX,
	    "leading dot");
	is_int(path("TO:<a.@x>", "TO:", 0, &p, NULL), PERR_SYNTAX,
	    "trailing dot");
	is_int(path("TO:<a@-x.org>", "TO:", 0, &p, NULL), PERR_SYNTAX,
	    "domain label starts with -");
	is_int(path("TO:<a@x..org>", "TO:", 0, &p, NULL), PERR_SYNTAX,
	    "empty domain label");
	is_int(path("TO:<a@[192.0.2.1]>", "TO:", 0, &p, NULL), PERR_OK,
	    "address literal");
	is_int(path("TO:<a@[IPv6:2001:db8::1]>", "TO:", 0, &p, NULL),
	    PERR_OK, "IPv6 literal");
	is_int(path("TO:<@r1.org,@r2.org:u@x.org>", "TO:", 0, &p, NULL),
	    PERR_OK, "source route");
	is_str(p.addr, "u@x.org", "source route dropped");
	is_int(path("TO:<postmaster>", "TO:", 0, &p, NULL), PERR_OK,
	    "bare local part");
	is_str(p.key, "postmaster", "bare key");
	is_int(path("TO:<u+box@x.org>", "TO:", 0, &p, NULL), PERR_OK,
	    "+detail");
	is_int(path("TO:<u@x.org>junk", "TO:", 0, &p, NULL), PERR_SYNTAX,
	    "junk after >");
	is_int(path("TO:<u@x.org", "TO:", 0, &p, NULL), PERR_SYNTAX,
	    "no closing >");
	is_int(path("TO:<u@x.org> NOTIFY=NEVER", "TO:", 0, &p, &params),
	    PERR_OK, "RCPT with parameter");
	is_int(path("TO:<j\xc3\xb6rg@b\xc3\xbc.example>", "TO:", 0, &p,
	    NULL), PERR_OK, "UTF-8 address");
	ok(p.utf8, "UTF-8 noted");
	is_int(path("TO:<j\xc3rg@x>", "TO:", 0, &p, NULL), PERR_SYNTAX,
	    "ill-formed UTF-8");
	is_int(path("TO:<\xc0\xafx@x>", "TO:", 0, &p, NULL), PERR_SYNTAX,
	    "overlong UTF-8");
	is_int(path("TO:<u@x.org>", "FROM:", 0, &p, NULL), PERR_SYNTAX,
	    "wrong prefix");
	is_int(path("TO:<" "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "@x>", "TO:", 0, &p, NULL), PERR_OK, "local part of 64");
	is_int(path("TO:<" "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "@x>", "TO:", 0, &p, NULL), PERR_SYNTAX, "local part of 65");
}

static void
test_long_domain(void)
{
	char in[600], *s = in;
	struct lmtp_path p;
	int i;

	s += snprintf(s, 20, "TO:<u@");
	for (i = 0; i < 62; i++)	/* 62 * 4 = 248 octets of domain */
		s += snprintf(s, 5, "abc.");
	snprintf(s, 10, "orgx>");
	is_int(path(in, "TO:", 0, &p, NULL), PERR_OK, "path of 256");
	snprintf(s, 10, "orgxy>");
	is_int(path(in, "TO:", 0, &p, NULL), PERR_TOOLONG, "path of 257");
}

static enum lmtp_perr
mail(const char *in, struct lmtp_mail_params *mp)
{
	char buf[600];

	snprintf(buf, sizeof buf, "%s", in);
	return lmtp_parse_mail_params(buf, mp);
}

static void
test_params(void)
{
	struct lmtp_mail_params mp;
	char buf[100];
	long long size;
	int last;

	is_int(mail("", &mp), PERR_OK, "no parameters");
	ok(mp.size == -1 && mp.body == BODY_NONE && !mp.smtputf8, "defaults");
	is_int(mail("SIZE=12345 BODY=8BITMIME SMTPUTF8", &mp), PERR_OK,
	    "SIZE BODY SMTPUTF8");
	ok(mp.size == 12345 && mp.body == BODY_8BITMIME && mp.smtputf8,
	    "values");
	is_int(mail("body=7bit size=0", &mp), PERR_OK, "lower case");
	is_int(mail("SIZE=99999999999999999999", &mp), PERR_OK, "20 digits");
	ok(mp.size == __LONG_LONG_MAX__, "huge size saturates");
	is_int(mail("SIZE=123456789012345678901", &mp), PERR_PARAM,
	    "21 digits");
	is_int(mail("SIZE=", &mp), PERR_PARAM, "empty SIZE");
	is_int(mail("SIZE=1x", &mp), PERR_PARAM, "bad SIZE");
	is_int(mail("SIZE=1 SIZE=2", &mp), PERR_PARAM, "SIZE twice");
	is_int(mail("BODY=BINARYMIME", &mp), PERR_PARAM, "BINARYMIME");
	is_int(mail("SMTPUTF8=yes", &mp), PERR_PARAM, "SMTPUTF8 with value");
	is_int(mail("ENVID=QQ+2B1+3D RET=HDRS", &mp), PERR_OK, "ENVID RET");
	is_str(mp.envid, "QQ+1=", "ENVID xtext decoded");
	is_int(mail("ENVID=a+2", &mp), PERR_PARAM, "bad xtext");
	is_int(mail("ENVID=a+00", &mp), PERR_PARAM, "NUL in xtext");
	is_int(mail("RET=ALL", &mp), PERR_PARAM, "bad RET");
	is_int(mail("XFOO=1", &mp), PERR_PARAM, "unknown parameter");
	is_int(mail("-X=1", &mp), PERR_PARAM, "bad keyword");
	snprintf(buf, sizeof buf, "NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;a@b");
	is_int(lmtp_parse_rcpt_params(buf), PERR_OK, "NOTIFY ORCPT");
	snprintf(buf, sizeof buf, "SIZE=1");
	is_int(lmtp_parse_rcpt_params(buf), PERR_PARAM, "SIZE on RCPT");
	ok(lmtp_parse_bdat("100", &size, &last) == 0 && size == 100 && !last,
	    "BDAT 100");
	ok(lmtp_parse_bdat("0 last", &size, &last) == 0 && size == 0 && last,
	    "BDAT 0 LAST");
	ok(lmtp_parse_bdat("", &size, &last) < 0, "BDAT without size");
	ok(lmtp_parse_bdat("10 FIRST", &size, &last) < 0, "BDAT 10 FIRST");
	ok(lmtp_parse_bdat("-1", &size, &last) < 0, "BDAT -1");
	ok(lmtp_parse_bdat("99999999999999999999", &size, &last) < 0,
	    "BDAT size beyond range");
}

int
main(void)
{
	plan_lazy();
	test_lines();
	test_paths();
	test_long_domain();
	test_params();
	ok(lmtp_utf8_valid((const unsigned char *)"\xf0\x9f\x93\xa7", 4),
	    "4-byte UTF-8");
	ok(!lmtp_utf8_valid((const unsigned char *)"\xed\xa0\x80", 3),
	    "surrogate refused");
	return done_testing();
}
