/*
 * mutf7.c: modified UTF-7 <-> UTF-8 (RFC 3501 5.1.3).  The decoder
 * accepts only the canonical encoding, the one the encoder produces, so
 * that a name has exactly one spelling on disk: otherwise "&AGE-" and
 * "a" would be two folders that look the same to every client.
 */
#include <errno.h>
#include <stdint.h>

#include "mutf7.h"

static const char b64chars[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";

static int
b64val(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == ',')
		return 63;
	return -1;
}

static int
direct(uint32_t cp)
{
	return cp >= 0x20 && cp <= 0x7e;
}

static int
utf8_put(struct str *out, uint32_t cp)
{
	char b[4];
	size_t n;

	if (cp < 0x80) {
		b[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (char)(0xc0 | cp >> 6);
		b[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		b[0] = (char)(0xe0 | cp >> 12);
		b[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		b[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		b[0] = (char)(0xf0 | cp >> 18);
		b[1] = (char)(0x80 | (cp >> 12 & 0x3f));
		b[2] = (char)(0x80 | (cp >> 6 & 0x3f));
		b[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	return str_append(out, b, n);
}

/*
 * Decode one UTF-8 sequence at in[0..n); return its length and set *cp,
 * or -1 for anything not shortest-form Unicode scalar value (or U+0000).
 */
static int
utf8_get(const unsigned char *in, size_t n, uint32_t *cp)
{
	static const uint32_t min[] = { 0, 0, 0x80, 0x800, 0x10000 };
	size_t len, i;
	uint32_t c = in[0];

	if (c < 0x80)
		len = 1;
	else if ((c & 0xe0) == 0xc0)
		len = 2, c &= 0x1f;
	else if ((c & 0xf0) == 0xe0)
		len = 3, c &= 0x0f;
	else if ((c & 0xf8) == 0xf0)
		len = 4, c &= 0x07;
	else
		return -1;
	if (len > n)
		return -1;
	for (i = 1; i < len; i++) {
		if ((in[i] & 0xc0) != 0x80)
			return -1;
		c = c << 6 | (in[i] & 0x3f);
	}
	if (c < min[len] || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff) ||
	    c == 0)
		return -1;
	*cp = c;
	return (int)len;
}

int
utf8_valid(const char *in, size_t n)
{
	const unsigned char *p = (const unsigned char *)in;
	uint32_t cp;
	int len;

	while (n > 0) {
		if ((len = utf8_get(p, n, &cp)) < 0)
			return 0;
		p += len;
		n -= (size_t)len;
	}
	return 1;
}

/* The state of one base64 shift while decoding. */
struct shift {
	uint32_t acc;		/* bits not yet consumed */
	unsigned nbits;
	uint32_t high;		/* pending high surrogate, or 0 */
	size_t units;
};

static int
shift_unit(struct shift *sh, uint32_t u, struct str *out)
{
	uint32_t cp;

	sh->units++;
	if (u >= 0xd800 && u <= 0xdbff) {
		if (sh->high != 0)
			return -1;
		sh->high = u;
		return 0;
	}
	if (u >= 0xdc00 && u <= 0xdfff) {
		if (sh->high == 0)
			return -1;
		cp = 0x10000 + ((sh->high - 0xd800) << 10) + (u - 0xdc00);
		sh->high = 0;
	} else {
		if (sh->high != 0)
			return -1;
		cp = u;
	}
	/* Printable ASCII must stand for itself (RFC 3501 5.1.3). */
	if (cp == 0 || direct(cp))
		return -1;
	return utf8_put(out, cp);
}

/* Decode the shift starting at in[*ip] (after "&") up to its "-". */
static int
shift_decode(const char *in, size_t n, size_t *ip, struct str *out)
{
	struct shift sh = { 0, 0, 0, 0 };
	size_t i;
	int v;

	for (i = *ip; i < n && in[i] != '-'; i++) {
		if ((v = b64val((unsigned char)in[i])) < 0)
			return -1;
		sh.acc = sh.acc << 6 | (uint32_t)v;
		sh.nbits += 6;
		if (sh.nbits >= 16) {
			sh.nbits -= 16;
			if (shift_unit(&sh, sh.acc >> sh.nbits & 0xffff,
			    out) < 0)
				return -1;
			sh.acc &= (1u << sh.nbits) - 1;
		}
	}
	/* Unterminated, leftover whole character, non-zero padding bits. */
	if (i == n || sh.nbits >= 6 || sh.acc != 0 || sh.high != 0 ||
	    sh.units == 0)
		return -1;
	*ip = i + 1;
	return 0;
}

static int
decode(const char *in, size_t n, struct str *out)
{
	size_t i = 0, after_shift = (size_t)-1;
	unsigned char c;

	while (i < n) {
		c = (unsigned char)in[i++];
		if (!direct(c))
			return -1;
		if (c != '&') {
			if (str_appendc(out, (char)c) < 0)
				return -1;
		} else if (i < n && in[i] == '-') {
			if (str_appendc(out, '&') < 0)
				return -1;
			i++;
		} else {
			/* The encoder merges adjacent shifts. */
			if (i - 1 == after_shift ||
			    shift_decode(in, n, &i, out) < 0)
				return -1;
			after_shift = i;
		}
	}
	return 0;
}

int
mutf7_to_utf8(const char *in, size_t n, struct str *out)
{
	str_truncate(out, 0);
	if (str_reserve(out, 1) < 0)
		return -1;
	errno = 0;
	if (decode(in, n, out) < 0) {
		if (errno != ENOSPC && errno != ENOMEM)
			errno = EINVAL;
		return -1;
	}
	return 0;
}

int
mutf7_valid(const char *in, size_t n)
{
	struct str tmp = STR_INIT(4 * n + 16);
	int r;

	errno = 0;
	r = decode(in, n, &tmp) == 0;
	str_free(&tmp);
	return r;
}

/* The state of the base64 shift while encoding. */
struct enc {
	uint32_t acc;
	unsigned nbits;
	int open;
};

static int
enc_unit(struct enc *e, uint32_t u, struct str *out)
{
	if (!e->open) {
		if (str_appendc(out, '&') < 0)
			return -1;
		e->open = 1;
	}
	e->acc = e->acc << 16 | u;
	e->nbits += 16;
	while (e->nbits >= 6) {
		e->nbits -= 6;
		if (str_appendc(out, b64chars[e->acc >> e->nbits & 0x3f]) < 0)
			return -1;
	}
	e->acc &= (1u << e->nbits) - 1;
	return 0;
}

static int
enc_close(struct enc *e, struct str *out)
{
	if (!e->open)
		return 0;
	if (e->nbits > 0 && str_appendc(out,
	    b64chars[e->acc << (6 - e->nbits) & 0x3f]) < 0)
		return -1;
	e->acc = 0;
	e->nbits = 0;
	e->open = 0;
	return str_appendc(out, '-');
}

static int
enc_cp(struct enc *e, uint32_t cp, struct str *out)
{
	if (direct(cp)) {
		if (enc_close(e, out) < 0)
			return -1;
		return cp == '&' ? str_appends(out, "&-") :
		    str_appendc(out, (char)cp);
	}
	if (cp < 0x10000)
		return enc_unit(e, cp, out);
	cp -= 0x10000;
	if (enc_unit(e, 0xd800 + (cp >> 10), out) < 0)
		return -1;
	return enc_unit(e, 0xdc00 + (cp & 0x3ff), out);
}

int
mutf7_from_utf8(const char *in, size_t n, struct str *out)
{
	const unsigned char *p = (const unsigned char *)in;
	struct enc e = { 0, 0, 0 };
	uint32_t cp;
	int len;

	str_truncate(out, 0);
	if (str_reserve(out, 1) < 0)
		return -1;
	while (n > 0) {
		if ((len = utf8_get(p, n, &cp)) < 0) {
			errno = EINVAL;
			return -1;
		}
		if (enc_cp(&e, cp, out) < 0)
			return -1;
		p += len;
		n -= (size_t)len;
	}
	return enc_close(&e, out);
}
