/* test-imap-envelope.c: imapd/envelope.c, imapd/imapstr.c */
#include <string.h>

#include "tap.h"
#include "../../imapd/envelope.h"
#include "../../imapd/imapstr.h"

static const char *
env(struct str *o, const char *hdr)
{
	str_truncate(o, 0);
	return envelope_write(o, hdr, strlen(hdr)) == 0 ? o->s : "(error)";
}

static const char *
addrs(struct str *o, const char *v)
{
	str_truncate(o, 0);
	return envelope_addresses(o, v, strlen(v)) == 0 ? o->s : "(error)";
}

int
main(void)
{
	struct str o = STR_INIT(100000);

	plan_lazy();
	is_str(env(&o, "Date: Mon, 1 Jan 2024 10:00:00 +0000\n"
	    "Subject: =?utf-8?q?caf=C3=A9?=\n"
	    "From: \"Doe, John\" <john@example.org>\n"
	    "To: a@b.c, Group: x@y.z, \"Q\" <q@r>;, <@route.a,@route.b:r@s.t>\n"
	    "Cc: undisclosed-recipients:;\n"
	    "Message-ID: <id@x>\n\nbody\n"),
	    "(\"Mon, 1 Jan 2024 10:00:00 +0000\" \"=?utf-8?q?caf=C3=A9?=\" "
	    "((\"Doe, John\" NIL \"john\" \"example.org\")) "
	    "((\"Doe, John\" NIL \"john\" \"example.org\")) "
	    "((\"Doe, John\" NIL \"john\" \"example.org\")) "
	    "((NIL NIL \"a\" \"b.c\")(NIL NIL \"Group\" NIL)"
	    "(NIL NIL \"x\" \"y.z\")(\"Q\" NIL \"q\" \"r\")(NIL NIL NIL NIL)"
	    "(NIL \"@route.a,@route.b\" \"r\" \"s.t\")) "
	    "((NIL NIL \"undisclosed-recipients\" NIL)(NIL NIL NIL NIL)) "
	    "NIL NIL \"<id@x>\")", "full envelope, groups, route");
	is_str(env(&o, ""), "(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)",
	    "no headers");
	is_str(env(&o, "Subject: a \"q\" \\b\nSender: s@t\n\n"),
	    "(NIL \"a \\\"q\\\" \\\\b\" NIL ((NIL NIL \"s\" \"t\")) NIL NIL "
	    "NIL NIL NIL NIL)", "quoting; sender without from");
	is_str(env(&o, "Subject: caf\xc3\xa9\n\n"),
	    "(NIL {5}\r\ncaf\xc3\xa9 NIL NIL NIL NIL NIL NIL NIL NIL)",
	    "8-bit subject as literal");
	is_str(addrs(&o, "john.doe@x.org (John Doe)"),
	    "((\"John Doe\" NIL \"john.doe\" \"x.org\"))", "comment as name");
	is_str(addrs(&o, "nodomain"),
	    "((NIL NIL \"nodomain\" \"MISSING_DOMAIN\"))", "missing domain");
	is_str(addrs(&o, "\"Who\" <>"),
	    "((\"Who\" NIL \"MISSING_MAILBOX\" \"MISSING_DOMAIN\"))",
	    "empty angle address");
	is_str(addrs(&o, ",,, ;"), "NIL", "junk gives NIL");
	is_str(addrs(&o, "a@b, (unterminated"), "((NIL NIL \"a\" \"b\"))",
	    "unterminated comment");
	is_str(addrs(&o, "G: a@b"), "((NIL NIL \"G\" NIL)(NIL NIL \"a\" \"b\")"
	    "(NIL NIL NIL NIL))", "unterminated group closed");
	str_truncate(&o, 0);
	imap_put_astring(&o, "INBOX", 5);
	imap_put_astring(&o, " a b", 4);
	imap_put_astring(&o, "", 0);
	imap_put_nstring(&o, NULL, 0);
	is_str(o.s, "INBOX\" a b\"\"\"NIL", "astring and nstring");
	str_truncate(&o, 0);
	imap_put_string(&o, "a\0b\0", 4);
	ok(o.len == 13 && memcmp(o.s, "{8}\r\na\xef\xbf\xbd" "b\xef\xbf\xbd",
	    13) == 0, "a NUL is sent as U+FFFD: a literal holds no NUL");
	str_free(&o);
	return done_testing();
}
