/*
 * test-pwscheme.c: login/pwscheme.c, cram.c, md5.c.  Crypt vectors were
 * made with `openssl passwd -6/-5 -salt saltsaltsalt test` and Python's
 * crypt module; CRAM-MD5 vectors with `doveadm pw -s CRAM-MD5`.
 */
#include <string.h>

#include "tap.h"
#include "../../login/cram.h"
#include "../../login/md5.h"
#include "../../login/pwscheme.h"

static const struct {
	const char *stored, *pw;
} vectors[] = {
	{ "{PLAIN}test", "test" },
	{ "{plain}test", "test" },
	{ "{SHA512-CRYPT}$6$saltsaltsalt$Eq7AXoCiNaawmn73OzHS/Onu63TphN5OQr60M2"
	  "oXjFa5F.pQts/b39gupmlqDTIdMumDdbS9OVbuNRng/NNQ61", "test" },
	{ "{SHA512-CRYPT}$6$rounds=10000$saltsaltsalt$BP7c4mzwJkw27cZ8wfnnHoYvp"
	  "ygm0GCXReUFfQ70HZxZ3afmxQsc9b47CWxlT7RGJmAAtOOdS8SfMvMYyp49.1",
	  "test" },
	{ "{SHA256-CRYPT}$5$saltsaltsalt$fWmE5RtSsk8IeSmaAfD9pG4HQ.0NlBv8jsuTt."
	  "/ojWB", "test" },
	{ "{BLF-CRYPT}$2b$05$abcdefghijklmnopqrstuuMceFj4VbmHOj8C7PetMxzZkwre/"
	  "z.Ri", "test" },
	{ "{YESCRYPT}$y$j9T$abcdefghijklmnop$/dT/iWLbuioIArlkX/dfYpn5rMqoTI45y3"
	  "e4WkgYUC1", "test" },
	{ "{CRAM-MD5}e02d374fde0dc75a17a557039a3a5338c7743304777dccd376f332bee6"
	  "8d2cf6", "test" },
	{ "{CRAM-MD5}d06d4e1b26fccaa4b0b61801132340a354b21152711fb604ca3e035e70"
	  "15116b", "tanstaaftanstaaf" },
};

static void
test_vectors(void)
{
	char err[160];

	for (size_t i = 0; i < sizeof vectors / sizeof vectors[0]; i++) {
		const char *s = vectors[i].stored, *pw = vectors[i].pw;

		ok(pwscheme_check(s, err, sizeof err) == 0, "form: %.24s", s);
		ok(pwscheme_verify(s, pw, strlen(pw)) == 1, "right: %.24s", s);
		ok(pwscheme_verify(s, "Test", 4) == 0, "wrong: %.24s", s);
		ok(pwscheme_verify(s, pw, strlen(pw) - 1) == 0,
		    "prefix of the password: %.24s", s);
	}
	ok(pwscheme_verify("{NOPE}test", "test", 4) == 0, "unknown scheme");
	ok(pwscheme_verify("test", "test", 4) == 0, "no scheme");
	ok(pwscheme_verify("{PLAIN}", "", 0) == 0, "empty PLAIN never matches");
	ok(pwscheme_verify("{SHA512-CRYPT}*", "x", 1) == 0, "bad crypt string");
}

static void
test_hash(void)
{
	static const enum pwscheme s[] = {
		PW_SHA512_CRYPT, PW_SHA256_CRYPT, PW_BLF_CRYPT, PW_YESCRYPT,
		PW_CRAM_MD5, PW_PLAIN,
	};
	char out[256], out2[256], err[160];

	for (size_t i = 0; i < sizeof s / sizeof s[0]; i++) {
		ok(pwscheme_hash(s[i], "pa ss", 5, 0, out, sizeof out) == 0,
		    "hash %s", pwscheme_name(s[i]));
		ok(pwscheme_check(out, err, sizeof err) == 0, "form %s", out);
		ok(pwscheme_verify(out, "pa ss", 5) == 1, "verifies %s", out);
		ok(pwscheme_verify(out, "pa sS", 5) == 0, "wrong %s",
		    pwscheme_name(s[i]));
		pwscheme_hash(s[i], "pa ss", 5, 0, out2, sizeof out2);
		ok(s[i] >= PW_CRAM_MD5 || strcmp(out, out2) != 0,
		    "fresh salt %s", pwscheme_name(s[i]));
	}
	pwscheme_hash(PW_CRAM_MD5, "test", 4, 0, out, sizeof out);
	is_str(out, vectors[7].stored, "CRAM-MD5 context as doveadm pw");
	ok(pwscheme_hash(PW_SHA512_CRYPT, "x", 1, 20000, out, sizeof out) == 0
	    && strncmp(out, "{SHA512-CRYPT}$6$rounds=20000$", 30) == 0,
	    "rounds");
	ok(pwscheme_hash(PW_PLAIN, "x", 1, 0, out, 8) < 0, "output too small");
	ok(pwscheme_hash(PW_PLAIN, "a\0b", 3, 0, out, sizeof out) < 0,
	    "NUL in password refused");
}

