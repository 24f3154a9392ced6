/* bodystructure.c: FETCH BODY / BODYSTRUCTURE; see bodystructure.h. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "bodystructure.h"
#include "envelope.h"
#include "header.h"
#include "imapstr.h"
#include "limits.h"
#include "mimeparam.h"

struct bs {
	struct str *o;
	const struct mime_msg *m;
	int ext;
	struct str tmp;
	struct mime_value mv;
};

static int write_part(struct bs *, int idx);

/*
 * The parameter list; with text_charset, a text part without a charset
 * gets ("charset" "us-ascii") at the end, the default RFC 2046 4.1.2
 * gives it (Dovecot writes it so too).
 */
static int
put_params(struct bs *b, int text_charset)
{
	int add = text_charset && mime_value_param(&b->mv, "charset") == NULL;

	if (b->mv.nparams == 0 && !add)
		return str_append(b->o, "NIL", 3);
	if (str_appendc(b->o, '(') < 0)
		return -1;
	for (size_t i = 0; i < b->mv.nparams; i++) {
		const char *n = mime_param_name(&b->mv, i);
		const char *v = mime_param_val(&b->mv, i);

		if ((i > 0 && str_appendc(b->o, ' ') < 0) ||
		    imap_put_string(b->o, n, strlen(n)) < 0 ||
		    str_appendc(b->o, ' ') < 0 ||
		    imap_put_string(b->o, v, strlen(v)) < 0)
			return -1;
	}
	if (add && str_appends(b->o, b->mv.nparams ? " \"charset\" "
	    "\"us-ascii\"" : "\"charset\" \"us-ascii\"") < 0)
		return -1;
	return str_appendc(b->o, ')');
}

/* An nstring from a header of the part: Content-ID and friends. */
static int
put_hdr(struct bs *b, const struct mime_part *p, const char *name)
{
	int r = header_get(b->m->data + p->hdr_off, p->hdr_len, name, &b->tmp);

	if (r < 0)
		return -1;
	return imap_put_nstring(b->o, r ? b->tmp.s : NULL, b->tmp.len);
}

static int
put_disposition(struct bs *b, const struct mime_part *p)
{
	const char *v;
	int r = header_get(b->m->data + p->hdr_off, p->hdr_len,
	    "Content-Disposition", &b->tmp);

	if (r <= 0 || mime_value_parse(&b->mv, b->tmp.s, b->tmp.len) < 0 ||
	    *(v = mime_value_main(&b->mv)) == '\0')
		return r < 0 ? -1 : str_append(b->o, "NIL", 3);
	return str_appendc(b->o, '(') < 0 ||
	    imap_put_string(b->o, v, strlen(v)) < 0 ||
	    str_appendc(b->o, ' ') < 0 || put_params(b, 0) < 0 ||
	    str_appendc(b->o, ')') < 0 ? -1 : 0;
}

/* Content-Language: a, b  ->  NIL, "a" or ("a" "b") */
static int
put_language(struct bs *b, const struct mime_part *p)
{
	const char *s, *e;
	int r = header_get(b->m->data + p->hdr_off, p->hdr_len,
	    "Content-Language", &b->tmp), n = 0;
	size_t start = b->o->len;

	if (r <= 0 || b->tmp.len == 0)
		return r < 0 ? -1 : str_append(b->o, "NIL", 3);
	if (str_appendc(b->o, '(') < 0)
		return -1;
	for (s = b->tmp.s; *s != '\0'; s = e) {
		while (*s == ',' || isspace((unsigned char)*s))
			s++;
		for (e = s; *e != '\0' && *e != ',' &&
		    !isspace((unsigned char)*e); e++)
			;
		if (e == s)
			break;
		if ((n++ > 0 && str_appendc(b->o, ' ') < 0) ||
		    imap_put_string(b->o, s, (size_t)(e - s)) < 0)
			return -1;
	}
	if (n == 0) {
		str_truncate(b->o, start);
		return str_append(b->o, "NIL", 3);
	}
	if (n == 1) {	/* a single language is a plain string */
		memmove(b->o->s + start, b->o->s + start + 1,
		    b->o->len - start - 1);
		str_truncate(b->o, b->o->len - 1);
		return 0;
	}
	return str_appendc(b->o, ')');
}

static int
put_ext_tail(struct bs *b, const struct mime_part *p)
{
	return str_appendc(b->o, ' ') < 0 || put_disposition(b, p) < 0 ||
	    str_appendc(b->o, ' ') < 0 || put_language(b, p) < 0 ||
	    str_appendc(b->o, ' ') < 0 ||
	    put_hdr(b, p, "Content-Location") < 0 ? -1 : 0;
}

