/*
 * parse.c: LMTP command lines (RFC 2033 4, RFC 5321 4.1), no I/O.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parse.h"

static const struct {
	const char *name;
	enum lmtp_verb verb;
} lmtp_verbs[] = {
	{ "LHLO", LMTP_LHLO }, { "HELO", LMTP_HELO }, { "EHLO", LMTP_EHLO },
	{ "MAIL", LMTP_MAIL }, { "RCPT", LMTP_RCPT }, { "DATA", LMTP_DATA },
	{ "BDAT", LMTP_BDAT }, { "RSET", LMTP_RSET }, { "NOOP", LMTP_NOOP },
	{ "QUIT", LMTP_QUIT }, { "VRFY", LMTP_VRFY },
};

int
lmtp_parse_line(char *line, size_t len, struct lmtp_cmd *cmd)
{
	size_t i;

	if (memchr(line, '\0', len) != NULL)
		return -1;
	if (len > 0 && line[len - 1] == '\n')
		len--;
	if (len > 0 && line[len - 1] == '\r')
		len--;
	line[len] = '\0';
	cmd->verb = LMTP_UNKNOWN;
	cmd->arg = line + len;
	if (len < 4 || (len > 4 && line[4] != ' '))
		return 0;
	for (i = 0; i < sizeof lmtp_verbs / sizeof lmtp_verbs[0]; i++)
		if (strncasecmp(line, lmtp_verbs[i].name, 4) == 0) {
			cmd->verb = lmtp_verbs[i].verb;
			cmd->arg = line + (len > 4 ? 5 : 4);
			break;
		}
	return 0;
}

/* Length of the UTF-8 sequence at s (at most n bytes), 0 if ill-formed. */
static size_t
utf8_seq(const unsigned char *s, size_t n)
{
	size_t len, i;
	unsigned lo = 0x80, hi = 0xbf;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		if (s[0] == 0xe0)
			lo = 0xa0;
		else if (s[0] == 0xed)
			hi = 0x9f;	/* no surrogates */
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		if (s[0] == 0xf0)
			lo = 0x90;
		else if (s[0] == 0xf4)
			hi = 0x8f;
	} else
		return 0;
	if (len > n || s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < len; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return len;
}

int
lmtp_utf8_valid(const unsigned char *s, size_t n)
{
	while (n > 0) {
		size_t k = utf8_seq(s, n);
		if (k == 0)
			return 0;
		s += k;
		n -= k;
	}
	return 1;
}

/* RFC 5322 3.2.3 atext, plus UTF8-non-ascii bytes (RFC 6531 3.3). */
static int
is_atext(unsigned char c)
{
	return isalnum(c) || c >= 0x80 || (c != '\0' &&
	    strchr("!#$%&'*+-/=?^_`{|}~", c) != NULL);
}

/* RFC 5321 4.1.2 qtextSMTP (+ UTF-8) */
static int
is_qtext(unsigned char c)
{
	return (c >= 32 && c <= 126 && c != '"' && c != '\\') || c >= 0x80;
}

/*
 * Local part at s: Dot-string or Quoted-string.  Appends its unquoted
 * form to key (at most keymax bytes); returns its length in s, 0 if bad.
 */
static size_t
local_part(const char *s, char *key, size_t *keylen, size_t keymax)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	if (u[0] == '"') {
		for (i = 1; u[i] != '"'; i++) {
			if (u[i] == '\\' && u[i + 1] >= 32 && u[i + 1] <= 126)
				i++;
			else if (!is_qtext(u[i]))
				return 0;
			if (*keylen >= keymax)
				return 0;
			key[(*keylen)++] = (char)u[i];
		}
		return i + 1 > 2 ? i + 1 : 0;
	}
	for (; is_atext(u[i]) || u[i] == '.'; i++) {
		if (u[i] == '.' && (i == 0 || u[i - 1] == '.'))
			return 0;
		if (*keylen >= keymax)
			return 0;
		key[(*keylen)++] = (char)u[i];
	}
	return i > 0 && u[i - 1] != '.' ? i : 0;
}

/* Domain or address literal at s; its length, 0 if bad. */
static size_t
domain(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	if (u[0] == '[') {
		for (i = 1; u[i] != ']'; i++)
			if (u[i] < 33 || u[i] > 126 || u[i] == '[' ||
			    u[i] == '\\')
				return 0;
		return i > 1 ? i + 1 : 0;
	}
	for (;;) {
		size_t start = i;
		while (isalnum(u[i]) || u[i] == '-' || u[i] >= 0x80)
			i++;
		if (i == start || u[start] == '-' || u[i - 1] == '-')
			return 0;
		if (u[i] != '.')
			return i;
		i++;
	}
}

/* RFC 5321 4.1.2 A-d-l ":" (a source route, to be ignored). */
static size_t
source_route(const char *s)
{
	size_t i = 0, d;

	if (s[0] != '@')
		return 0;
	for (;;) {
		if (s[i] != '@' || (d = domain(s + i + 1)) == 0)
			return 0;
		i += 1 + d;
		if (s[i] == ':')
			return i + 1;
		if (s[i] != ',')
			return 0;
		i++;
	}
}

/* Mailbox between < and >: fill path; the length consumed, 0 if bad. */
static size_t
mailbox(const char *s, struct lmtp_path *p)
{
	size_t keylen = 0, n, d = 0;

	n = local_part(s, p->key, &keylen, LMTP_LOCAL_MAX);
	if (n == 0)
		return 0;
	if (s[n] == '@') {
		if ((d = domain(s + n + 1)) == 0 ||
		    d > LMTP_DOMAIN_MAX || keylen + 1 + d > LMTP_PATH_MAX)
			return 0;
		p->key[keylen++] = '@';
		memcpy(p->key + keylen, s + n + 1, d);
		keylen += d;
		d++;
	}
	p->key[keylen] = '\0';
	return n + d;
}

enum lmtp_perr
lmtp_parse_path(char *arg, const char *prefix, int null_ok,
    struct lmtp_path *p, char **params)
{
	size_t plen = strlen(prefix), r, n;
	char *s;

	memset(p, 0, sizeof *p);
	if (strncasecmp(arg, prefix, plen) != 0)
		return PERR_SYNTAX;
	s = arg + plen;
	if (*s == ' ')		/* "MAIL FROM: <a@b>", common in the wild */
		s++;
	if (*s++ != '<')
		return PERR_SYNTAX;
	if (*s == '>' && null_ok) {
		n = 0;
	} else {
		r = source_route(s);
		s += r;
		if ((n = mailbox(s, p)) == 0)
			return strlen(s) > LMTP_PATH_MAX ? PERR_TOOLONG :
			    PERR_SYNTAX;
		if (s[n] != '>')
			return PERR_SYNTAX;
	}
	if (n + 2 > LMTP_PATH_MAX)
		return PERR_TOOLONG;
	memcpy(p->addr, s, n);
	p->addr[n] = '\0';
	if (!lmtp_utf8_valid((unsigned char *)p->addr, n))
		return PERR_SYNTAX;
	for (r = 0; r < n; r++)
		if ((unsigned char)p->addr[r] >= 0x80)
			p->utf8 = 1;
	s += n + 1;
	if (*s != '\0' && *s != ' ')
		return PERR_SYNTAX;
	while (*s == ' ')
		s++;
	*params = s;
	return PERR_OK;
}