/* RFC 2195 section 2 example. */
static void
test_cram(void)
{
	static const char chal[] = "<1896.697170952@postoffice.reston.mci.net>";
	const char *st = vectors[8].stored;

	ok(pwscheme_verify_cram(st, chal, strlen(chal),
	    "b913a602c7eda7a495b4e6e7334d3890") == 1, "RFC 2195 example");
	ok(pwscheme_verify_cram(st, chal, strlen(chal),
	    "B913A602C7EDA7A495B4E6E7334D3890") == 1, "uppercase hex");
	ok(pwscheme_verify_cram(st, chal, strlen(chal),
	    "b913a602c7eda7a495b4e6e7334d3891") == 0, "wrong digest");
	ok(pwscheme_verify_cram(st, chal, strlen(chal),
	    "b913a602c7eda7a495b4e6e7334d389") == 0, "short digest");
	ok(pwscheme_verify_cram(st, chal, strlen(chal),
	    "b913a602c7eda7a495b4e6e7334d38900") == 0, "long digest");
	ok(pwscheme_verify_cram("{PLAIN}tanstaaftanstaaf", chal, strlen(chal),
	    "b913a602c7eda7a495b4e6e7334d3890") == 1, "from PLAIN");
	ok(pwscheme_verify_cram(vectors[2].stored, chal, strlen(chal),
	    "b913a602c7eda7a495b4e6e7334d3890") == 0, "crypt cannot CRAM");
	ok(pwscheme_verify_dummy("x", 1, 0, NULL) == 0 &&
	    pwscheme_verify_dummy("x", 1, 1, NULL) == 0 &&
	    pwscheme_verify_dummy("x", 1, 0, "{PLAIN}x") == 0, "dummy never matches");
}

/* RFC 1939 section 7 example. */
static void
test_apop(void)
{
	static const char ts[] = "<1896.697170952@dbc.mtview.ca.us>";

	ok(pwscheme_verify_apop("{PLAIN}tanstaaf", ts, strlen(ts),
	    "c4c9334bac560ecc979e58001b3e22fb") == 1, "APOP RFC 1939 example");
	ok(pwscheme_verify_apop("{PLAIN}tanstaaf", ts, strlen(ts),
	    "c4c9334bac560ecc979e58001b3e22fc") == 0, "APOP wrong digest");
	ok(pwscheme_verify_apop("{PLAIN}tanstaaf", ts, strlen(ts) - 1,
	    "c4c9334bac560ecc979e58001b3e22fb") == 0, "APOP other stamp");
	ok(pwscheme_verify_apop(vectors[8].stored, ts, strlen(ts),
	    "c4c9334bac560ecc979e58001b3e22fb") == 0, "APOP needs PLAIN");
}

static void
test_md5_and_misc(void)
{
	unsigned char d[16];
	struct md5 m;
	char long_pw[101], out[128];

	md5_init(&m);
	md5_update(&m, "abc", 3);
	md5_final(&m, d);
	ok(memcmp(d, "\x90\x01\x50\x98\x3c\xd2\x4f\xb0\xd6\x96\x3f\x7d\x28\xe1"
	    "\x7f\x72", 16) == 0, "MD5(abc), RFC 1321");
	memset(long_pw, 'x', 100);
	long_pw[100] = '\0';
	pwscheme_hash(PW_CRAM_MD5, long_pw, 100, 0, out, sizeof out);
	is_str(out, "{CRAM-MD5}52197db948d0932512a61b183e7d05b04e94d60a3bb0d00"
	    "f92d3df52a5d275ca", "CRAM-MD5 of a key over 64 bytes");
	ok(pwscheme_equal("abc", 3, "abc", 3) && !pwscheme_equal("abc", 3,
	    "abd", 3) && !pwscheme_equal("abc", 3, "abcd", 4), "equal");
	is_int(pwscheme_byname("yescrypt", 8), PW_YESCRYPT, "byname, case");
}

int
main(void)
{
	plan_lazy();
	test_vectors();
	test_hash();
	test_cram();
	test_apop();
	test_md5_and_misc();
	return done_testing();
}
