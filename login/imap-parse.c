/* imap-parse.c: pre-authentication IMAP command tokenizer. */
#include <string.h>
#include <strings.h>

#include "imap-parse.h"

/* RFC 9051 9: ATOM-CHAR is any CHAR except atom-specials. */
static int
imap_atom_char(unsigned char c)
{
	return c > 0x20 && c < 0x7f && strchr("(){%*\"\\]", c) == NULL;
}

/* ASTRING-CHAR adds resp-specials ("]"); a tag excludes "+". */
static int
imap_astring_char(unsigned char c)
{
	return imap_atom_char(c) || c == ']';
}

/* Strip the line end (CRLF or bare LF); returns the content length. */
static size_t
imap_chomp(const char *line, size_t n)
{
	if (n > 0 && line[n - 1] == '\n')
		n--;
	if (n > 0 && line[n - 1] == '\r')
		n--;
	return n;
}

int
imap_literal_suffix(const char *line, size_t n, size_t *len, int *nonsync)
{
	size_t end = imap_chomp(line, n), i;
	size_t v = 0;

	if (end == n || end < 3 || line[end - 1] != '}')
		return 0;
	i = end - 2;
	*nonsync = line[i] == '+';
	if (*nonsync)
		i--;
	while (i > 0 && line[i] >= '0' && line[i] <= '9')
		i--;
	if (line[i] != '{')
		return 0;
	if (i + 1 == end - 1 - (size_t)*nonsync)
		return -1;	/* "{}" or "{+}" */
	for (size_t k = i + 1; k < end - 1 - (size_t)*nonsync; k++) {
		if (v > 100000000)
			return -1;
		v = v * 10 + (size_t)(line[k] - '0');
	}
	*len = v;
	return 1;
}

/* Parse a quoted string at *pp (at the opening quote); unescape in place. */
static int
imap_quoted(char **pp, char *end, struct imap_arg *a)
{
	char *p = *pp + 1, *w = p;

	a->kind = IMAP_QUOTED;
	a->p = w;
	for (; p < end && *p != '"'; p++) {
		if (*p == '\\') {
			if (++p == end || (*p != '"' && *p != '\\'))
				return -1;
		} else if (*p == '\r' || *p == '\n' || *p == '\0')
			return -1;
		*w++ = *p;
	}
	if (p == end)
		return -1;
	a->n = (size_t)(w - a->p);
	*pp = p + 1;
	return 0;
}

/* Parse {n}CRLF<n bytes> or {n+}CRLF<n bytes> at *pp. */
static int
imap_literal(char **pp, char *end, struct imap_arg *a)
{
	char *p = *pp + 1;
	size_t v = 0;

	if (p == end || *p < '0' || *p > '9')
		return -1;
	for (; p < end && *p >= '0' && *p <= '9'; p++) {
		if (v > 100000000)
			return -1;
		v = v * 10 + (size_t)(*p - '0');
	}
	if (p < end && *p == '+')
		p++;
	if (p == end || *p++ != '}')
		return -1;
	if (p < end && *p == '\r')
		p++;
	if (p == end || *p++ != '\n' || (size_t)(end - p) < v)
		return -1;
	a->kind = IMAP_LITERAL;
	a->p = p;
	a->n = v;
	*pp = p + v;
	return 0;
}

static int
imap_token(char **pp, char *end, struct imap_arg *a)
{
	char *p = *pp;

	if (*p == '"')
		return imap_quoted(pp, end, a);
	if (*p == '{')
		return imap_literal(pp, end, a);
	if (*p == '(' || *p == ')') {
		a->kind = *p == '(' ? IMAP_LPAREN : IMAP_RPAREN;
		a->p = p;
		a->n = 1;
		*pp = p + 1;
		return 0;
	}
	a->kind = IMAP_ATOM;
	a->p = p;
	while (p < end && imap_astring_char((unsigned char)*p))
		p++;
	a->n = (size_t)(p - a->p);
	*pp = p;
	return a->n == 0 ? -1 : 0;
}

/* Copy the leading word (tag or command name) into out; 0 or -1. */
static int
imap_word(char **pp, char *end, char *out, size_t max, int is_tag)
{
	char *p = *pp;
	size_t n = 0;

	while (p < end && imap_astring_char((unsigned char)*p) &&
	    !(is_tag && *p == '+')) {
		if (n == max)
			return -1;
		out[n++] = *p++;
	}
	out[n] = '\0';
	*pp = p;
	return n == 0 ? -1 : 0;
}

static int
imap_args(char *p, char *end, struct imap_cmd *cmd)
{
	while (p < end) {
		int after_paren = p[-1] == '(';

		if (!after_paren && *p == ' ')
			p++;
		else if (!after_paren && *p != ')')
			return -1;
		if (p == end || cmd->nargs == IMAP_ARGS_MAX)
			return -1;
		if (imap_token(&p, end, &cmd->arg[cmd->nargs++]) < 0)
			return -1;
	}
	return 0;
}

int
imap_parse(char *buf, size_t n, struct imap_cmd *cmd)
{
	char *p = buf, *end = buf + imap_chomp(buf, n);

	cmd->tag[0] = cmd->name[0] = '\0';
	cmd->nargs = 0;
	if (imap_word(&p, end, cmd->tag, IMAP_TAG_MAX, 1) < 0 ||
	    p == end || *p != ' ') {
		cmd->tag[0] = '\0';
		return -1;
	}
	p++;
	if (imap_word(&p, end, cmd->name, IMAP_NAME_MAX, 0) < 0)
		return -1;
	for (char *c = cmd->name; *c; c++)
		if (*c >= 'a' && *c <= 'z')
			*c = (char)(*c - 'a' + 'A');
	return imap_args(p, end, cmd);
}

int
imap_arg_is(const struct imap_arg *a, const char *w)
{
	return a->kind == IMAP_ATOM && strlen(w) == a->n &&
	    strncasecmp(a->p, w, a->n) == 0;
}
