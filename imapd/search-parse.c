/* search-parse.c: SEARCH keys into a tree; see search-parse.h. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "casefold.h"
#include "limits.h"
#include "mdname.h"
#include "rfc2047.h"
#include "search-parse.h"

struct sp {
	struct search_prog *prog;
	const struct imap_arg *a;	/* next argument */
	int depth, nkeys;
	const char *charset;
};

static int parse_key(struct sp *, struct search_node **);

static const struct {
	const char *name;
	enum search_key key;
	unsigned flag;
	int arg;	/* 0 none, 1 string, 2 date, 3 number, 4 header */
} keys[] = {
	{ "ALL", SK_ALL, 0, 0 }, { "ANSWERED", SK_FLAG, MDF_REPLIED, 0 },
	{ "DELETED", SK_FLAG, MDF_TRASHED, 0 },
	{ "DRAFT", SK_FLAG, MDF_DRAFT, 0 },
	{ "FLAGGED", SK_FLAG, MDF_FLAGGED, 0 },
	{ "SEEN", SK_FLAG, MDF_SEEN, 0 },
	{ "UNANSWERED", SK_UNFLAG, MDF_REPLIED, 0 },
	{ "UNDELETED", SK_UNFLAG, MDF_TRASHED, 0 },
	{ "UNDRAFT", SK_UNFLAG, MDF_DRAFT, 0 },
	{ "UNFLAGGED", SK_UNFLAG, MDF_FLAGGED, 0 },
	{ "UNSEEN", SK_UNFLAG, MDF_SEEN, 0 },
	{ "NEW", SK_NEW, 0, 0 }, { "OLD", SK_OLD, 0, 0 },
	{ "RECENT", SK_RECENT, 0, 0 },
	{ "KEYWORD", SK_KEYWORD, 0, 5 }, { "UNKEYWORD", SK_UNKEYWORD, 0, 5 },
	{ "BEFORE", SK_BEFORE, 0, 2 }, { "ON", SK_ON, 0, 2 },
	{ "SINCE", SK_SINCE, 0, 2 }, { "SENTBEFORE", SK_SENTBEFORE, 0, 2 },
	{ "SENTON", SK_SENTON, 0, 2 }, { "SENTSINCE", SK_SENTSINCE, 0, 2 },
	{ "LARGER", SK_LARGER, 0, 3 }, { "SMALLER", SK_SMALLER, 0, 3 },
	{ "BCC", SK_HEADER, 0, 1 }, { "CC", SK_HEADER, 0, 1 },
	{ "FROM", SK_HEADER, 0, 1 }, { "SUBJECT", SK_HEADER, 0, 1 },
	{ "TO", SK_HEADER, 0, 1 }, { "HEADER", SK_HEADER, 0, 4 },
	{ "BODY", SK_BODY, 0, 1 }, { "TEXT", SK_TEXT, 0, 1 },
};

static int
fail(struct sp *p, const char *why)
{
	if (p->prog->err == NULL)
		p->prog->err = why;
	return -1;
}

static struct search_node *
new_node(struct sp *p, enum search_key key)
{
	struct search_node *n;

	if (++p->nkeys > LIM_SEARCH_KEYS) {
		fail(p, "Too many search keys");
		return NULL;
	}
	if ((n = calloc(1, sizeof *n)) == NULL) {
		fail(p, "Out of memory");
		return NULL;
	}
	n->key = key;
	return n;
}

long
search_day(long long t, long gmtoff)
{
	long long d = t + gmtoff;

	return (long)(d >= 0 ? d / 86400 : (d - 86399) / 86400);
}

/* Days from civil (Howard Hinnant's algorithm). */
static long
days_from_civil(long y, unsigned m, unsigned d)
{
	long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3u : 9u)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

long
search_parse_date(const char *s)
{
	static const char months[] = "janfebmaraprmayjunjulaugsepoctnovdec";
	unsigned d = 0, m;
	long y = 0;
	int i;

	for (i = 0; i < 2 && *s >= '0' && *s <= '9'; i++)
		d = d * 10 + (unsigned)(*s++ - '0');
	if (i == 0 || d < 1 || d > 31 || *s++ != '-' || strlen(s) != 8 ||
	    s[3] != '-')
		return -1;
	for (m = 0; m < 12; m++)
		if (strncasecmp(s, months + 3 * m, 3) == 0)
			break;
	if (m == 12)
		return -1;
	for (s += 4, i = 0; i < 4; i++, s++) {
		if (*s < '0' || *s > '9')
			return -1;
		y = y * 10 + (*s - '0');
	}
	return days_from_civil(y, m + 1, d);
}

/* A string argument, decoded from the charset and folded. */
static int
take_string(struct sp *p, struct search_node *n)
{
	struct str u = STR_INIT(LIM_IMAP_COMMAND), f = STR_INIT(LIM_IMAP_COMMAND);
	const struct imap_arg *a = p->a;

	if (!imap_arg_is_string(a))
		return fail(p, "Missing string argument");
	p->a = a->next;
	if (charset_to_utf8(p->charset, a->s, a->len, &u) < 0 ||
	    casefold_utf8(u.s ? u.s : "", u.len, &f) < 0) {
		str_free(&u);
		str_free(&f);
		return fail(p, "Out of memory");
	}
	str_free(&u);
	n->str = f.s;
	n->len = f.len;
	return 0;
}

