/* rfc2047.c: encoded words, QP, base64, charsets; see rfc2047.h. */
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "casefold.h"
#include "rfc2047.h"

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

int
qp_decode(const char *in, size_t n, int header, struct str *out)
{
	for (size_t i = 0; i < n; i++) {
		char c = in[i];
		int h, l;

		if (header && c == '_')
			c = ' ';
		else if (c == '=') {
			if (i + 2 < n && (h = hexval(in[i + 1])) >= 0 &&
			    (l = hexval(in[i + 2])) >= 0) {
				c = (char)(h << 4 | l);
				i += 2;
			} else if (i + 1 < n && (in[i + 1] == '\n' ||
			    in[i + 1] == '\r')) {	/* soft line break */
				i += in[i + 1] == '\r' && i + 2 < n &&
				    in[i + 2] == '\n' ? 2 : 1;
				continue;
			}
		}
		if (str_appendc(out, c) < 0)
			return -1;
	}
	return 0;
}

static int
b64val(char c)
{
	const char *set =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const char *p = c ? strchr(set, c) : NULL;

	return p ? (int)(p - set) : -1;
}

int
base64_decode(const char *in, size_t n, struct str *out)
{
	unsigned long acc = 0;
	int bits = 0;

	for (size_t i = 0; i < n; i++) {
		int v = b64val(in[i]);

		if (in[i] == '=')
			break;
		if (v < 0)
			continue;
		acc = (acc << 6 | (unsigned long)v) & 0xffffff;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (str_appendc(out, (char)(acc >> bits & 0xff)) < 0)
				return -1;
		}
	}
	return 0;
}

int
charset_known(const char *cs)
{
	iconv_t cd;

	if (strcasecmp(cs, "utf-8") == 0 || strcasecmp(cs, "us-ascii") == 0)
		return 1;
	if ((cd = iconv_open("UTF-8", cs)) == (iconv_t)-1)
		return 0;
	iconv_close(cd);
	return 1;
}

static int
iconv_append(iconv_t cd, const char *in, size_t n, struct str *out)
{
	char buf[1024];
	char *ip = (char *)(uintptr_t)in;

	while (n > 0) {
		char *op = buf;
		size_t ol = sizeof buf;
		size_t r = iconv(cd, &ip, &n, &op, &ol);

		if (str_append(out, buf, sizeof buf - ol) < 0)
			return -1;
		if (r == (size_t)-1 && errno != E2BIG) {
			/* skip one bad byte: show it as U+FFFD */
			if (utf8_put(out, 0xfffd) < 0)
				return -1;
			ip++;
			n--;
		}
	}
	return 0;
}

int
charset_to_utf8(const char *cs, const char *in, size_t n, struct str *out)
{
	iconv_t cd;
	int r;

	if (strcasecmp(cs, "utf-8") == 0 || strcasecmp(cs, "us-ascii") == 0 ||
	    (cd = iconv_open("UTF-8", cs)) == (iconv_t)-1)
		return str_append(out, in, n);
	if (strcasecmp(cs, "iso-8859-1") == 0) {
		iconv_close(cd);
		for (size_t i = 0; i < n; i++)
			if (utf8_put(out, (unsigned char)in[i]) < 0)
				return -1;
		return 0;
	}
	r = iconv_append(cd, in, n, out);
	iconv_close(cd);
	return r;
}

/* One =?cs?e?text?= at p; its length, or 0 if not an encoded word. */
static size_t
encoded_word(const char *p, size_t n, struct str *out)
{
	const char *q1, *q2, *q3, *end = p + n;
	char cs[64];
	struct str raw = STR_INIT(n);
	size_t cl;
	int r;

	if (n < 8 || p[0] != '=' || p[1] != '?' ||
	    (q1 = memchr(p + 2, '?', n - 2)) == NULL || q1 + 3 >= end ||
	    q1[2] != '?' || (q3 = q1 + 3) >= end ||
	    (q2 = memchr(q3, '?', (size_t)(end - q3))) == NULL ||
	    q2 + 1 >= end || q2[1] != '=')
		return 0;
	cl = (size_t)(q1 - p - 2);
	if (cl == 0 || cl >= sizeof cs || memchr(p, ' ', (size_t)(q2 - p)))
		return 0;
	memcpy(cs, p + 2, cl);
	cs[cl] = '\0';
	if (strchr(cs, '*'))	/* RFC 2231 language suffix */
		*strchr(cs, '*') = '\0';
	if (out == NULL)
		return toupper((unsigned char)q1[1]) == 'Q' ||
		    toupper((unsigned char)q1[1]) == 'B' ?
		    (size_t)(q2 + 2 - p) : 0;
	if (toupper((unsigned char)q1[1]) == 'Q')
		r = qp_decode(q3, (size_t)(q2 - q3), 1, &raw);
	else if (toupper((unsigned char)q1[1]) == 'B')
		r = base64_decode(q3, (size_t)(q2 - q3), &raw);
	else
		return 0;
	if (r == 0)
		r = charset_to_utf8(cs, raw.s ? raw.s : "", raw.len, out);
	str_free(&raw);
	return r < 0 ? 0 : (size_t)(q2 + 2 - p);
}

int
rfc2047_decode(const char *in, size_t n, struct str *out)
{
	size_t i = 0;
	int last_encoded = 0;

	while (i < n) {
		size_t w;

		if (in[i] == ' ' || in[i] == '\t') {
			size_t j = i;

			while (j < n && (in[j] == ' ' || in[j] == '\t'))
				j++;
			/* RFC 2047 6.2: space between encoded words goes */
			if (!(last_encoded && j < n &&
			    encoded_word(in + j, n - j, NULL) > 0) &&
			    str_append(out, in + i, j - i) < 0)
				return -1;
			i = j;
			continue;
		}
		w = in[i] == '=' ? encoded_word(in + i, n - i, out) : 0;
		if (w > 0) {
			i += w;
			last_encoded = 1;
			continue;
		}
		if (str_appendc(out, in[i++]) < 0)
			return -1;
		last_encoded = 0;
	}
	if (out->s == NULL)
		return str_append(out, "", 0);
	return 0;
}
