/* test-userparse.c: login/userparse.c, userparse_extra.c, userformat.c */
#include <string.h>

#include "tap.h"
#include "../../login/userparse.h"
#include "../../login/userparse_extra.h"
#include "../../login/envname.h"

#define SHA512 "{SHA512-CRYPT}$6$Fh5QJ3eKXbYyRo4x$GaB.YoVAeMVh46bxBJCwYtUn" \
    "gHtIatNLuSvOsmwJDFZ2UzZ5JGwPFUFeXQiqKzDXiAZJJi9iWSv5U9EgeLPMa0"

static int
fake_resolve(const char *name, int group, unsigned long *id)
{
	if (strcmp(name, group ? "mail" : "vmail") != 0)
		return -1;
	*id = group ? 8 : 5000;
	return 0;
}

static const struct {
	const char *line, *err;
} bad[] = {
	{ "alice", "expected login:password:uid:gid:gecos:home[:shell[:extra]]" },
	{ "a:{PLAIN}x:1:1:", "expected login:password:uid:gid:gecos:home[:shell[:extra]]" },
	{ ":{PLAIN}x:1:1::/h", "empty login" },
	{ "a b:{PLAIN}x:1:1::/h", "bad character in login" },
	{ "a*m:{PLAIN}x:1:1::/h", "bad character in login" },
	{ "@dom:{PLAIN}x:1:1::/h", "login may not start with @" },
	{ "a:secret:1:1::/h", "password has no {SCHEME} prefix" },
	{ "a:{MD5}x:1:1::/h", "unknown scheme {MD5}" },
	{ "a:{SHA512-CRYPT}$6$abc:1:1::/h", "bad SHA512-CRYPT hash" },
	{ "a:{SHA256-CRYPT}$6$abc$def:1:1::/h", "bad SHA256-CRYPT hash" },
	{ "a:{BLF-CRYPT}$2b$10$short:1:1::/h", "bad BLF-CRYPT hash" },
	{ "a:{YESCRYPT}$y$j9T$:1:1::/h", "bad YESCRYPT hash" },
	{ "a:{CRAM-MD5}abcd:1:1::/h", "bad CRAM-MD5 hash" },
	{ "a:{PLAIN}:1:1::/h", "bad PLAIN password" },
	{ "a:{PLAIN}x::1::/h", "empty uid" },
	{ "a:{PLAIN}x:1x:1::/h", "bad uid: 1x" },
	{ "a:{PLAIN}x:4294967295:1::/h", "bad uid: 4294967295" },
	{ "a:{PLAIN}x:nosuch:1::/h", "unknown user: nosuch" },
	{ "a:{PLAIN}x:1:nosuch::/h", "unknown group: nosuch" },
	{ "a:{PLAIN}x:1:-1::/h", "unknown group: -1" },
	{ "a:{PLAIN}x:1:1::", "empty home" },
	{ "a:{PLAIN}x:1:1::home/a", "home is not an absolute path" },
	{ "a:{PLAIN}x:1:1::/home/../etc", "home is not an absolute path" },
	{ "a:{PLAIN}x:1:1::/home/a\r", "control character in line" },
	{ "a:{PLAIN}x:1:1::/h::maildir=/m\177", "control character in line" },
	{ "a:{PLAIN}x:1:1::/h::quota=", "quota needs a value" },
	{ "a:{PLAIN}x:1:1::/h::quota=2X", "bad quota: 2X" },
	{ "a:{PLAIN}x:1:1::/h::quota=99999999999T", "bad quota: 99999999999T" },
	{ "a:{PLAIN}x:1:1::/h::quota=messages=5k", "bad quota: messages=5k" },
	{ "a:{PLAIN}x:1:1::/h::quota=1G quota=2G", "duplicate extra field: quota" },
	{ "a:{PLAIN}x:1:1::/h::maildir=Maildir", "maildir is not an absolute path or ~/path" },
	{ "a:{PLAIN}x:1:1::/h::allow_nets=10.0.0.0/8,300.1.2.3", "bad allow_nets: 300.1.2.3" },
	{ "a:{PLAIN}x:1:1::/h::allow_nets=2001:db8::/129", "bad allow_nets: 2001:db8::/129" },
	{ "a:{PLAIN}x:1:1::/h::alias=a", "bad alias: a" },
	{ "a:{PLAIN}x:1:1::/h::alias=b@x,,c@x", "bad alias: " },
	{ "a:{PLAIN}x:1:1::/h::alias=@", "bad alias: @" },
	{ "a:{PLAIN}x:1:1::/h::alias=b@", "bad alias: b@" },
	{ "a:{PLAIN}x:1:1::/h::host=a/b", "bad host: a/b" },
	{ "a:{PLAIN}x:1:1::/h::port=0", "bad port: 0" },
	{ "a:{PLAIN}x:1:1::/h::port=65536", "bad port: 65536" },
	{ "a:{PLAIN}x:1:1::/h::disable=smtp", "bad disable: smtp" },
	{ "a:{PLAIN}x:1:1::/h::master=yes", "master takes no value" },
	{ "a:{PLAIN}x:1:1::/h::nologin=\"gone", "unterminated quote" },
	{ "a:{PLAIN}x:1:1::/h::path=/tmp", "reserved extra field: path" },
	{ "a:{PLAIN}x:1:1::/h::ld_preload=/x.so", "reserved extra field: ld_preload" },
	{ "a:{PLAIN}x:1:1::/h::home=/x", "reserved extra field: home" },
	{ "a:{PLAIN}x:1:1::/h::lang", "extra field without value: lang" },
	{ "a:{PLAIN}x:1:1::/h::lang=de lang=fr", "duplicate extra field: lang" },
	{ "a:{PLAIN}x:1:1::/h::9x=1", "bad extra field: 9x" },
	{ "a:{PLAIN}x:1:1::/h::=1", "bad extra field: =1" },
	{ "a:{PLAIN}x:1:1::/h::a=\"b\"c", "bad extra field: a" },
	{ "a:{PLAIN}x:1:1:g\001:/h", "control character in line" },
	{ "a:{PLAIN}x:1:1::/h::lang=d\033e", "control character in line" },
};

