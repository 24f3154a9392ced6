/* test-pop3-cmd.c: pop3d/cmd.c, the POP3 command parser. */
#include "tap.h"
#include "../../pop3d/cmd.h"

static enum pop3_verb
parse(const char *line, struct pop3_cmd *c)
{
	return pop3_cmd_parse(line, strlen(line), c);
}

static void
test_verbs(void)
{
	struct pop3_cmd c;

	is_int(parse("STAT\r\n", &c), POP3_STAT, "STAT");
	is_int(parse("stat", &c), POP3_STAT, "lowercase, no CRLF");
	is_int(parse("sTaT\n", &c), POP3_STAT, "mixed case, bare LF");
	is_str(c.name, "STAT", "name uppercased");
	is_int(parse("NOOP\r\n", &c), POP3_NOOP, "NOOP");
	is_int(parse("RSET\r\n", &c), POP3_RSET, "RSET");
	is_int(parse("QUIT\r\n", &c), POP3_QUIT, "QUIT");
	is_int(parse("CAPA\r\n", &c), POP3_CAPA, "CAPA");
	is_int(parse("USER bob\r\n", &c), POP3_AUTHCMD, "USER is pre-login");
	is_int(parse("PASS a b c\r\n", &c), POP3_AUTHCMD, "PASS with spaces");
	is_int(parse("STLS\r\n", &c), POP3_AUTHCMD, "STLS is pre-login");
	is_int(parse("XYZZ\r\n", &c), POP3_BAD, "unknown");
	is_str(c.err, "Unknown command", "unknown text");
	is_int(parse("STATS\r\n", &c), POP3_BAD, "5 letters");
	is_int(parse("ST\r\n", &c), POP3_BAD, "2 letters");
	is_int(parse("\r\n", &c), POP3_BAD, "empty line");
	is_str(c.err, "Empty command", "empty text");
	is_int(parse("   \r\n", &c), POP3_BAD, "blanks only");
	is_int(pop3_cmd_parse("ST\0T\r\n", 6, &c), POP3_BAD, "NUL refused");
	is_int(parse("ST\rAT\r\n", &c), POP3_BAD, "CR inside refused");
}

static void
test_args(void)
{
	struct pop3_cmd c;

	is_int(parse("STAT 1\r\n", &c), POP3_BAD, "STAT takes no argument");
	is_str(c.err, "Too many arguments", "too many text");
	is_int(parse("LIST\r\n", &c), POP3_LIST, "LIST");
	ok(!c.has_msg, "LIST without message");
	is_int(parse("LIST 3\r\n", &c), POP3_LIST, "LIST 3");
	ok(c.has_msg && c.msg == 3, "LIST message 3");
	is_int(parse("LIST 1 2\r\n", &c), POP3_BAD, "LIST two args");
	is_int(parse("LIST 0\r\n", &c), POP3_BAD, "message 0");
	is_str(c.err, "Invalid message number", "0 text");
	is_int(parse("LIST -1\r\n", &c), POP3_BAD, "negative");
	is_int(parse("LIST 1x\r\n", &c), POP3_BAD, "trailing junk");
	is_int(parse("LIST +1\r\n", &c), POP3_BAD, "plus sign");
	is_int(parse("RETR\r\n", &c), POP3_BAD, "RETR needs a number");
	is_str(c.err, "Missing message number", "missing text");
	is_int(parse("RETR  7 \r\n", &c), POP3_RETR, "extra blanks");
	is_int(c.msg, 7, "RETR 7");
	is_int(parse("RETR 99999999999999999999\r\n", &c), POP3_RETR,
	    "huge number parses");
	ok(c.msg > POP3_NUM_MAX, "huge number saturates");
	is_int(parse("RETR 00012\r\n", &c), POP3_RETR, "leading zeros");
	is_int(c.msg, 12, "leading zeros value");
	is_int(parse("DELE 2\r\n", &c), POP3_DELE, "DELE");
	is_int(parse("TOP 1\r\n", &c), POP3_BAD, "TOP needs two");
	is_str(c.err, "Usage: TOP message-number lines", "TOP usage");
	is_int(parse("TOP 1 0\r\n", &c), POP3_TOP, "TOP 1 0");
	ok(c.msg == 1 && c.lines == 0, "TOP values");
	is_int(parse("TOP 1 x\r\n", &c), POP3_BAD, "TOP bad lines");
	is_str(c.err, "Invalid number of lines", "TOP bad lines text");
	is_int(parse("TOP 2 123456789012345678901234567890\r\n", &c),
	    POP3_TOP, "TOP huge lines");
	ok(c.lines > POP3_NUM_MAX, "TOP huge saturates");
	is_int(parse("UIDL 5\r\n", &c), POP3_UIDL, "UIDL 5");
	is_int(parse("RETR 12345678901234567890123456789012345678901\r\n",
	    &c), POP3_BAD, "argument over 40 chars");
}

int
main(void)
{
	plan_lazy();
	test_verbs();
	test_args();
	return done_testing();
}
