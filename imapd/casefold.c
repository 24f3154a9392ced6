/* casefold.c: simple case folding of UTF-8; see casefold.h. */
#include <string.h>

#include "casefold.h"

static unsigned long
fold(unsigned long c)
{
	if (c >= 'A' && c <= 'Z')
		return c + 32;
	if (c < 0xc0)
		return c;
	if (c <= 0xde && c != 0xd7)
		return c + 32;
	if (c >= 0x100 && c <= 0x137 && !(c & 1))
		return c + 1;
	if (c >= 0x139 && c <= 0x148 && (c & 1))
		return c + 1;
	if (c >= 0x14a && c <= 0x177 && !(c & 1))
		return c + 1;
	if (c == 0x178)
		return 0xff;
	if (c >= 0x179 && c <= 0x17e && (c & 1))
		return c + 1;
	if (c >= 0x391 && c <= 0x3a9 && c != 0x3a2)
		return c + 32;
	if (c >= 0x410 && c <= 0x42f)
		return c + 32;
	if (c >= 0x400 && c <= 0x40f)
		return c + 80;
	return c;
}

int
utf8_put(struct str *out, unsigned long c)
{
	char b[4];
	size_t n;

	if (c < 0x80) {
		b[0] = (char)c;
		n = 1;
	} else if (c < 0x800) {
		b[0] = (char)(0xc0 | (c >> 6));
		b[1] = (char)(0x80 | (c & 0x3f));
		n = 2;
	} else if (c < 0x10000) {
		b[0] = (char)(0xe0 | (c >> 12));
		b[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		b[2] = (char)(0x80 | (c & 0x3f));
		n = 3;
	} else {
		b[0] = (char)(0xf0 | (c >> 18));
		b[1] = (char)(0x80 | ((c >> 12) & 0x3f));
		b[2] = (char)(0x80 | ((c >> 6) & 0x3f));
		b[3] = (char)(0x80 | (c & 0x3f));
		n = 4;
	}
	return str_append(out, b, n);
}

/* Decode one UTF-8 sequence; its length, or 0 if invalid. */
static size_t
utf8_get(const unsigned char *p, size_t n, unsigned long *cp)
{
	size_t len, i;
	unsigned long c;

	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		len = 2;
		c = p[0] & 0x1f;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		len = 3;
		c = p[0] & 0x0f;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		len = 4;
		c = p[0] & 0x07;
	} else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (p[i] & 0x3f);
	}
	*cp = c;
	return len;
}

int
casefold_utf8(const char *in, size_t n, struct str *out)
{
	const unsigned char *p = (const unsigned char *)in;
	size_t i = 0;

	while (i < n) {
		unsigned long c;
		size_t len = utf8_get(p + i, n - i, &c);

		if (len == 0) {
			if (str_appendc(out, (char)p[i++]) < 0)
				return -1;
			continue;
		}
		if (len == 1) {
			if (str_appendc(out, (char)fold(c)) < 0)
				return -1;
		} else if (utf8_put(out, fold(c)) < 0)
			return -1;
		i += len;
	}
	if (out->s == NULL)
		return str_append(out, "", 0);
	return 0;
}

int
casefold_contains(const char *hay, size_t hn, const char *needle, size_t nn)
{
	const char *p = hay, *end = hay + hn;

	if (nn == 0)
		return 1;
	while ((size_t)(end - p) >= nn &&
	    (p = memchr(p, needle[0], (size_t)(end - p) - nn + 1)) != NULL) {
		if (memcmp(p, needle, nn) == 0)
			return 1;
		p++;
	}
	return 0;
}
