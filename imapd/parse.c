/* parse.c: the IMAP command tokenizer; see parse.h. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "limits.h"
#include "parse.h"

struct parser {
	const char *buf;
	size_t len, pos;
	size_t spool_at;
	struct imap_cmd *cmd;
	size_t apos;		/* next free byte in cmd->arena */
	size_t maxpool;
	int depth;
};

static int parse_list(struct parser *, struct imap_arg **first);

/* RFC 3501 9: ATOM-CHAR is any CHAR except atom-specials. */
int
imap_is_atom_char(unsigned char c)
{
	if (c <= 0x20 || c >= 0x7f)
		return 0;
	return strchr("(){%*\"\\]", c) == NULL;
}

static int
fail(struct parser *p, const char *why)
{
	p->cmd->err = why;
	return -1;
}

static struct imap_arg *
new_arg(struct parser *p, enum imap_arg_type type)
{
	struct imap_arg *a;

	if (p->cmd->npool >= p->maxpool)
		return NULL;
	a = &p->cmd->pool[p->cmd->npool++];
	a->type = type;
	a->s = "";
	a->len = 0;
	a->next = a->child = NULL;
	return a;
}

/* Copy n bytes into the arena, NUL-terminated; the arena always fits. */
static const char *
arena_copy(struct parser *p, const char *s, size_t n)
{
	char *d = p->cmd->arena + p->apos;

	memcpy(d, s, n);
	d[n] = '\0';
	p->apos += n + 1;
	return d;
}

/* Scan a bracketed part [ ... ] inside an atom, nested, quotes allowed. */
static int
scan_brackets(struct parser *p)
{
	int level = 0, inq = 0;

	for (; p->pos < p->len; p->pos++) {
		char c = p->buf[p->pos];

		if (c == '\r' || c == '\n' || c == '\0')
			return -1;
		if (inq) {
			if (c == '\\' && p->pos + 1 < p->len)
				p->pos++;
			else if (c == '"')
				inq = 0;
		} else if (c == '"')
			inq = 1;
		else if (c == '[')
			level++;
		else if (c == ']' && --level == 0) {
			p->pos++;
			return 0;
		}
	}
	return -1;
}

static int
parse_atom(struct parser *p, struct imap_arg **out)
{
	size_t start = p->pos;
	struct imap_arg *a;

	while (p->pos < p->len) {
		unsigned char c = (unsigned char)p->buf[p->pos];

		if (c == '[') {
			if (scan_brackets(p) < 0)
				return fail(p, "Unterminated [ in atom");
			continue;
		}
		if (c == ' ' || c == '(' || c == ')')
			break;
		if (c < 0x20 || c == 0x7f || c == '"' || c == '{')
			return fail(p, "Invalid character in atom");
		p->pos++;
	}
	if (p->pos == start)
		return fail(p, "Empty atom");
	if ((a = new_arg(p, IMAP_ARG_ATOM)) == NULL)
		return fail(p, "Too many arguments");
	a->len = p->pos - start;
	a->s = arena_copy(p, p->buf + start, a->len);
	if (a->len == 3 && strncasecmp(a->s, "NIL", 3) == 0)
		a->type = IMAP_ARG_NIL;
	*out = a;
	return 0;
}

static int
parse_quoted(struct parser *p, struct imap_arg **out)
{
	struct imap_arg *a;
	char *d;

	if ((a = new_arg(p, IMAP_ARG_QUOTED)) == NULL)
		return fail(p, "Too many arguments");
	d = p->cmd->arena + p->apos;
	a->s = d;
	for (p->pos++; p->pos < p->len; p->pos++) {
		char c = p->buf[p->pos];

		if (c == '"') {
			p->pos++;
			*d = '\0';
			a->len = (size_t)(d - a->s);
			p->apos += a->len + 1;
			*out = a;
			return 0;
		}
		if (c == '\r' || c == '\n' || c == '\0')
			return fail(p, "Invalid character in quoted string");
		if (c == '\\') {
			if (++p->pos >= p->len)
				break;
			c = p->buf[p->pos];
			if (c != '\\' && c != '"')
				return fail(p, "Invalid escape in quoted string");
		}
		*d++ = c;
	}
	return fail(p, "Unterminated quoted string");
}

