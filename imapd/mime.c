/* mime.c: MIME structure of a message; see mime.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "header.h"
#include "limits.h"
#include "mime.h"
#include "mimeparam.h"

struct mime_ctx {
	struct mime_msg *m;
	const char *bound[LIM_MIME_DEPTH + 1];
	size_t boundlen[LIM_MIME_DEPTH + 1];
	int nbound;
	struct str tmp;
	struct mime_value ct;
};

static int parse_entity(struct mime_ctx *, size_t off, size_t end,
    int depth, int parent, unsigned deflt);

size_t
mime_vsize(const char *p, size_t n, size_t *lines)
{
	size_t v = n, nl = 0;
	const char *q = p, *end = p + n;

	while (q < end && (q = memchr(q, '\n', (size_t)(end - q))) != NULL) {
		nl++;
		if (q == p || q[-1] != '\r')
			v++;
		q++;
	}
	if (lines != NULL)
		*lines = nl;
	return v;
}

int
mime_child(const struct mime_msg *m, int idx, unsigned n)
{
	int c;

	if (idx < 0 || n == 0)
		return -1;
	for (c = m->parts[idx].child; c >= 0 && --n > 0; c = m->parts[c].next)
		;
	return c;
}

static int
new_part(struct mime_msg *m)
{
	if (m->nparts == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 8;
		struct mime_part *p = realloc(m->parts, cap * sizeof *p);

		if (p == NULL)
			return -1;
		m->parts = p;
		m->cap = cap;
	}
	memset(&m->parts[m->nparts], 0, sizeof m->parts[0]);
	m->parts[m->nparts].parent = m->parts[m->nparts].child = -1;
	m->parts[m->nparts].next = -1;
	return (int)m->nparts++;
}

/* Is the line at p a boundary of level i?  2 close, 1 open, 0 no. */
static int
is_boundary(const struct mime_ctx *c, int i, const char *p, size_t n)
{
	size_t bl = c->boundlen[i];

	if (n < bl + 2 || p[0] != '-' || p[1] != '-' ||
	    memcmp(p + 2, c->bound[i], bl) != 0)
		return 0;
	if (n >= bl + 4 && p[bl + 2] == '-' && p[bl + 3] == '-')
		return 2;
	return 1;
}

/*
 * Find the next boundary line at or after off: its start, its end (after
 * the line end), and which level matched (nbound-1 is ours).
 */
static int
next_boundary(const struct mime_ctx *c, size_t off, size_t end,
    size_t *lstart, size_t *lend, int *level)
{
	const char *d = c->m->data;

	while (off < end) {
		const char *nl = memchr(d + off, '\n', end - off);
		size_t e = nl ? (size_t)(nl - d) + 1 : end;

		if (d[off] == '-')
			for (int i = c->nbound - 1; i >= 0; i--) {
				int r = is_boundary(c, i, d + off, e - off);
				if (r) {
					*lstart = off;
					*lend = e;
					*level = i;
					return r;
				}
			}
		off = e;
	}
	return 0;
}

/* The line break before a boundary belongs to it (RFC 2046 5.1.1). */
static size_t
before_break(const char *d, size_t start, size_t lstart)
{
	if (lstart > start && d[lstart - 1] == '\n')
		lstart--;
	if (lstart > start && d[lstart - 1] == '\r')
		lstart--;
	return lstart;
}

static int
parse_children(struct mime_ctx *c, int idx, int depth, unsigned deflt)
{
	struct mime_part *p = &c->m->parts[idx];
	size_t off = p->body_off, end = p->body_off + p->body_len;
	size_t ls, le;
	int level, r, ours = c->nbound - 1, last = -1, n = 0;

	r = next_boundary(c, off, end, &ls, &le, &level);
	while (r == 1 && level == ours && c->m->nparts < LIM_MIME_PARTS) {
		size_t start = le, cend;
		int child;

		r = next_boundary(c, start, end, &ls, &le, &level);
		cend = r ? before_break(c->m->data, start, ls) : end;
		child = parse_entity(c, start, cend, depth + 1, idx, deflt);
		if (child < 0)
			return -1;
		if (last < 0)
			c->m->parts[idx].child = child;
		else
			c->m->parts[last].next = child;
		last = child;
		n++;
	}
	return n;
}

