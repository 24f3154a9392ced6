/* envelope.c: FETCH ENVELOPE; see envelope.h. */
#include <ctype.h>
#include <string.h>

#include "envelope.h"
#include "header.h"
#include "imapstr.h"
#include "limits.h"

#define ADDR_PART 1024

struct addr {
	struct str name, route, mailbox, host, comment;
};

struct lex {
	const char *p, *end;
};

static void
skip_ws(struct lex *l, struct str *comment)
{
	int level = 0;

	while (l->p < l->end) {
		char c = *l->p;

		if (level == 0 && !isspace((unsigned char)c) && c != '(')
			return;
		l->p++;
		if (c == '(') {
			if (level++ > 0 && comment)
				str_appendc(comment, c);
		} else if (c == ')' && level > 0) {
			if (--level > 0 && comment)
				str_appendc(comment, c);
		} else if (level > 0 && comment) {
			if (c == '\\' && l->p < l->end)
				c = *l->p++;
			if (c != '\r' && c != '\n')
				str_appendc(comment, c);
		}
	}
}

static int
is_special(char c)
{
	return strchr("()<>[]:;@\\,.\"", c) != NULL;
}

/* One word (atom or quoted string), unquoted, appended to out. */
static int
get_word(struct lex *l, struct str *out, struct str *comment)
{
	skip_ws(l, comment);
	if (l->p >= l->end)
		return 0;
	if (*l->p == '"') {
		for (l->p++; l->p < l->end && *l->p != '"'; l->p++) {
			if (*l->p == '\\' && l->p + 1 < l->end)
				l->p++;
			if (*l->p != '\r' && *l->p != '\n')
				str_appendc(out, *l->p);
		}
		if (l->p < l->end)
			l->p++;
		return 1;
	}
	if (is_special(*l->p))
		return 0;
	while (l->p < l->end && !is_special(*l->p) &&
	    !isspace((unsigned char)*l->p))
		str_appendc(out, *l->p++);
	return 1;
}

/* dot-atom or domain literal, into out. */
static void
get_dotted(struct lex *l, struct str *out, struct str *comment)
{
	skip_ws(l, comment);
	if (l->p < l->end && *l->p == '[') {
		while (l->p < l->end && *l->p != ']')
			str_appendc(out, *l->p++);
		if (l->p < l->end)
			str_appendc(out, *l->p++);
		return;
	}
	while (get_word(l, out, comment)) {
		skip_ws(l, comment);
		if (l->p >= l->end || *l->p != '.')
			break;
		str_appendc(out, *l->p++);
	}
}

static void
addr_reset(struct addr *a)
{
	str_truncate(&a->name, 0);
	str_truncate(&a->route, 0);
	str_truncate(&a->mailbox, 0);
	str_truncate(&a->host, 0);
	str_truncate(&a->comment, 0);
}

static int
put_field(struct str *o, const struct str *s, const char *missing)
{
	if (s->len == 0 && missing != NULL)
		return imap_put_string(o, missing, strlen(missing));
	if (s->len == 0)
		return str_append(o, "NIL", 3);
	return imap_put_string(o, s->s, s->len);
}

static int
put_addr(struct str *o, const struct addr *a)
{
	const struct str *name = a->name.len ? &a->name : &a->comment;

	return str_appendc(o, '(') < 0 || put_field(o, name, NULL) < 0 ||
	    str_appendc(o, ' ') < 0 || put_field(o, &a->route, NULL) < 0 ||
	    str_appendc(o, ' ') < 0 ||
	    put_field(o, &a->mailbox, "MISSING_MAILBOX") < 0 ||
	    str_appendc(o, ' ') < 0 ||
	    put_field(o, &a->host, "MISSING_DOMAIN") < 0 ||
	    str_appendc(o, ')') < 0 ? -1 : 0;
}

/* <[@route,@route:]local@domain> after the '<'. */
static void
get_angle(struct lex *l, struct addr *a)
{
	skip_ws(l, NULL);
	while (l->p < l->end && *l->p == '@') {
		if (a->route.len)
			str_appendc(&a->route, ',');
		str_appendc(&a->route, *l->p++);
		get_dotted(l, &a->route, NULL);
		skip_ws(l, NULL);
		if (l->p < l->end && (*l->p == ',' || *l->p == ':'))
			l->p++;
		skip_ws(l, NULL);
	}
	get_dotted(l, &a->mailbox, NULL);
	skip_ws(l, NULL);
	if (l->p < l->end && *l->p == '@') {
		l->p++;
		get_dotted(l, &a->host, NULL);
	}
	while (l->p < l->end && *l->p != '>')
		l->p++;
	if (l->p < l->end)
		l->p++;
}

/*
 * One mailbox or the start of a group.  Returns 1 mailbox parsed into a,
 * 2 group name in a->name (':' consumed), 0 nothing.
 */
