/* test-mutf7.c: shared/mutf7.c, RFC 3501 5.1.3 modified UTF-7. */
#include <errno.h>
#include <stdint.h>
#include "tap.h"
#include "mutf7.h"

static const struct {
	const char *mutf7, *utf8;
} good[] = {
	{ "INBOX", "INBOX" },
	{ "", "" },
	{ "&-", "&" },
	{ "~peter/mail/&U,BTFw-/&ZeVnLIqe-",	/* RFC 3501 5.1.3 */
	  "~peter/mail/\xe5\x8f\xb0\xe5\x8c\x97/"
	  "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e" },
	{ "Entw&APw-rfe", "Entw\xc3\xbcrfe" },
	{ "&2D3eAA-", "\xf0\x9f\x98\x80" },
	{ "a&2D3eAA-b", "a\xf0\x9f\x98\x80" "b" },
	{ "&AOk-", "\xc3\xa9" },
	{ "&AOkA6Q-", "\xc3\xa9\xc3\xa9" },
	{ "&AOkA6QDp-", "\xc3\xa9\xc3\xa9\xc3\xa9" },
	{ "&-&AOk-&-", "&\xc3\xa9&" },
	{ "&BB4EQgQ,BEAEMAQyBDsENQQ9BD0ESwQ1-",
	  "\xd0\x9e\xd1\x82\xd0\xbf\xd1\x80\xd0\xb0\xd0\xb2\xd0\xbb\xd0\xb5"
	  "\xd0\xbd\xd0\xbd\xd1\x8b\xd0\xb5" },
	{ "&kAFP4W4IMH8wojCkMMYw4A-",
	  "\xe9\x80\x81\xe4\xbf\xa1\xe6\xb8\x88\xe3\x81\xbf\xe3\x82\xa2"
	  "\xe3\x82\xa4\xe3\x83\x86\xe3\x83\xa0" },
	{ "&AP8BAA-", "\xc3\xbf\xc4\x80" },
	{ "&IKw-", "\xe2\x82\xac" },
	{ "&AAE-", "\x01" },	/* controls are the folder layer's business */
};

static const struct {
	const char *in, *what;
} bad_mutf7[] = {
	{ "&", "lone &" },
	{ "&AOk", "unterminated shift" },
	{ "a&U,BTFw", "unterminated shift after text" },
	{ "&AOk-&AOk-", "two adjacent shifts" },
	{ "&AGE-", "printable ASCII (a) encoded" },
	{ "&ACY-", "& encoded in base64" },
	{ "&AC4-", "separator . encoded in base64" },
	{ "&AC8-", "/ encoded in base64" },
	{ "&AOl-", "non-zero padding bits" },
	{ "&AOkA-", "a whole extra base64 character" },
	{ "&AA-", "shift with no complete character" },
	{ "&2D0-", "lone high surrogate" },
	{ "&3gA-", "lone low surrogate" },
	{ "&3gDYPQ-", "surrogates reversed" },
	{ "&2D3YPQ-", "two high surrogates" },
	{ "&AOk/-", "/ in base64 (RFC 2045 alphabet)" },
	{ "&AOk=-", "= padding" },
	{ "&AOk.-", ". inside a shift" },
	{ "&AAA-", "U+0000" },
	{ "a\001b", "raw control character" },
	{ "a\177b", "raw DEL" },
	{ "Entw\xc3\xbcrfe", "raw 8-bit UTF-8" },
	{ "&,,,-", "non-zero padding after U+FFFF" },
};

static const struct {
	const char *in, *what;
} bad_utf8[] = {
	{ "\xc0\xaf", "overlong 2-byte /" },
	{ "\xe0\x80\xaf", "overlong 3-byte /" },
	{ "\xf0\x80\x80\xaf", "overlong 4-byte /" },
	{ "\xed\xa0\x80", "UTF-8 encoded surrogate" },
	{ "\xf4\x90\x80\x80", "above U+10FFFF" },
	{ "\xf8\x88\x80\x80\x80", "5-byte form" },
	{ "\xc3", "truncated" },
	{ "a\xe2\x82", "truncated at end" },
	{ "\x80", "lone continuation byte" },
	{ "\xc3\x28", "bad continuation" },
	{ "\xff", "0xff" },
};

