/* search.c: SEARCH evaluation; see search.h. */
#include <ctype.h>
#include <errno.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "casefold.h"
#include "header.h"
#include "mdname.h"
#include "mimeparam.h"
#include "msgfile.h"
#include "rfc2047.h"
#include "search.h"

struct ctx {
	struct session *s;
	size_t i;
	struct msgfile mf;
	int open;		/* 1 open, -1 gone */
};

static int match(struct ctx *, const struct search_node *);

static void
prepare(struct session *s, struct search_node *n)
{
	const struct view *v = s->sel.v;
	size_t known = s->sel.known_exists;

	for (; n != NULL; n = n->next) {
		if (n->key == SK_SEQSET)
			seqset_resolve(&n->set, (uint32_t)known);
		else if (n->key == SK_UIDSET)
			seqset_resolve(&n->set, known ?
			    v->msgs[known - 1].uid : 0);
		prepare(s, n->child);
	}
}

void
search_prepare(struct session *s, struct search_prog *p)
{
	prepare(s, p->root);
}

static int
need_file(struct ctx *c)
{
	if (c->open == 0)
		c->open = msgfile_open(&c->mf, c->s->sel.v, c->i) == 0 ? 1 : -1;
	return c->open == 1;
}

/* Decode, fold, compare. */
static int
text_contains(const char *p, size_t n, const struct search_node *k,
    int encoded_words)
{
	struct str dec = STR_INIT(LIM_MESSAGE > 0 ? (size_t)1 << 30 : 0);
	struct str f = STR_INIT((size_t)1 << 30);
	int r = 0;

	if (encoded_words ? rfc2047_decode(p, n, &dec) == 0 :
	    str_append(&dec, p, n) == 0)
		if (casefold_utf8(dec.s ? dec.s : "", dec.len, &f) == 0)
			r = casefold_contains(f.s, f.len, k->str, k->len);
	str_free(&dec);
	str_free(&f);
	return r;
}

static int
match_header(struct ctx *c, const struct search_node *k)
{
	struct header_field f;
	struct str v = STR_INIT(LIM_HEADER);
	size_t pos = 0, nl;
	int r = 0;

	if (!need_file(c))
		return 0;
	nl = strlen(k->hdr);
	while (!r && header_next(c->mf.data, c->mf.hdrlen, &pos, &f) == 1) {
		if (f.namelen != nl || strncasecmp(f.name, k->hdr, nl) != 0)
			continue;
		str_truncate(&v, 0);
		if (header_unfold(f.value, f.valuelen, &v) == 0)
			r = text_contains(v.s ? v.s : "", v.len, k, 1);
	}
	str_free(&v);
	return r;
}

/* The decoded text of one part, in UTF-8. */
static int
part_contains(struct ctx *c, const struct mime_part *p,
    const struct search_node *k)
{
	const char *hdr = c->mf.data + p->hdr_off, *body;
	struct str v = STR_INIT(LIM_HEADER), raw = STR_INIT((size_t)1 << 30);
	struct str u = STR_INIT((size_t)1 << 30);
	struct mime_value mv;
	const char *cs = "us-ascii";
	int r = 0;

	mime_value_init(&mv);
	body = c->mf.data + p->body_off;
	if (header_get(hdr, p->hdr_len, "Content-Transfer-Encoding", &v) == 1
	    && strncasecmp(v.s, "base64", 6) == 0)
		base64_decode(body, p->body_len, &raw);
	else if (v.len > 0 && strncasecmp(v.s, "quoted-printable", 16) == 0)
		qp_decode(body, p->body_len, 0, &raw);
	else
		str_append(&raw, body, p->body_len);
	if (header_get(hdr, p->hdr_len, "Content-Type", &v) == 1 &&
	    mime_value_parse(&mv, v.s, v.len) == 0 &&
	    mime_value_param(&mv, "charset") != NULL)
		cs = mime_value_param(&mv, "charset");
	if (charset_to_utf8(cs, raw.s ? raw.s : "", raw.len, &u) == 0)
		r = text_contains(u.s ? u.s : "", u.len, k, 0);
	mime_value_free(&mv);
	str_free(&v);
	str_free(&raw);
	str_free(&u);
	return r;
}

static int
match_body(struct ctx *c, const struct search_node *k)
{
	if (!need_file(c) || msgfile_mime(&c->mf) < 0)
		return 0;
	for (size_t j = 0; j < c->mf.mime.nparts; j++) {
		const struct mime_part *p = &c->mf.mime.parts[j];

		if (!(p->flags & (MIME_MULTIPART | MIME_MESSAGE)) &&
		    (p->flags & MIME_TEXT) && part_contains(c, p, k))
			return 1;
	}
	return 0;
}

