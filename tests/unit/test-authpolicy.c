/* test-authpolicy.c: login/authpolicy.c, cidr.c, cred.c, keyset.c */
#include <stdio.h>
#include <string.h>

#include "tap.h"
#include "../../login/authpolicy.h"
#include "../../login/cidr.h"
#include "../../login/cred.h"
#include "../../login/keyset.h"

static void
test_cidr(void)
{
	const char *nets = "10.0.0.0/8,192.0.2.128/25,2001:db8::/32,::1";
	char bad[64];

	is_int(cidr_list_match(nets, "10.255.0.1"), 1, "v4 in /8");
	is_int(cidr_list_match(nets, "11.0.0.1"), 0, "v4 outside");
	is_int(cidr_list_match(nets, "192.0.2.129"), 1, "v4 in /25");
	is_int(cidr_list_match(nets, "192.0.2.127"), 0, "v4 below /25");
	is_int(cidr_list_match(nets, "2001:db8:ffff::1"), 1, "v6 in /32");
	is_int(cidr_list_match(nets, "2001:db9::1"), 0, "v6 outside");
	is_int(cidr_list_match(nets, "::1"), 1, "bare v6 address");
	is_int(cidr_list_match(nets, "::ffff:10.1.2.3"), 1, "v4-mapped v6");
	is_int(cidr_list_match(nets, "::ffff:11.1.2.3"), 0, "v4-mapped out");
	is_int(cidr_list_match(nets, "junk"), -1, "not an address");
	is_int(cidr_list_match(nets, "10.0.0.1/8"), -1, "a network is no ip");
	is_int(cidr_list_match("0.0.0.0/0", "203.0.113.9"), 1, "/0");
	is_int(cidr_list_match("0.0.0.0/0", "2001:db8::1"), 0,
	    "v4 /0 is not v6");
	ok(cidr_list_check(nets, bad, sizeof bad) == 0, "list valid");
	ok(cidr_list_check("10.0.0.0/8,,1.2.3.4", bad, sizeof bad) < 0 &&
	    strcmp(bad, "") == 0, "empty element");
	ok(cidr_list_check("1.2.3.4/", bad, sizeof bad) < 0, "empty bits");
	ok(cidr_list_check("1.2.3.4/1x", bad, sizeof bad) < 0, "bad bits");
	ok(cidr_list_check("::/129", bad, sizeof bad) < 0, "v6 /129");
	ok(cidr_list_check("1.2.3/24", bad, sizeof bad) < 0, "short v4");
}

static void
test_cred(void)
{
	struct cred c;
	char u[16], m[16];

	ok(cred_parse("bob\0pw\0<ts>\0extra", 17, &c) == 0, "record");
	is_str(c.login, "bob", "login");
	is_str(c.secret, "pw", "secret");
	is_int(c.secret_len, 2, "secret len");
	is_str(c.stamp, "<ts>", "timestamp");
	ok(cred_parse("bob\0pw\0", 7, &c) == 0 && c.stamp_len == 0,
	    "timestamp missing: empty");
	ok(cred_parse("bob\0pw", 6, &c) < 0, "password not terminated");
	ok(cred_parse("bob", 3, &c) < 0, "login not terminated");
	ok(cred_parse("", 0, &c) < 0, "empty record");
	is_int(cred_split_master("a@x*adm", "*", u, sizeof u, m, sizeof m), 1,
	    "master split");
	ok(strcmp(u, "a@x") == 0 && strcmp(m, "adm") == 0, "parts");
	is_int(cred_split_master("a@x", "*", u, sizeof u, m, sizeof m), 0,
	    "no separator");
	is_int(cred_split_master("a*", "*", u, sizeof u, m, sizeof m), -1,
	    "empty master");
	is_int(cred_split_master("a::m", "::", u, sizeof u, m, sizeof m), 1,
	    "two-byte separator");
	is_int(cred_split_master("a*m", "", u, sizeof u, m, sizeof m), 0,
	    "empty separator: master logins off");
	is_int(cred_split_master("0123456789abcdef*m", "*", u, sizeof u, m,
	    sizeof m), -1, "user part one byte over");
}

static void
test_policy(void)
{
	struct user_record r;

	memset(&r, 0, sizeof r);
	r.uid = 1000;
	ok(authpolicy_check(&r, "imap", NULL, 0) == NULL, "plain user ok");
	r.nologin = 1;
	is_str(authpolicy_check(&r, "imap", NULL, 0), "nologin", "nologin");
	r.nologin = 0;
	r.disable = USER_DISABLE_IMAP;
	is_str(authpolicy_check(&r, "imap", NULL, 0), "disabled-service",
	    "disable=imap");
	ok(authpolicy_check(&r, "pop3", NULL, 0) == NULL, "pop3 still ok");
	ok(authpolicy_check(&r, NULL, NULL, 0) == NULL, "no SERVICE");
	r.disable = 0;
	snprintf(r.allow_nets, sizeof r.allow_nets, "10.0.0.0/8");
	ok(authpolicy_check(&r, "imap", "10.1.1.1", 0) == NULL, "net ok");
	is_str(authpolicy_check(&r, "imap", "192.0.2.1", 0), "network",
	    "net refused");
	is_str(authpolicy_check(&r, "imap", NULL, 0), "no-address",
	    "unknown address with allow_nets: refused");
	r.allow_nets[0] = '\0';
	r.uid = 0;
	is_str(authpolicy_check(&r, "imap", NULL, 0), "uid0", "uid 0");
	ok(authpolicy_check(&r, "imap", NULL, 1) == NULL, "uid 0 allowed");
}

static void
test_keyset(void)
{
	struct keyset ks;
	char key[64];
	int fails = 0;

	keyset_init(&ks);
	for (long i = 1; i <= 50000; i++) {
		snprintf(key, sizeof key, "user%ld@example.org", i);
		fails += keyset_add(&ks, key, i) != 0;
	}
	is_int(fails, 0, "50000 distinct keys");
	is_int(keyset_add(&ks, "user777@example.org", 99999), 777,
	    "duplicate: first line");
	is_int(ks.used, 50000, "count");
	keyset_free(&ks);
}

int
main(void)
{
	plan_lazy();
	test_cidr();
	test_cred();
	test_policy();
	test_keyset();
	return done_testing();
}
