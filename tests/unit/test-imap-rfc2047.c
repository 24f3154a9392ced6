/* test-imap-rfc2047.c: imapd/rfc2047.c, imapd/casefold.c */
#include <string.h>

#include "tap.h"
#include "../../imapd/casefold.h"
#include "../../imapd/rfc2047.h"

static struct str o = STR_INIT(10000);

static const char *
dec(const char *s)
{
	str_truncate(&o, 0);
	rfc2047_decode(s, strlen(s), &o);
	return o.s;
}

static const char *
fold(const char *s)
{
	str_truncate(&o, 0);
	casefold_utf8(s, strlen(s), &o);
	return o.s;
}

int
main(void)
{
	plan_lazy();
	is_str(dec("=?utf-8?q?caf=C3=A9?= =?iso-8859-1?b?6Q==?= x"),
	    "caf\xc3\xa9\xc3\xa9 x", "Q and B, space between words dropped");
	is_str(dec("a =?UTF-8?Q?b_c?= d"), "a b c d", "space kept at edges");
	is_str(dec("=?utf-8?x?abc?= =?broken"), "=?utf-8?x?abc?= =?broken",
	    "not encoded words");
	is_str(dec("=?koi8-r?b?8NLJ18XU?="),
	    "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82",
	    "koi8-r via iconv");
	is_str(dec("=?x-unknown?q?ab?="), "ab", "unknown charset copied");
	is_str(dec("=?utf-8*en?q?hi?="), "hi", "RFC 2231 language");
	str_truncate(&o, 0);
	qp_decode("a=3Db=\nc=\r\nd=zz", 16, 0, &o);
	is_str(o.s, "a=bcd=zz", "quoted-printable with soft breaks");
	str_truncate(&o, 0);
	base64_decode("aGVs\nbG8=", 9, &o);
	is_str(o.s, "hello", "base64 across lines");
	ok(charset_known("UTF-8") && charset_known("us-ascii") &&
	    charset_known("ISO-8859-15") && !charset_known("no-such"),
	    "charset_known");
	is_str(fold("HeLLo \xc3\x89\x43OLE \xc5\x81\xc3\x93\x44\xc5\xb9"),
	    "hello \xc3\xa9\x63ole \xc5\x82\xc3\xb3\x64\xc5\xba",
	    "ASCII and Latin folding");
	is_str(fold("\xce\xa3\xd0\x96\xd0\x81"), "\xcf\x83\xd0\xb6\xd1\x91",
	    "Greek and Cyrillic");
	is_str(fold("\xff\xc3"), "\xff\xc3", "invalid UTF-8 copied");
	ok(casefold_contains("hello world", 11, "o w", 3), "contains");
	ok(!casefold_contains("hello", 5, "hello!", 6), "longer needle");
	ok(casefold_contains("x", 1, "", 0), "empty needle");
	str_free(&o);
	return done_testing();
}