static int
load_ctype(struct bs *b, const struct mime_part *p)
{
	int r = header_get(b->m->data + p->hdr_off, p->hdr_len,
	    "Content-Type", &b->tmp);

	if (r < 0)
		return -1;
	if (r == 0)
		str_copy(&b->tmp, "", 0);
	return mime_value_parse(&b->mv, b->tmp.s, b->tmp.len);
}

static int
write_multipart(struct bs *b, int idx)
{
	const struct mime_part *p = &b->m->parts[idx];
	const char *sub;

	for (int c = p->child; c >= 0; c = b->m->parts[c].next)
		if (write_part(b, c) < 0)
			return -1;
	if (load_ctype(b, p) < 0)
		return -1;
	sub = strchr(mime_value_main(&b->mv), '/') + 1;
	if (str_appendc(b->o, ' ') < 0 ||
	    imap_put_string(b->o, sub, strlen(sub)) < 0)
		return -1;
	if (!b->ext)
		return 0;
	return str_appendc(b->o, ' ') < 0 || put_params(b, 0) < 0 ||
	    put_ext_tail(b, p) < 0 ? -1 : 0;
}

static int
put_type(struct bs *b, const struct mime_part *p)
{
	const char *main, *slash;

	if (p->flags & MIME_DIGEST_CHILD)
		return str_appends(b->o, "\"message\" \"rfc822\" NIL");
	if (p->flags & MIME_DEFAULT_TYPE)
		return str_appends(b->o,
		    "\"text\" \"plain\" (\"charset\" \"us-ascii\")");
	if (load_ctype(b, p) < 0)
		return -1;
	main = mime_value_main(&b->mv);
	slash = strchr(main, '/');
	return imap_put_string(b->o, main, (size_t)(slash - main)) < 0 ||
	    str_appendc(b->o, ' ') < 0 ||
	    imap_put_string(b->o, slash + 1, strlen(slash + 1)) < 0 ||
	    str_appendc(b->o, ' ') < 0 || put_params(b, (size_t)(slash - main)
	    == 4 && strncasecmp(main, "text", 4) == 0) < 0 ? -1 : 0;
}

static int
put_encoding(struct bs *b, const struct mime_part *p)
{
	size_t n = 0;
	int r = header_get(b->m->data + p->hdr_off, p->hdr_len,
	    "Content-Transfer-Encoding", &b->tmp);

	if (r < 0)
		return -1;
	while (r > 0 && n < b->tmp.len && !isspace((unsigned char)b->tmp.s[n])
	    && b->tmp.s[n] != '(' && b->tmp.s[n] != ';')
		n++;
	if (n == 0)
		return str_append(b->o, "\"7bit\"", 6);
	return imap_put_string(b->o, b->tmp.s, n);
}

static int
write_single(struct bs *b, int idx)
{
	const struct mime_part *p = &b->m->parts[idx];

	if (put_type(b, p) < 0 || str_appendc(b->o, ' ') < 0 ||
	    put_hdr(b, p, "Content-ID") < 0 || str_appendc(b->o, ' ') < 0 ||
	    put_hdr(b, p, "Content-Description") < 0 ||
	    str_appendc(b->o, ' ') < 0 || put_encoding(b, p) < 0 ||
	    str_printf(b->o, " %zu", p->body_vlen) < 0)
		return -1;
	if (p->flags & MIME_MESSAGE && p->child >= 0) {
		const struct mime_part *e = &b->m->parts[p->child];

		if (str_appendc(b->o, ' ') < 0 ||
		    envelope_write(b->o, b->m->data + e->hdr_off,
		    e->hdr_len) < 0 || str_appendc(b->o, ' ') < 0 ||
		    write_part(b, p->child) < 0 ||
		    str_printf(b->o, " %zu", p->body_lines) < 0)
			return -1;
	} else if (p->flags & MIME_TEXT &&
	    str_printf(b->o, " %zu", p->body_lines) < 0)
		return -1;
	if (!b->ext)
		return 0;
	return str_appendc(b->o, ' ') < 0 || put_hdr(b, p, "Content-MD5") < 0 ||
	    put_ext_tail(b, p) < 0 ? -1 : 0;
}

static int
write_part(struct bs *b, int idx)
{
	int r;

	if (str_appendc(b->o, '(') < 0)
		return -1;
	if (b->m->parts[idx].flags & MIME_MULTIPART)
		r = write_multipart(b, idx);
	else
		r = write_single(b, idx);
	return r < 0 ? -1 : str_appendc(b->o, ')');
}

int
bodystructure_write(struct str *out, const struct mime_msg *m, int part,
    int extended)
{
	struct bs b;
	int r;

	b.o = out;
	b.m = m;
	b.ext = extended;
	str_init(&b.tmp, LIM_HEADER);
	mime_value_init(&b.mv);
	r = write_part(&b, part);
	str_free(&b.tmp);
	mime_value_free(&b.mv);
	return r;
}
