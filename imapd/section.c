/* section.c: BODY[section]<partial>; see section.h. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "header.h"
#include "section.h"

void
section_init(struct section *s)
{
	memset(s, 0, sizeof *s);
	str_init(&s->fields, 8192);
}

void
section_free(struct section *s)
{
	str_free(&s->fields);
}

static int
add_field(struct section *s, const char *p, size_t n)
{
	if (n == 0 || s->nfields >= SECTION_FIELDS_MAX)
		return -1;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)p[i] <= 0x20 || p[i] == ':' ||
		    (unsigned char)p[i] >= 0x7f)
			return -1;
	s->field_off[s->nfields++] = s->fields.len;
	if (str_append(&s->fields, p, n) < 0 ||
	    str_appendc(&s->fields, '\0') < 0)
		return -1;
	return 0;
}

/* " (name name "name")" then returns the position after ')'. */
static const char *
parse_fields(struct section *s, const char *p)
{
	if (*p++ != ' ' || *p++ != '(')
		return NULL;
	for (;;) {
		const char *start = p;

		if (*p == '"') {
			start = ++p;
			while (*p != '\0' && *p != '"' && *p != '\\')
				p++;
			if (*p != '"' || add_field(s, start, (size_t)(p - start)))
				return NULL;
			p++;
		} else {
			while (*p != '\0' && *p != ' ' && *p != ')')
				p++;
			if (add_field(s, start, (size_t)(p - start)) < 0)
				return NULL;
		}
		if (*p == ')')
			return s->nfields > 0 ? p + 1 : NULL;
		if (*p++ != ' ')
			return NULL;
	}
}

static const char *
parse_path(struct section *s, const char *p)
{
	while (isdigit((unsigned char)*p)) {
		unsigned long v = 0;

		if (*p == '0' || s->npath >= LIM_MIME_DEPTH)
			return NULL;
		while (isdigit((unsigned char)*p) && v < 1000000)
			v = v * 10 + (unsigned long)(*p++ - '0');
		if (v >= 1000000)
			return NULL;
		s->path[s->npath++] = (unsigned)v;
		if (*p != '.')
			return p;
		p++;
		if (!isdigit((unsigned char)*p))
			return p;	/* the spec follows */
	}
	return p;
}

static const char *
parse_spec(struct section *s, const char *p)
{
	if (*p == ']')
		return p;
	if (strncasecmp(p, "HEADER.FIELDS.NOT", 17) == 0) {
		s->spec = SEC_FIELDS_NOT;
		return parse_fields(s, p + 17);
	}
	if (strncasecmp(p, "HEADER.FIELDS", 13) == 0) {
		s->spec = SEC_FIELDS;
		return parse_fields(s, p + 13);
	}
	if (strncasecmp(p, "HEADER", 6) == 0) {
		s->spec = SEC_HEADER;
		return p + 6;
	}
	if (strncasecmp(p, "TEXT", 4) == 0) {
		s->spec = SEC_TEXT;
		return p + 4;
	}
	if (strncasecmp(p, "MIME", 4) == 0 && s->npath > 0) {
		s->spec = SEC_MIME;
		return p + 4;
	}
	return NULL;
}

static int
parse_partial(struct section *s, const char *p)
{
	uint64_t a = 0, b = 0;

	if (*p == '\0')
		return 0;
	if (*p++ != '<' || !isdigit((unsigned char)*p))
		return -1;
	for (; isdigit((unsigned char)*p) && a < (1ull << 40); p++)
		a = a * 10 + (uint64_t)(*p - '0');
	if (*p++ != '.' || !isdigit((unsigned char)*p))
		return -1;
	for (; isdigit((unsigned char)*p) && b < (1ull << 40); p++)
		b = b * 10 + (uint64_t)(*p - '0');
	if (*p++ != '>' || *p != '\0' || b == 0)
		return -1;
	s->partial = 1;
	s->origin = a;
	s->count = b;
	return 0;
}

int
section_parse(struct section *s, const char *item)
{
	const char *p, *open;
	size_t n;

	if (strncasecmp(item, "BODY.PEEK[", 10) == 0)
		s->peek = 1;
	else if (strncasecmp(item, "BODY[", 5) != 0)
		return -1;
	open = strchr(item, '[');
	if ((p = parse_path(s, open + 1)) == NULL ||
	    (p[-1] == '.' && *p == ']') ||
	    (p = parse_spec(s, p)) == NULL || *p != ']')
		return -1;
	n = (size_t)(p - open - 1);
	if (n >= sizeof s->text)
		return -1;
	memcpy(s->text, open + 1, n);
	s->text[n] = '\0';
	return parse_partial(s, p + 1);
}

