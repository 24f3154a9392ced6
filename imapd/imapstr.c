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

int
imap_put_string(struct str *o, const char *s, size_t n)
{
	if (needs_literal(s, n))
		return str_printf(o, "{%zu}\r\n", n) < 0 ||
		    str_append(o, s, n) < 0 ? -1 : 0;
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
