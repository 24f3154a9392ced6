/* test-pop3-uidl.c: pop3d/uidl.c */
#include <errno.h>

#include "tap.h"
#include "../../pop3d/uidl.h"

int
main(void)
{
	enum uidl_mode m;
	char buf[UIDL_MAX], small[8];

	plan_lazy();
	ok(uidl_mode_parse(NULL, &m) == 0 && m == UIDL_DOVECOT, "default");
	ok(uidl_mode_parse("filename", &m) == 0 && m == UIDL_FILENAME,
	    "filename");
	ok(uidl_mode_parse("bogus", &m) < 0 && errno == EINVAL, "bogus");
	ok(uidl_format(buf, sizeof buf, UIDL_DOVECOT, 1, 0x5f3a2b1c,
	    "x") == 0, "dovecot format");
	is_str(buf, "000000015f3a2b1c", "%%08Xu%%08Xv");
	uidl_format(buf, sizeof buf, UIDL_DOVECOT, 0xffffffffu, 1, "x");
	is_str(buf, "ffffffff00000001", "max uid");
	uidl_format(buf, sizeof buf, UIDL_FILENAME, 1, 1,
	    "1700000000.M1P2.host,S=42:2,S");
	is_str(buf, "1700000000.M1P2.host,S=42", "filename up to ':'");
	uidl_format(buf, sizeof buf, UIDL_FILENAME, 1, 1, "1234.567.host");
	is_str(buf, "1234.567.host", "qmail name without info");
	ok(uidl_format(small, sizeof small, UIDL_FILENAME, 1, 1,
	    "1234567890.x") < 0, "too long refused");
	return done_testing();
}
