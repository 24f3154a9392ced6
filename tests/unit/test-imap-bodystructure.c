/* test-imap-bodystructure.c: imapd/bodystructure.c */
#include <string.h>

#include "tap.h"
#include "../../imapd/bodystructure.h"

#include "mimefixture.h"

static const char *
bs(struct str *o, const char *msg, int ext)
{
	struct mime_msg m;

	str_truncate(o, 0);
	if (mime_parse(&m, msg, strlen(msg)) < 0 ||
	    bodystructure_write(o, &m, 0, ext) < 0)
		return "(error)";
	mime_free(&m);
	return o->s;
}

int
main(void)
{
	struct str o = STR_INIT(100000);

	plan_lazy();
	is_str(bs(&o, "Subject: x\n\nline 1\nline 2\n", 0),
	    "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" "
	    "16 2)", "plain message BODY, CRLF size");
	is_str(bs(&o, "Content-Type: text/html; charset=UTF-8\n"
	    "Content-Transfer-Encoding: Base64 (x)\n"
	    "Content-ID: <c@x>\nContent-Description: d\n"
	    "Content-Disposition: inline; filename=a.html\n"
	    "Content-Language: en, de\nContent-Location: http://x/\n\nPGI+\n",
	    1),
	    "(\"text\" \"html\" (\"charset\" \"UTF-8\") \"<c@x>\" \"d\" "
	    "\"Base64\" 6 1 NIL (\"inline\" (\"filename\" \"a.html\")) "
	    "(\"en\" \"de\") \"http://x/\")", "single part with extension data");
	is_str(bs(&o, multi, 0),
	    "((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 5 0)"
	    "(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 28 "
	    "(NIL \"inner\" NIL NIL NIL NIL NIL NIL NIL NIL) "
	    "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" "
	    "10 0) 2) \"mixed\")", "multipart BODY");
	is_str(bs(&o, multi, 1),
	    "((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL "
	    "\"7bit\" 5 0 NIL NIL NIL NIL)"
	    "(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 28 "
	    "(NIL \"inner\" NIL NIL NIL NIL NIL NIL NIL NIL) "
	    "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" "
	    "10 0 NIL NIL NIL NIL) 2 NIL NIL NIL NIL) \"mixed\" "
	    "(\"boundary\" \"XX\") NIL NIL NIL)", "multipart BODYSTRUCTURE");
	is_str(bs(&o, "Content-Type: multipart/alternative\n\nx\n", 1),
	    "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" "
	    "3 1 NIL NIL NIL NIL)", "broken multipart degrades to text/plain");
	is_str(bs(&o, "Content-Type: application/pdf; name*0=a; name*1=b\n\n",
	    0), "(\"application\" \"pdf\" (\"name\" \"ab\") NIL NIL \"7bit\" "
	    "0)", "non-text: no line count; 2231 merged");
	is_str(bs(&o, "Content-Type: multipart/digest; boundary=d\n\n--d\n\n"
	    "Subject: s\n\nb\n--d--\n", 0),
	    "((\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 15 "
	    "(NIL \"s\" NIL NIL NIL NIL NIL NIL NIL NIL) "
	    "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" "
	    "1 0) 2) \"digest\")", "digest default message/rfc822");
	is_str(bs(&o, "Content-Type: text/html; name=x.html\n\ny\n", 0),
	    "(\"text\" \"html\" (\"name\" \"x.html\" \"charset\" "
	    "\"us-ascii\") NIL NIL \"7bit\" 3 1)",
	    "text without charset: us-ascii added after the others (RFC 2046)");
	is_str(bs(&o, "Content-Type: TEXT/Enriched\n\nz\n", 0),
	    "(\"TEXT\" \"Enriched\" (\"charset\" \"us-ascii\") NIL NIL "
	    "\"7bit\" 3 1)", "  any text subtype, any case");
	is_str(bs(&o, "Content-Type: application/pdf\n"
	    "Content-MD5: Q2hlY2s=\n\npdf\n", 1),
	    "(\"application\" \"pdf\" NIL NIL NIL \"7bit\" 5 \"Q2hlY2s=\" "
	    "NIL NIL NIL)", "Content-MD5 in the extension data");
	str_free(&o);
	return done_testing();
}