/* {n} or {n+}, at p->pos; returns the count and moves past the CRLF. */
static int
literal_header(struct parser *p, uint64_t *n)
{
	size_t end = p->pos + 1;
	uint64_t v = 0;

	if (end >= p->len || !isdigit((unsigned char)p->buf[end]))
		return -1;
	while (end < p->len && isdigit((unsigned char)p->buf[end])) {
		v = v * 10 + (uint64_t)(p->buf[end++] - '0');
		if (v > (1ull << 40))
			return -1;
	}
	if (end < p->len && p->buf[end] == '+')
		end++;
	if (end >= p->len || p->buf[end++] != '}')
		return -1;
	if (end < p->len && p->buf[end] == '\r')
		end++;
	if (end >= p->len || p->buf[end++] != '\n')
		return -1;
	*n = v;
	p->pos = end;
	return 0;
}

static int
parse_literal(struct parser *p, struct imap_arg **out)
{
	int spooled = p->pos == p->spool_at;
	struct imap_arg *a;
	uint64_t n;

	if (literal_header(p, &n) < 0)
		return fail(p, "Invalid literal");
	a = new_arg(p, spooled ? IMAP_ARG_SPOOL : IMAP_ARG_LITERAL);
	if (a == NULL)
		return fail(p, "Too many arguments");
	a->len = (size_t)n;
	if (!spooled) {
		if (n > p->len - p->pos)
			return fail(p, "Literal longer than the command");
		a->s = arena_copy(p, p->buf + p->pos, a->len);
		p->pos += a->len;
	}
	*out = a;
	return 0;
}

static int
parse_one(struct parser *p, struct imap_arg **out)
{
	struct imap_arg *a;

	switch (p->buf[p->pos]) {
	case '(':
		if (++p->depth > LIM_IMAP_DEPTH)
			return fail(p, "Lists nested too deeply");
		if ((a = new_arg(p, IMAP_ARG_LIST)) == NULL)
			return fail(p, "Too many arguments");
		p->pos++;
		if (parse_list(p, &a->child) < 0)
			return -1;
		if (p->pos >= p->len || p->buf[p->pos] != ')')
			return fail(p, "Missing )");
		p->pos++;
		p->depth--;
		*out = a;
		return 0;
	case '"':
		return parse_quoted(p, out);
	case '{':
		return parse_literal(p, out);
	default:
		return parse_atom(p, out);
	}
}

/* Arguments separated by single spaces, up to ')' or the end. */
static int
parse_list(struct parser *p, struct imap_arg **first)
{
	struct imap_arg **link = first, *a;

	*first = NULL;
	while (p->pos < p->len && p->buf[p->pos] != ')') {
		if (*first != NULL) {
			if (p->buf[p->pos] != ' ')
				return fail(p, "Missing space between arguments");
			if (++p->pos >= p->len || p->buf[p->pos] == ')')
				return fail(p, "Trailing space");
		}
		if (parse_one(p, &a) < 0)
			return -1;
		*link = a;
		link = &a->next;
	}
	if (p->depth == 0 && p->pos < p->len)
		return fail(p, "Unexpected )");
	return 0;
}

static int
parse_head(struct parser *p)
{
	struct imap_arg *a;

	if (p->len == 0 || parse_atom(p, &a) < 0)
		return fail(p, "Missing tag");
	for (size_t i = 0; i < a->len; i++)
		if (!imap_is_atom_char((unsigned char)a->s[i]) ||
		    a->s[i] == '+')
			return fail(p, "Invalid tag");
	p->cmd->tag = a->s;
	if (p->pos >= p->len || p->buf[p->pos] != ' ' || ++p->pos >= p->len ||
	    parse_atom(p, &a) < 0) {
		p->cmd->err = "Missing command";
		return -1;
	}
	p->cmd->name = a->s;
	if (p->pos < p->len) {
		if (p->buf[p->pos] != ' ' || ++p->pos >= p->len)
			return fail(p, "Trailing space");
	}
	return parse_list(p, &p->cmd->args);
}

