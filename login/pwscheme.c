/* pwscheme.c: the password schemes of users(5) (see pwscheme.h). */
#include <crypt.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>

#include "cram.h"
#include "md5.h"
#include "limits.h"
#include "pwscheme.h"

static const struct {
	const char *name;
	const char *prefix;	/* crypt(3) prefix, NULL: not crypt */
	size_t hashlen;		/* length of the last $-part */
} schemes[] = {
	[PW_SHA512_CRYPT] = { "SHA512-CRYPT", "$6$", 86 },
	[PW_SHA256_CRYPT] = { "SHA256-CRYPT", "$5$", 43 },
	[PW_BLF_CRYPT] = { "BLF-CRYPT", "$2b$", 53 },
	[PW_YESCRYPT] = { "YESCRYPT", "$y$", 43 },
	[PW_CRAM_MD5] = { "CRAM-MD5", NULL, 64 },
	[PW_PLAIN] = { "PLAIN", NULL, 0 },
};
#define NSCHEMES (sizeof schemes / sizeof schemes[0])

/* A dummy SHA512-CRYPT hash (of a random string) for unknown logins. */
static const char dummy_hash[] = "$6$Fh5QJ3eKXbYyRo4x$"
    "GaB.YoVAeMVh46bxBJCwYtUngHtIatNLuSvOsmwJDFZ2UzZ5JGwPFUFeXQiqKzDXiAZJJi9"
    "iWSv5U9EgeLPMa0";

enum pwscheme
pwscheme_byname(const char *name, size_t len)
{
	for (size_t i = 0; i < NSCHEMES; i++)
		if (strlen(schemes[i].name) == len &&
		    strncasecmp(schemes[i].name, name, len) == 0)
			return (enum pwscheme)i;
	return PW_NONE;
}

const char *
pwscheme_name(enum pwscheme s)
{
	return s >= 0 && (size_t)s < NSCHEMES ? schemes[s].name : "NONE";
}

enum pwscheme
pwscheme_split(const char *stored, const char **data)
{
	const char *end;

	if (stored[0] != '{' || (end = strchr(stored, '}')) == NULL)
		return PW_NONE;
	*data = end + 1;
	return pwscheme_byname(stored + 1, (size_t)(end - stored - 1));
}

static int
crypt_chars(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strchr("./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "abcdefghijklmnopqrstuvwxyz", s[i]))
			return 0;
	return 1;
}

static int
hex_chars(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strchr("0123456789abcdefABCDEF", s[i]))
			return 0;
	return 1;
}

/* "$2a$", "$2b$", "$2y$" are all bcrypt; the cost is two digits. */
static int
crypt_form(enum pwscheme s, const char *d)
{
	const char *last = strrchr(d, '$');
	size_t plen = strlen(schemes[s].prefix);

	if (s == PW_BLF_CRYPT) {
		if (strncmp(d, "$2", 2) != 0 || !strchr("aby", d[2]) ||
		    d[3] != '$' || strlen(d) != 7 + 53 || d[6] != '$')
			return 0;
		return crypt_chars(d + 7, 53) && d[4] >= '0' && d[4] <= '3' &&
		    d[5] >= '0' && d[5] <= '9';
	}
	if (strncmp(d, schemes[s].prefix, plen) != 0 || last == NULL ||
	    last < d + plen || strlen(last + 1) != schemes[s].hashlen)
		return 0;
	return crypt_chars(last + 1, schemes[s].hashlen);
}

int
pwscheme_check(const char *stored, char *err, size_t errsize)
{
	const char *data, *end;
	enum pwscheme s;

	if (stored[0] != '{' || (end = strchr(stored, '}')) == NULL) {
		snprintf(err, errsize, "password has no {SCHEME} prefix");
		return -1;
	}
	if ((s = pwscheme_split(stored, &data)) == PW_NONE) {
		snprintf(err, errsize, "unknown scheme %.*s",
		    (int)(end - stored + 1), stored);
		return -1;
	}
	if ((schemes[s].prefix && !crypt_form(s, data)) ||
	    (s == PW_CRAM_MD5 && (strlen(data) != 64 || !hex_chars(data, 64)))
	    || (s == PW_PLAIN && *data == '\0')) {
		snprintf(err, errsize, "bad %s %s", schemes[s].name,
		    s == PW_PLAIN ? "password" : "hash");
		return -1;
	}
	return 0;
}