long
search_date_day(const char *v)
{
	static const char months[] = "janfebmaraprmayjunjulaugsepoctnovdec";
	unsigned d = 0, m;
	long y = 0;
	struct str s = STR_INIT(64);
	long r = -1;

	while (*v && !isdigit((unsigned char)*v))
		v++;
	for (; isdigit((unsigned char)*v) && d < 100; v++)
		d = d * 10 + (unsigned)(*v - '0');
	while (*v == ' ' || *v == '-')
		v++;
	for (m = 0; m < 12; m++)
		if (strncasecmp(v, months + 3 * m, 3) == 0)
			break;
	if (m < 12 && d >= 1 && d <= 31) {
		v += 3;
		while (*v == ' ' || *v == '-')
			v++;
		for (; isdigit((unsigned char)*v) && y < 100000; v++)
			y = y * 10 + (*v - '0');
		if (y < 50)
			y += 2000;
		else if (y < 1000)
			y += 1900;
		str_printf(&s, "%u-%.3s-%04ld", d, months + 3 * m, y);
		r = search_parse_date(s.s);
	}
	str_free(&s);
	return r;
}

static int
match_sent(struct ctx *c, const struct search_node *k)
{
	struct str v = STR_INIT(LIM_HEADER);
	long day = -1;

	if (need_file(c) &&
	    header_get(c->mf.data, c->mf.hdrlen, "Date", &v) == 1)
		day = search_date_day(v.s);
	str_free(&v);
	if (day < 0)
		return 0;
	return k->key == SK_SENTBEFORE ? day < k->day :
	    k->key == SK_SENTON ? day == k->day : day >= k->day;
}

static long
internal_day(const struct view_msg *m)
{
	struct tm tm;

	localtime_r(&m->internaldate, &tm);
	return search_day((long long)m->internaldate, tm.tm_gmtoff);
}

static int
match_any(struct ctx *c, const struct search_node *n)
{
	for (; n != NULL; n = n->next)
		if (match(c, n))
			return 1;
	return 0;
}

static int
match_all(struct ctx *c, const struct search_node *n)
{
	for (; n != NULL; n = n->next)
		if (!match(c, n))
			return 0;
	return 1;
}

static int
match_flags(struct ctx *c, const struct search_node *k)
{
	struct view *v = c->s->sel.v;
	const struct view_msg *m = &v->msgs[c->i];
	int kw;

	switch (k->key) {
	case SK_FLAG:
		return (m->flags & k->flag) != 0;
	case SK_UNFLAG:
		return (m->flags & k->flag) == 0;
	case SK_KEYWORD:
	case SK_UNKEYWORD:
		kw = view_keyword_find(v, k->str);
		return (kw >= 0 && (m->keywords & ((uint32_t)1 << kw))) ==
		    (k->key == SK_KEYWORD);
	case SK_NEW:
		return m->recent && !(m->flags & MDF_SEEN);
	case SK_OLD:
		return !m->recent;
	case SK_RECENT:
		return m->recent;
	default:
		return m->recent == 0;
	}
}

static int
match(struct ctx *c, const struct search_node *k)
{
	const struct view_msg *m = &c->s->sel.v->msgs[c->i];
	long long size;

	switch (k->key) {
	case SK_AND:
		return match_all(c, k->child);
	case SK_OR:
		return match_any(c, k->child);
	case SK_NOT:
		return !match(c, k->child);
	case SK_ALL:
		return 1;
	case SK_BEFORE:
		return internal_day(m) < k->day;
	case SK_ON:
		return internal_day(m) == k->day;
	case SK_SINCE:
		return internal_day(m) >= k->day;
	case SK_SENTBEFORE:
	case SK_SENTON:
	case SK_SENTSINCE:
		return match_sent(c, k);
	case SK_LARGER:
	case SK_SMALLER:
		size = m->vsize >= 0 ? m->vsize :
		    view_vsize(c->s->sel.v, c->i);
		if (size < 0) {		/* the file is gone */
			c->open = -1;
			return 0;
		}
		return k->key == SK_LARGER ? (uint64_t)size > k->size :
		    (uint64_t)size < k->size;
	case SK_HEADER:
		return match_header(c, k);
	case SK_BODY:
		return match_body(c, k);
	case SK_TEXT:
		return (need_file(c) && text_contains(c->mf.data,
		    c->mf.hdrlen, k, 1)) || match_body(c, k);
	case SK_SEQSET:
		return seqset_contains(&k->set, (uint32_t)(c->i + 1));
	case SK_UIDSET:
		return seqset_contains(&k->set, m->uid);
	default:
		return match_flags(c, k);
	}
}

int
search_match(struct session *s, struct search_prog *p, size_t i)
{
	struct ctx c = { s, i, { -1, NULL, 0, 0, { 0 }, 0 }, 0 };
	int r = match(&c, p->root);

	if (c.open == 1)
		msgfile_close(&c.mf);
	if (c.open == -1 && errno == ENOENT)
		return -1;
	return r;
}