static int
take_arg(struct sp *p, struct search_node *n, int kind, const char *name)
{
	const struct imap_arg *a = p->a;

	switch (kind) {
	case 1:
		if (n->key == SK_HEADER && (n->hdr = strdup(name)) == NULL)
			return fail(p, "Out of memory");
		return take_string(p, n);
	case 2:
		if (!imap_arg_is_string(a) ||
		    (n->day = search_parse_date(a->s)) < 0)
			return fail(p, "Invalid search date");
		break;
	case 3:
		if (imap_arg_number64(a, &n->size) < 0)
			return fail(p, "Invalid search size");
		break;
	case 4:
		if (!imap_arg_is_string(a) || (n->hdr = strdup(a->s)) == NULL)
			return fail(p, "Missing header name");
		p->a = a->next;
		return take_string(p, n);
	case 5:
		if (a == NULL || a->type != IMAP_ARG_ATOM ||
		    a->len > LIM_KEYWORD || (n->str = strdup(a->s)) == NULL)
			return fail(p, "Invalid keyword");
		break;
	}
	p->a = a->next;
	return 0;
}

/* Keys up to the end of the current list, as children of an AND. */
static int
parse_and(struct sp *p, struct search_node *and)
{
	struct search_node **link = &and->child;

	while (p->a != NULL) {
		if (parse_key(p, link) < 0)
			return -1;
		link = &(*link)->next;
	}
	return and->child ? 0 : fail(p, "Missing search key");
}

static int
parse_nested(struct sp *p, struct search_node **out, enum search_key key,
    int nchildren)
{
	struct search_node *n = new_node(p, key), **link;
	int r = 0;

	if ((*out = n) == NULL)
		return -1;
	if (++p->depth > LIM_SEARCH_DEPTH)
		return fail(p, "Search keys nested too deeply");
	if (key == SK_AND) {
		const struct imap_arg *rest = p->a->next;
		p->a = p->a->child;
		r = parse_and(p, n);
		p->a = rest;
	} else
		for (link = &n->child; r == 0 && nchildren-- > 0;) {
			r = p->a ? parse_key(p, link) :
			    fail(p, "Missing search key");
			if (r == 0)
				link = &(*link)->next;
		}
	p->depth--;
	return r;
}

static int
parse_set(struct sp *p, struct search_node **out, enum search_key key)
{
	struct search_node *n = new_node(p, key);

	if ((*out = n) == NULL)
		return -1;
	if (seqset_parse(&n->set, p->a->s) < 0)
		return fail(p, "Invalid sequence set");
	p->a = p->a->next;
	return 0;
}

static int
parse_key(struct sp *p, struct search_node **out)
{
	const struct imap_arg *a = p->a;
	size_t i;

	*out = NULL;
	if (a->type == IMAP_ARG_LIST)
		return parse_nested(p, out, SK_AND, 0);
	if (a->type != IMAP_ARG_ATOM)
		return fail(p, "Invalid search key");
	p->a = a->next;
	if (strcasecmp(a->s, "NOT") == 0)
		return parse_nested(p, out, SK_NOT, 1);
	if (strcasecmp(a->s, "OR") == 0)
		return parse_nested(p, out, SK_OR, 2);
	if (strcasecmp(a->s, "UID") == 0) {
		if (p->a == NULL || p->a->type != IMAP_ARG_ATOM)
			return fail(p, "Missing UID set");
		return parse_set(p, out, SK_UIDSET);
	}
	if ((a->s[0] >= '0' && a->s[0] <= '9') || a->s[0] == '*') {
		p->a = a;
		return parse_set(p, out, SK_SEQSET);
	}
	for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (strcasecmp(a->s, keys[i].name) == 0)
			break;
	if (i == sizeof keys / sizeof keys[0])
		return fail(p, "Unknown search key");
	if ((*out = new_node(p, keys[i].key)) == NULL)
		return -1;
	(*out)->flag = keys[i].flag;
	if (keys[i].arg && p->a == NULL)
		return fail(p, "Missing search argument");
	switch (keys[i].key) {
	case SK_BODY:
	case SK_TEXT:
		p->prog->need_body = 1;
		/* FALLTHROUGH */
	case SK_HEADER:
	case SK_SENTBEFORE:
	case SK_SENTON:
	case SK_SENTSINCE:
		p->prog->need_headers = 1;
		break;
	default:
		break;
	}
	return keys[i].arg ? take_arg(p, *out, keys[i].arg, keys[i].name) : 0;
}

int
search_parse(struct search_prog *prog, const struct imap_arg *args)
{
	struct sp p = { prog, args, 0, 0, "utf-8" };

	memset(prog, 0, sizeof *prog);
	if (imap_arg_is_atom(args, "CHARSET")) {
		if (!imap_arg_is_string(args->next))
			return fail(&p, "Missing charset");
		p.charset = args->next->s;
		if (!charset_known(p.charset)) {
			prog->badcharset = 1;
			return fail(&p, "Unknown charset");
		}
		p.a = args->next->next;
	}
	if ((prog->root = new_node(&p, SK_AND)) == NULL)
		return -1;
	return parse_and(&p, prog->root);
}

static void
free_node(struct search_node *n)
{
	while (n != NULL) {
		struct search_node *next = n->next;

		free_node(n->child);
		free(n->str);
		free(n->hdr);
		seqset_free(&n->set);
		free(n);
		n = next;
	}
}

void
search_free(struct search_prog *prog)
{
	free_node(prog->root);
	prog->root = NULL;
}