int
imap_parse(struct imap_cmd *cmd, const char *buf, size_t len,
    size_t spool_at)
{
	struct parser p = { buf, len, 0, spool_at, cmd, 0, 0, 0 };

	memset(cmd, 0, sizeof *cmd);
	p.maxpool = len + 2 < LIM_IMAP_ARGS ? len + 2 : LIM_IMAP_ARGS;
	cmd->pool = calloc(p.maxpool, sizeof *cmd->pool);
	cmd->arena = malloc(len + 2);
	if (cmd->pool == NULL || cmd->arena == NULL) {
		cmd->err = "Out of memory";
		return -1;
	}
	return parse_head(&p);
}

void
imap_cmd_free(struct imap_cmd *cmd)
{
	free(cmd->pool);
	free(cmd->arena);
	cmd->pool = NULL;
	cmd->arena = NULL;
}

int
imap_literal_tail(const char *line, size_t len, uint64_t *n, int *nonsync)
{
	size_t i, start;
	uint64_t v = 0;

	if (len < 3 || line[len - 1] != '}')
		return 0;
	i = len - 1;
	*nonsync = 0;
	if (line[i - 1] == '+') {
		*nonsync = 1;
		i--;
	}
	start = i;
	while (i > 0 && isdigit((unsigned char)line[i - 1]))
		i--;
	if (i == 0 || line[i - 1] != '{')
		return 0;
	if (i == start || start - i > 13)
		return -1;
	for (; i < start; i++)
		v = v * 10 + (uint64_t)(line[i] - '0');
	*n = v;
	return 1;
}

int
imap_peek_name(const char *buf, size_t len, char *name, size_t size)
{
	const char *sp = memchr(buf, ' ', len);
	size_t i = 0;

	if (sp == NULL || size == 0)
		return -1;
	for (sp++; sp < buf + len && *sp != ' ' && i + 1 < size; sp++)
		name[i++] = (char)toupper((unsigned char)*sp);
	name[i] = '\0';
	return 0;
}

int
imap_arg_is_string(const struct imap_arg *a)
{
	return a != NULL && (a->type == IMAP_ARG_ATOM ||
	    a->type == IMAP_ARG_QUOTED || a->type == IMAP_ARG_LITERAL ||
	    a->type == IMAP_ARG_NIL);
}

int
imap_arg_is_atom(const struct imap_arg *a, const char *upper)
{
	return a != NULL && (a->type == IMAP_ARG_ATOM ||
	    a->type == IMAP_ARG_NIL) && strcasecmp(a->s, upper) == 0;
}

int
imap_arg_number64(const struct imap_arg *a, uint64_t *v)
{
	uint64_t n = 0;

	if (a == NULL || a->type != IMAP_ARG_ATOM || a->len == 0 ||
	    a->len > 19)
		return -1;
	for (size_t i = 0; i < a->len; i++) {
		if (!isdigit((unsigned char)a->s[i]))
			return -1;
		n = n * 10 + (uint64_t)(a->s[i] - '0');
	}
	*v = n;
	return 0;
}

int
imap_arg_number(const struct imap_arg *a, uint32_t *v)
{
	uint64_t n;

	if (imap_arg_number64(a, &n) < 0 || n > UINT32_MAX)
		return -1;
	*v = (uint32_t)n;
	return 0;
}

size_t
imap_arg_count(const struct imap_arg *a)
{
	size_t n = 0;

	for (; a != NULL; a = a->next)
		n++;
	return n;
}
