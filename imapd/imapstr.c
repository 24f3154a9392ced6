/* imapstr.c: quoting for IMAP output; see imapstr.h. */
#include <string.h>

#include "imapstr.h"
#include "parse.h"

static int
needs_literal(const char *s, size_t n)
{
	if (n > 1024)
		return 1;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\r' || c == '\n' || c == '\0' || c >= 0x80)
			return 1;
	}
	return 0;
}

/*
 * A literal holds CHAR8, which excludes NUL (RFC 3501 9): a NUL in a
 * header value becomes U+FFFD, as Dovecot writes it.
 */
int
imap_put_nonul(const char *p, size_t n, const char *rep, size_t replen,
    int (*put)(void *, const char *, size_t), void *ctx)
{
	while (n > 0) {
		const char *z = memchr(p, '\0', n);
		size_t run = z ? (size_t)(z - p) : n;

		if (put(ctx, p, run) < 0 || (z && put(ctx, rep, replen) < 0))
			return -1;
		run += z != NULL;
		p += run;
		n -= run;
	}
	return 0;
}

static int
put_str(void *ctx, const char *p, size_t n)
{
	return str_append(ctx, p, n);
}

static int
put_literal_nonul(struct str *o, const char *s, size_t n)
{
	size_t nuls = 0;

	for (size_t i = 0; i < n; i++)
		nuls += s[i] == '\0';
	if (str_printf(o, "{%zu}\r\n", n + 2 * nuls) < 0)
		return -1;
	return imap_put_nonul(s, n, "\xef\xbf\xbd", 3, put_str, o);
}

int
imap_put_string(struct str *o, const char *s, size_t n)
{
	if (needs_literal(s, n))
		return put_literal_nonul(o, s, n);
	if (str_appendc(o, '"') < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if ((s[i] == '"' || s[i] == '\\') && str_appendc(o, '\\') < 0)
			return -1;
		if (str_appendc(o, s[i]) < 0)
			return -1;
	}
	return str_appendc(o, '"');
}

int
imap_put_nstring(struct str *o, const char *s, size_t n)
{
	if (s == NULL)
		return str_append(o, "NIL", 3);
	return imap_put_string(o, s, n);
}

int
imap_put_astring(struct str *o, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!imap_is_atom_char((unsigned char)s[i]) && s[i] != ']')
			break;
	if (n > 0 && i == n && !(n == 3 && strncmp(s, "NIL", 3) == 0))
		return str_append(o, s, n);
	return imap_put_string(o, s, n);
}

int
imap_put_number(struct str *o, unsigned long long n)
{
	char buf[24];
	size_t i = sizeof buf;

	do
		buf[--i] = (char)('0' + n % 10);
	while ((n /= 10) != 0);
	return str_append(o, buf + i, sizeof buf - i);
}