static int
get_mailbox(struct lex *l, struct addr *a)
{
	struct str *phrase = &a->name;
	int words = 0;

	for (;;) {
		size_t before = phrase->len;

		if (words > 0 && str_appendc(phrase, ' ') < 0)
			return 0;
		if (!get_word(l, phrase, &a->comment)) {
			str_truncate(phrase, before);
			break;
		}
		words++;
	}
	skip_ws(l, &a->comment);
	if (l->p < l->end && *l->p == '<') {
		l->p++;
		get_angle(l, a);
		return 1;
	}
	if (l->p < l->end && *l->p == ':') {
		l->p++;
		return 2;
	}
	/* addr-spec: what we took as a phrase was the local part. */
	str_copy(&a->mailbox, a->name.s ? a->name.s : "", a->name.len);
	str_truncate(&a->name, 0);
	while (l->p < l->end && *l->p == '.') {
		str_appendc(&a->mailbox, *l->p++);
		get_dotted(l, &a->mailbox, &a->comment);
	}
	if (l->p < l->end && *l->p == '@') {
		l->p++;
		get_dotted(l, &a->host, &a->comment);
	}
	skip_ws(l, &a->comment);
	return words > 0 || a->host.len > 0;
}

static int
parse_list(struct str *o, struct lex *l, struct addr *a)
{
	int n = 0, ingroup = 0, r;

	while (l->p < l->end) {
		addr_reset(a);
		skip_ws(l, NULL);
		if (ingroup && l->p < l->end && *l->p == ';') {
			l->p++;
			ingroup = 0;
			if (str_append(o, "(NIL NIL NIL NIL)", 17) < 0)
				return -1;
			continue;
		}
		r = get_mailbox(l, a);
		if (r == 2 && !ingroup) {
			if ((n++ == 0 && str_appendc(o, '(') < 0) ||
			    str_append(o, "(NIL NIL ", 9) < 0 ||
			    put_field(o, &a->name, "") < 0 ||
			    str_append(o, " NIL)", 5) < 0)
				return -1;
			ingroup = 1;
			continue;
		}
		if (r == 1 && ((n++ == 0 && str_appendc(o, '(') < 0) ||
		    put_addr(o, a) < 0))
			return -1;
		/* skip to the next separator */
		while (l->p < l->end && *l->p != ',' && *l->p != ';')
			l->p++;
		if (l->p < l->end && (*l->p == ',' || !ingroup))
			l->p++;
	}
	if (ingroup && str_append(o, "(NIL NIL NIL NIL)", 17) < 0)
		return -1;
	return n;
}

int
envelope_addresses(struct str *o, const char *v, size_t n)
{
	struct lex l = { v, v + n };
	struct addr a;
	size_t start = o->len;
	int r;

	str_init(&a.name, ADDR_PART);
	str_init(&a.route, ADDR_PART);
	str_init(&a.mailbox, ADDR_PART);
	str_init(&a.host, ADDR_PART);
	str_init(&a.comment, ADDR_PART);
	r = parse_list(o, &l, &a);
	str_free(&a.name);
	str_free(&a.route);
	str_free(&a.mailbox);
	str_free(&a.host);
	str_free(&a.comment);
	if (r < 0)
		return -1;
	if (r == 0) {
		str_truncate(o, start);
		return str_append(o, "NIL", 3);
	}
	return str_appendc(o, ')');
}

static int
put_header(struct str *o, const char *hdr, size_t n, const char *name,
    struct str *tmp, int address)
{
	int r = header_get(hdr, n, name, tmp);

	if (r < 0)
		return -1;
	if (r == 0)
		return str_append(o, "NIL", 3);
	if (address)
		return envelope_addresses(o, tmp->s, tmp->len);
	return imap_put_string(o, tmp->s, tmp->len);
}

int
envelope_write(struct str *o, const char *hdr, size_t n)
{
	static const char *const fields[] = { "Date", "Subject", "From",
	    "Sender", "Reply-To", "To", "Cc", "Bcc", "In-Reply-To",
	    "Message-ID" };
	struct str tmp = STR_INIT(LIM_HEADER);
	int r = str_appendc(o, '(');

	for (size_t i = 0; r == 0 && i < 10; i++) {
		const char *name = fields[i];
		int address = i >= 2 && i <= 7;

		if (i > 0 && str_appendc(o, ' ') < 0)
			r = -1;
		/* RFC 3501 7.4.2: sender and reply-to default to from */
		if ((i == 3 || i == 4) && header_get(hdr, n, name, &tmp) != 1)
			name = "From";
		if (r == 0)
			r = put_header(o, hdr, n, name, &tmp, address);
	}
	str_free(&tmp);
	return r < 0 || str_appendc(o, ')') < 0 ? -1 : 0;
}