int
pwscheme_equal(const void *a, size_t na, const void *b, size_t nb)
{
	const volatile unsigned char *pa = a, *pb = b;
	unsigned char diff = na != nb;
	size_t n = na < nb ? na : nb;

	/* The time depends on the shorter length only, never on content. */
	for (size_t i = 0; i < n; i++)
		diff |= pa[i] ^ pb[i];
	return diff == 0;
}

static struct crypt_data crypt_buf;	/* ~32 kB: not on the stack */

static int
crypt_verify(const char *hash, const char *pw, size_t len)
{
	char key[LIM_SECRET];
	const char *out;
	int r;

	if (len >= sizeof key)
		return 0;
	memcpy(key, pw, len);
	key[len] = '\0';
	memset(&crypt_buf, 0, sizeof crypt_buf);
	out = crypt_r(key, hash, &crypt_buf);
	r = out && out[0] != '*' &&
	    pwscheme_equal(out, strlen(out), hash, strlen(hash));
	explicit_bzero(key, sizeof key);
	explicit_bzero(&crypt_buf, sizeof crypt_buf);
	return r;
}

static int
hex_decode(const char *hex, unsigned char *out, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned v = 0;

		for (int j = 0; j < 2; j++) {
			char c = hex[2 * i + j];

			v <<= 4;
			if (c >= '0' && c <= '9')
				v |= (unsigned)(c - '0');
			else if (c >= 'a' && c <= 'f')
				v |= (unsigned)(c - 'a' + 10);
			else if (c >= 'A' && c <= 'F')
				v |= (unsigned)(c - 'A' + 10);
			else
				return -1;
		}
		out[i] = (unsigned char)v;
	}
	return 0;
}

static void
hex_encode(const unsigned char *in, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 15];
	}
	out[2 * n] = '\0';
}

static int
cram_verify_plain(const char *data, const char *pw, size_t len)
{
	unsigned char want[CRAM_CONTEXT_LEN], got[CRAM_CONTEXT_LEN];
	int r;

	if (strlen(data) != 64 || hex_decode(data, want, sizeof want) < 0)
		return 0;
	cram_context(pw, len, got);
	r = pwscheme_equal(got, sizeof got, want, sizeof want);
	explicit_bzero(got, sizeof got);
	explicit_bzero(want, sizeof want);
	return r;
}

int
pwscheme_verify(const char *stored, const char *pw, size_t len)
{
	const char *data;
	enum pwscheme s = pwscheme_split(stored, &data);

	switch (s) {
	case PW_NONE:
		return 0;
	case PW_CRAM_MD5:
		return cram_verify_plain(data, pw, len);
	case PW_PLAIN:
		return *data && pwscheme_equal(data, strlen(data), pw, len);
	default:
		return crypt_verify(data, pw, len);
	}
}

/* RFC 2195: the digest is lowercase hex; accept uppercase too. */
static int
hex_equal(const char *lower, const char *response)
{
	char resp[33];
	size_t n = strnlen(response, 33);
	int r;

	for (size_t i = 0; i < n && i < 32; i++)
		resp[i] = response[i] >= 'A' && response[i] <= 'F' ?
		    (char)(response[i] - 'A' + 'a') : response[i];
	r = n <= 32 && pwscheme_equal(lower, 32, resp, n);
	explicit_bzero(resp, sizeof resp);
	return r;
}

/* The CRAM-MD5 context of stored ({CRAM-MD5} or {PLAIN}); 0 or -1. */
static int
cram_stored_context(const char *stored, unsigned char ctx[CRAM_CONTEXT_LEN])
{
	const char *data;
	enum pwscheme s = pwscheme_split(stored, &data);

	if (s == PW_CRAM_MD5)
		return strlen(data) == 64 &&
		    hex_decode(data, ctx, CRAM_CONTEXT_LEN) == 0 ? 0 : -1;
	if (s == PW_PLAIN && *data) {
		cram_context(data, strlen(data), ctx);
		return 0;
	}
	return -1;
}