static unsigned
classify(struct mime_ctx *c, const char *hdr, size_t hlen, unsigned deflt)
{
	const char *main, *slash;
	int r = header_get(hdr, hlen, "Content-Type", &c->tmp);

	if (r != 1 || mime_value_parse(&c->ct, c->tmp.s, c->tmp.len) < 0 ||
	    (slash = strchr(main = mime_value_main(&c->ct), '/')) == NULL ||
	    slash == main || slash[1] == '\0')
		return deflt ? MIME_MESSAGE | MIME_DIGEST_CHILD :
		    MIME_TEXT | MIME_DEFAULT_TYPE;
	if (strncasecmp(main, "text/", 5) == 0)
		return MIME_TEXT;
	if (strncasecmp(main, "multipart/", 10) == 0)
		return MIME_MULTIPART;
	if (strcasecmp(main, "message/rfc822") == 0 ||
	    strcasecmp(main, "message/global") == 0)
		return MIME_MESSAGE;
	return 0;
}

static int
parse_multipart(struct mime_ctx *c, int idx, int depth)
{
	const char *b = mime_value_param(&c->ct, "boundary");
	int digest, n;
	char *copy;

	digest = strcasecmp(mime_value_main(&c->ct), "multipart/digest") == 0;
	if (b == NULL || *b == '\0' || strlen(b) > 200 ||
	    (copy = strdup(b)) == NULL)
		return b == NULL || *b == '\0' || strlen(b) > 200 ? 0 : -1;
	c->bound[c->nbound] = copy;
	c->boundlen[c->nbound++] = strlen(copy);
	n = parse_children(c, idx, depth, digest ? MIME_MESSAGE : 0);
	free(copy);
	c->nbound--;
	return n;
}

static int
parse_entity(struct mime_ctx *c, size_t off, size_t end, int depth,
    int parent, unsigned deflt)
{
	struct mime_msg *m = c->m;
	int idx = new_part(m), n = 0;
	struct mime_part *p;

	if (idx < 0)
		return -1;
	p = &m->parts[idx];
	p->parent = parent;
	p->hdr_off = off;
	p->hdr_len = header_block_len(m->data + off, end - off);
	p->body_off = off + p->hdr_len;
	p->body_len = end - p->body_off;
	p->hdr_vlen = mime_vsize(m->data + off, p->hdr_len, NULL);
	p->body_vlen = mime_vsize(m->data + p->body_off, p->body_len,
	    &p->body_lines);
	p->flags = classify(c, m->data + off, p->hdr_len, deflt);
	if (depth >= LIM_MIME_DEPTH || m->nparts >= LIM_MIME_PARTS)
		p->flags &= ~(unsigned)(MIME_MULTIPART | MIME_MESSAGE);
	if (p->flags & MIME_MULTIPART) {
		if ((n = parse_multipart(c, idx, depth)) < 0)
			return -1;
		if (n == 0)	/* RFC-valid answer: degrade to text/plain */
			m->parts[idx].flags = MIME_TEXT | MIME_DEFAULT_TYPE;
	} else if (p->flags & MIME_MESSAGE) {
		size_t boff = p->body_off;
		if ((n = parse_entity(c, boff, end, depth + 1, idx, 0)) < 0)
			return -1;
		m->parts[idx].child = n;
	}
	return idx;
}

int
mime_parse(struct mime_msg *m, const char *data, size_t len)
{
	struct mime_ctx c;
	int r;

	memset(m, 0, sizeof *m);
	m->data = data;
	m->len = len;
	memset(&c, 0, sizeof c);
	c.m = m;
	str_init(&c.tmp, LIM_HEADER);
	mime_value_init(&c.ct);
	r = parse_entity(&c, 0, len, 0, -1, 0);
	str_free(&c.tmp);
	mime_value_free(&c.ct);
	if (r < 0) {
		mime_free(m);
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

void
mime_free(struct mime_msg *m)
{
	free(m->parts);
	m->parts = NULL;
	m->nparts = m->cap = 0;
}