static void
test_bad_lines(void)
{
	struct user_record r;
	char err[USERPARSE_ERR];

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int n;

		err[0] = '\0';
		n = userparse_line(bad[i].line, fake_resolve, &r, err);
		if (!ok(n == -1 && strcmp(err, bad[i].err) == 0, "bad: %s",
		    bad[i].line))
			diag("got %d \"%s\", want \"%s\"", n, err, bad[i].err);
		is_str(r.secret, "", "secret wiped after error");
	}
}

static void
test_limits(void)
{
	struct user_record r;
	char err[USERPARSE_ERR], line[LIM_USER_LINE + 64];

	memset(line, 'a', LIM_LOGIN);
	snprintf(line + LIM_LOGIN, 64, ":{PLAIN}x:1:1::/h");
	ok(userparse_line(line, NULL, &r, err) < 0 &&
	    strcmp(err, "login too long") == 0, "login one byte over");
	snprintf(line + LIM_LOGIN - 1, 64, ":{PLAIN}x:1:1::/h");
	ok(userparse_line(line, NULL, &r, err) == 1, "login at the limit");
	memset(line, 'x', LIM_USER_LINE + 1);
	line[LIM_USER_LINE + 1] = '\0';
	ok(userparse_line(line, NULL, &r, err) < 0 &&
	    strcmp(err, "line too long") == 0, "line one byte over");
}

static void
test_good(void)
{
	struct user_record r;
	char err[USERPARSE_ERR] = "", out[LIM_USER_LINE];

	is_int(userparse_line("  # comment", NULL, &r, err), 0, "comment");
	is_int(userparse_line("", NULL, &r, err), 0, "blank");
	is_int(userparse_line("Alice@Example.org:" SHA512 ":vmail:mail:"
	    "Alice:/var/mail/alice:/bin/sh:quota=2G,messages=100 "
	    "alias=AL@example.org,@example.org nologin=\"on \\\"leave\\\"\" "
	    "allow_nets=10.0.0.0/8,2001:db8::/32 disable=pop3,imap "
	    "host=backend1 port=143 master maildir=~/Mail sieve.dir=/s "
	    "lang=\"de ch\"", fake_resolve, &r, err), 1, "full line");
	is_str(err, "", "no error");
	is_str(r.login, "alice@example.org", "login lowercased");
	is_int(r.uid, 5000, "uid by name");
	is_int(r.gid, 8, "gid by name");
	is_int(r.quota_bytes, 2147483648LL, "quota 2G");
	is_int(r.quota_messages, 100, "messages");
	is_str(r.aliases, "al@example.org,@example.org", "aliases lowered");
	ok(r.nologin, "nologin");
	is_str(r.nologin_reason, "on \"leave\"", "quoted reason");
	is_str(r.allow_nets, "10.0.0.0/8,2001:db8::/32", "nets with colons");
	is_int(r.disable, USER_DISABLE_IMAP | USER_DISABLE_POP3, "disable");
	is_str(r.host, "backend1", "host");
	is_int(r.port, 143, "port");
	ok(r.master, "master");
	is_str(r.maildir_src, "~/Mail", "maildir");
	ok(memcmp(r.extra, "sieve.dir=/s\0lang=de ch\0\0", 25) == 0,
	    "extra fields kept in order");
	ok(userparse_format(&r, 0, out, sizeof out) == 0, "format");
	is_str(out, "alice@example.org:{SHA512-CRYPT}*:5000:8:Alice:"
	    "/var/mail/alice:/bin/sh:quota=2G,messages=100 maildir=~/Mail "
	    "nologin=\"on \\\"leave\\\"\" allow_nets=10.0.0.0/8,2001:db8::/32 "
	    "alias=al@example.org,@example.org host=backend1 port=143 "
	    "disable=imap,pop3 master sieve.dir=/s lang=\"de ch\"",
	    "formatted back, secret masked");
}

static void
test_quota_and_env(void)
{
	long long b = 0, m = 0;
	char env[64];

	ok(userparse_quota("1000000S,100C", &b, &m) == 0 && b == 1000000 &&
	    m == 100, "Maildir++ quota form");
	ok(userparse_quota("10k", &b, &m) == 0 && b == 10240, "k");
	ok(userparse_quota("3T", &b, &m) == 0 && b == 3LL << 40, "T");
	ok(userparse_quota("0", &b, &m) == 0 && b == 0, "0: no limit");
	ok(envname_from_key("sieve.dir-x", 11, env, sizeof env) == 0 &&
	    strcmp(env, "SIEVE_DIR_X") == 0, "env name");
	ok(envname_reserved("LD_LIBRARY_PATH") && envname_reserved("TCPREMOTEIP")
	    && !envname_reserved("LANG"), "reserved names");
}

int
main(void)
{
	plan_lazy();
	test_bad_lines();
	test_limits();
	test_good();
	test_quota_and_env();
	return done_testing();
}