int
pwscheme_verify_cram(const char *stored, const char *challenge, size_t clen,
    const char *response)
{
	unsigned char ctx[CRAM_CONTEXT_LEN], digest[16];
	char hex[33] = "";
	int r = 0;

	if (cram_stored_context(stored, ctx) == 0) {
		cram_hmac(ctx, challenge, clen, digest);
		hex_encode(digest, sizeof digest, hex);
		r = hex_equal(hex, response);
	}
	explicit_bzero(ctx, sizeof ctx);
	explicit_bzero(digest, sizeof digest);
	explicit_bzero(hex, sizeof hex);
	return r;
}

int
pwscheme_verify_apop(const char *stored, const char *stamp, size_t slen,
    const char *response)
{
	unsigned char digest[16];
	char hex[33] = "";
	const char *pw;
	struct md5 m;
	int r = 0;

	/* RFC 1939 7: MD5(timestamp password); needs the password itself. */
	if (pwscheme_split(stored, &pw) == PW_PLAIN && *pw) {
		md5_init(&m);
		md5_update(&m, stamp, slen);
		md5_update(&m, pw, strlen(pw));
		md5_final(&m, digest);
		hex_encode(digest, sizeof digest, hex);
		r = hex_equal(hex, response);
	}
	explicit_bzero(digest, sizeof digest);
	explicit_bzero(hex, sizeof hex);
	return r;
}

int
pwscheme_verify_dummy(const char *pw, size_t len, int cram,
    const char *stored)
{
	if (!cram && stored && *stored)
		(void)pwscheme_verify(stored, pw, len);
	else if (cram)
		(void)pwscheme_verify_cram("{CRAM-MD5}"
		    "0000000000000000000000000000000000000000000000000000000000"
		    "000000", pw, len, "");
	else
		(void)crypt_verify(dummy_hash, pw, len);
	return 0;
}

static int
hash_crypt(enum pwscheme s, const char *pw, size_t len, unsigned long rounds,
    char *out, size_t outsize)
{
	char key[LIM_SECRET], setting[CRYPT_GENSALT_OUTPUT_SIZE];
	unsigned char rnd[16];
	const char *h = NULL;
	int n = -1;

	if (len >= sizeof key || getrandom(rnd, sizeof rnd, 0) !=
	    (ssize_t)sizeof rnd)
		goto out;
	memcpy(key, pw, len);
	key[len] = '\0';
	if (crypt_gensalt_rn(schemes[s].prefix, rounds, (const char *)rnd,
	    sizeof rnd, setting, sizeof setting) == NULL)
		goto out;
	memset(&crypt_buf, 0, sizeof crypt_buf);
	h = crypt_r(key, setting, &crypt_buf);
	if (h && h[0] != '*')
		n = snprintf(out, outsize, "{%s}%s", schemes[s].name, h);
out:
	explicit_bzero(key, sizeof key);
	explicit_bzero(rnd, sizeof rnd);
	explicit_bzero(&crypt_buf, sizeof crypt_buf);
	if (n < 0 || (size_t)n >= outsize) {
		errno = n < 0 ? EINVAL : ENAMETOOLONG;
		return -1;
	}
	return 0;
}

int
pwscheme_hash(enum pwscheme s, const char *pw, size_t len,
    unsigned long rounds, char *out, size_t outsize)
{
	unsigned char ctx[CRAM_CONTEXT_LEN];
	char hex[2 * CRAM_CONTEXT_LEN + 1];
	int n;

	if (s == PW_NONE || memchr(pw, '\0', len)) {
		errno = EINVAL;
		return -1;
	}
	if (schemes[s].prefix)
		return hash_crypt(s, pw, len, rounds, out, outsize);
	if (s == PW_PLAIN) {
		n = snprintf(out, outsize, "{PLAIN}%.*s", (int)len, pw);
	} else {
		cram_context(pw, len, ctx);
		hex_encode(ctx, sizeof ctx, hex);
		n = snprintf(out, outsize, "{CRAM-MD5}%s", hex);
		explicit_bzero(ctx, sizeof ctx);
		explicit_bzero(hex, sizeof hex);
	}
	if (n < 0 || (size_t)n >= outsize) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}