/* Follow the part numbers; the part index or -1. */
static int
walk_path(const struct section *s, const struct mime_msg *m)
{
	int cur = 0;

	for (size_t i = 0; i < s->npath; i++) {
		unsigned k = s->path[i];

		if (i > 0) {
			if (m->parts[cur].flags & MIME_MESSAGE)
				cur = m->parts[cur].child;
			else if (!(m->parts[cur].flags & MIME_MULTIPART))
				return -1;
			if (cur < 0)
				return -1;
		}
		if (m->parts[cur].flags & MIME_MULTIPART)
			cur = mime_child(m, cur, k);
		else if (k != 1)
			return -1;
		if (cur < 0)
			return -1;
	}
	return cur;
}

static int
match_field(const struct section *s, const struct header_field *f)
{
	for (size_t i = 0; i < s->nfields; i++) {
		const char *name = s->fields.s + s->field_off[i];

		if (strlen(name) == f->namelen &&
		    strncasecmp(name, f->name, f->namelen) == 0)
			return 1;
	}
	return 0;
}

static int
build_fields(const struct section *s, const char *hdr, size_t n,
    struct section_data *d)
{
	struct header_field f;
	size_t pos = 0;
	int want = s->spec == SEC_FIELDS;

	while (header_next(hdr, n, &pos, &f) == 1)
		if (match_field(s, &f) == want &&
		    str_append(&d->built, f.raw, f.rawlen) < 0)
			return -1;
	if (str_append(&d->built, "\r\n", 2) < 0)
		return -1;
	d->raw = d->built.s;
	d->rawlen = d->built.len;
	return 0;
}

int
section_resolve(const struct section *s, const struct mime_msg *m,
    struct section_data *d)
{
	const struct mime_part *p;
	int idx = walk_path(s, m);

	memset(d, 0, sizeof *d);
	str_init(&d->built, LIM_HEADER + 2);
	if (idx >= 0 && s->npath > 0 && s->spec != SEC_NONE &&
	    s->spec != SEC_MIME)	/* HEADER/TEXT of an rfc822 part */
		idx = m->parts[idx].flags & MIME_MESSAGE ?
		    m->parts[idx].child : -1;
	if (idx < 0) {
		d->missing = 1;
		return 0;
	}
	p = &m->parts[idx];
	if (s->spec == SEC_NONE && s->npath == 0) {
		d->raw = m->data;
		d->rawlen = m->len;
	} else if (s->spec == SEC_NONE || s->spec == SEC_TEXT) {
		d->raw = m->data + p->body_off;
		d->rawlen = p->body_len;
	} else if (s->spec == SEC_HEADER || s->spec == SEC_MIME) {
		d->raw = m->data + p->hdr_off;
		d->rawlen = p->hdr_len;
	} else if (build_fields(s, m->data + p->hdr_off, p->hdr_len, d) < 0)
		return -1;
	d->vsize = mime_vsize(d->raw, d->rawlen, NULL);
	return 0;
}

void
section_data_free(struct section_data *d)
{
	str_free(&d->built);
}

int
crlf_emit(const char *raw, size_t n, uint64_t voff, uint64_t vlen,
    int (*put)(void *, const char *, size_t), void *ctx)
{
	uint64_t vpos = 0, vend = voff + vlen;
	const char *p = raw, *end = raw + n;

	if (vend < voff)
		vend = UINT64_MAX;
	while (p < end && vpos < vend) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t seg = nl ? (size_t)(nl - p) : (size_t)(end - p);
		int addcr = nl && (nl == raw || nl[-1] != '\r');
		/* the segment, then "\r\n" or "\n" */
		const char *pieces[2] = { p, "\r\n" };
		size_t lens[2] = { seg, nl ? (addcr ? 2u : 1u) : 0 };

		if (nl && !addcr)
			pieces[1] = "\n";
		for (int i = 0; i < 2; i++) {
			uint64_t a = vpos, b = vpos + lens[i];
			uint64_t lo = a > voff ? a : voff;
			uint64_t hi = b < vend ? b : vend;
			int r;

			if (lo < hi && (r = put(ctx, pieces[i] + (lo - a),
			    (size_t)(hi - lo))) != 0)
				return r;
			vpos = b;
		}
		p += seg + (nl ? 1 : 0);
	}
	return 0;
}