static size_t
put_utf8(char *b, uint32_t cp)
{
	if (cp < 0x80) {
		b[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		b[0] = (char)(0xc0 | cp >> 6);
		b[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		b[0] = (char)(0xe0 | cp >> 12);
		b[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		b[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	b[0] = (char)(0xf0 | cp >> 18);
	b[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	b[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	b[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* Encode, check canonical, decode, compare; 0 on success. */
static int
roundtrip(const char *u, size_t n, struct str *m, struct str *back)
{
	if (mutf7_from_utf8(u, n, m) < 0 || !mutf7_valid(m->s, m->len))
		return -1;
	if (mutf7_to_utf8(m->s, m->len, back) < 0)
		return -1;
	return back->len == n && memcmp(back->s, u, n) == 0 ? 0 : -1;
}

static void
test_every_code_point(void)
{
	struct str m = STR_INIT(64), back = STR_INIT(64);
	char u[16];
	uint32_t cp, failed = 0, count = 0;
	size_t n;

	for (cp = 1; cp <= 0x10ffff; cp += cp < 0x10000 ? 1 : 7) {
		if (cp >= 0xd800 && cp <= 0xdfff)
			continue;
		/* Alone, and between ASCII and non-ASCII neighbours. */
		n = put_utf8(u, cp);
		failed += roundtrip(u, n, &m, &back) < 0;
		u[0] = 'x';
		n = 1 + put_utf8(u + 1, cp);
		n += put_utf8(u + n, 0xe9);
		n += put_utf8(u + n, cp);
		failed += roundtrip(u, n, &m, &back) < 0;
		count++;
	}
	is_int(failed, 0, "%u code points round-trip alone and in context",
	    (unsigned)count);
	str_free(&m);
	str_free(&back);
}

int
main(void)
{
	struct str out = STR_INIT(1024);
	size_t i;

	plan_lazy();
	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		ok(mutf7_to_utf8(good[i].mutf7, strlen(good[i].mutf7),
		    &out) == 0, "decode \"%s\"", good[i].mutf7);
		is_str(out.s, good[i].utf8, "  to UTF-8");
		ok(mutf7_from_utf8(good[i].utf8, strlen(good[i].utf8),
		    &out) == 0, "encode to \"%s\"", good[i].mutf7);
		is_str(out.s, good[i].mutf7, "  to mUTF-7");
		ok(mutf7_valid(good[i].mutf7, strlen(good[i].mutf7)),
		    "  valid");
	}
	for (i = 0; i < sizeof bad_mutf7 / sizeof bad_mutf7[0]; i++) {
		errno = 0;
		ok(mutf7_to_utf8(bad_mutf7[i].in, strlen(bad_mutf7[i].in),
		    &out) < 0 && errno == EINVAL, "reject mUTF-7: %s",
		    bad_mutf7[i].what);
		ok(!mutf7_valid(bad_mutf7[i].in, strlen(bad_mutf7[i].in)),
		    "  not valid");
	}
	for (i = 0; i < sizeof bad_utf8 / sizeof bad_utf8[0]; i++) {
		errno = 0;
		ok(mutf7_from_utf8(bad_utf8[i].in, strlen(bad_utf8[i].in),
		    &out) < 0 && errno == EINVAL, "reject UTF-8: %s",
		    bad_utf8[i].what);
		ok(!utf8_valid(bad_utf8[i].in, strlen(bad_utf8[i].in)),
		    "  utf8_valid says no");
	}
	errno = 0;
	ok(mutf7_from_utf8("a\0b", 3, &out) < 0 && errno == EINVAL,
	    "reject U+0000 in UTF-8");
	ok(mutf7_to_utf8("a\0b", 3, &out) < 0, "reject NUL byte in mUTF-7");
	test_every_code_point();
	{
		struct str small = STR_INIT(4);

		errno = 0;
		ok(mutf7_from_utf8("\xc3\xa9\xc3\xa9", 4, &small) < 0 &&
		    errno == ENOSPC, "output bounded by str max (ENOSPC)");
		str_free(&small);
	}
	str_free(&out);
	return done_testing();
}
