/* test-privmsg.c: login/privmsg.c */
#include "tap.h"
#include "../../login/privmsg.h"

int
main(void)
{
	static char msg[PM_MSG_MAX];
	struct privmsg_auth a = { 0 }, b;
	size_t n;

	plan_lazy();
	a.field[PM_MECH] = "PLAIN";
	a.field[PM_TAG] = "a1";
	a.field[PM_REMOTEIP] = "192.0.2.1";
	a.cred = "alice\0pw\0<1@h>\0";
	a.credlen = 15;
	a.pending = "a2 NOOP\r\n";
	a.pendlen = 9;
	n = privmsg_pack(&a, msg);
	ok(n > 0, "packed");
	ok(privmsg_unpack(msg, n, &b) == 0, "unpacked");
	is_str(b.field[PM_MECH], "PLAIN", "mech");
	is_str(b.field[PM_TAG], "a1", "tag");
	is_str(b.field[PM_LOGIN], "", "unset field is empty");
	is_str(b.field[PM_REMOTEIP], "192.0.2.1", "ip");
	ok(b.credlen == 15 && memcmp(b.cred, a.cred, 15) == 0, "cred");
	ok(b.pendlen == 9 && memcmp(b.pending, "a2 NOOP\r\n", 9) == 0,
	    "pending bytes");
	ok(privmsg_unpack(msg, 5, &b) < 0, "truncated refused");
	msg[0] = 'X';
	ok(privmsg_unpack(msg, n, &b) < 0, "wrong type refused");
	a.credlen = LIM_CRED + 1;
	ok(privmsg_pack(&a, msg) == 0, "cred one byte over refused");
	a.credlen = 15;
	a.pendlen = IO_INSIZE + 1;
	ok(privmsg_pack(&a, msg) == 0, "pending one byte over refused");
	a.pendlen = IO_INSIZE;
	{
		static char big[IO_INSIZE];
		a.pending = big;
		ok(privmsg_pack(&a, msg) > 0, "pending at the limit");
	}
	return done_testing();
}
