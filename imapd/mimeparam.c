/* mimeparam.c: MIME header values with parameters; see mimeparam.h. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "limits.h"
#include "mimeparam.h"

struct raw_param {
	const char *name, *val;
	size_t namelen, vallen;
	int quoted;
};

void
mime_value_init(struct mime_value *mv)
{
	str_init(&mv->buf, LIM_HEADER);
	mv->nparams = 0;
}

void
mime_value_free(struct mime_value *mv)
{
	str_free(&mv->buf);
	mv->nparams = 0;
}

static const char *
skip_cfws(const char *p, const char *end)
{
	int level = 0;

	for (; p < end; p++) {
		if (*p == '(')
			level++;
		else if (*p == ')' && level > 0)
			level--;
		else if (*p == '\\' && level > 0 && p + 1 < end)
			p++;
		else if (level == 0 && !isspace((unsigned char)*p))
			break;
	}
	return p;
}

static int
is_token_char(char c)
{
	return (unsigned char)c > 0x20 && (unsigned char)c < 0x7f &&
	    strchr("()<>@,;:\\\"/[]?=", c) == NULL;
}

/* One parameter at p; returns the position after it (at ';' or end). */
static const char *
parse_param(const char *p, const char *end, struct raw_param *rp)
{
	rp->name = p;
	while (p < end && is_token_char(*p))
		p++;
	rp->namelen = (size_t)(p - rp->name);
	p = skip_cfws(p, end);
	rp->val = NULL;
	if (p >= end || *p != '=')
		goto skip;
	p = skip_cfws(p + 1, end);
	rp->quoted = p < end && *p == '"';
	if (rp->quoted) {
		rp->val = ++p;
		while (p < end && *p != '"')
			p += *p == '\\' && p + 1 < end ? 2 : 1;
		rp->vallen = (size_t)(p - rp->val);
		if (p < end)
			p++;
	} else {
		rp->val = p;
		while (p < end && *p != ';' && !isspace((unsigned char)*p))
			p++;
		rp->vallen = (size_t)(p - rp->val);
	}
skip:
	while (p < end && *p != ';')
		p++;
	return p;
}

static int
append_val(struct str *b, const struct raw_param *rp)
{
	for (size_t i = 0; i < rp->vallen; i++) {
		char c = rp->val[i];

		if (rp->quoted && c == '\\' && i + 1 < rp->vallen)
			c = rp->val[++i];
		if (str_appendc(b, c) < 0)
			return -1;
	}
	return 0;
}

/* name*N or name*N* or name*: the base length, section, extended. */
static void
split_2231(const struct raw_param *rp, size_t *base, long *section,
    int *ext)
{
	const char *star = memchr(rp->name, '*', rp->namelen);
	const char *end = rp->name + rp->namelen;

	*base = rp->namelen;
	*section = -1;
	*ext = 0;
	if (star == NULL)
		return;
	*base = (size_t)(star - rp->name);
	if (star + 1 == end) {
		*ext = 1;
		return;
	}
	*section = 0;
	/* Sections past MIME_SECTIONS_MAX are never merged: saturate there
	 * rather than overflow on a name like "a*99999999999999999999". */
	for (const char *q = star + 1; q < end && isdigit((unsigned char)*q);
	    q++)
		if ((*section = *section * 10 + (*q - '0')) > MIME_SECTIONS_MAX)
			*section = MIME_SECTIONS_MAX;
	*ext = end[-1] == '*';
}

static int
add_param(struct mime_value *mv, struct raw_param *all, size_t nall,
    size_t idx)
{
	size_t base, b2;
	long sec, s2, want;
	int ext, e2, anyext = 0;

	split_2231(&all[idx], &base, &sec, &ext);
	if (sec > 0)
		return 0;	/* merged into section 0 */
	for (size_t j = 0; sec == 0 && j < nall; j++) {
		split_2231(&all[j], &b2, &s2, &e2);
		if (b2 == base && s2 >= 0 && e2 &&
		    strncasecmp(all[j].name, all[idx].name, base) == 0)
			anyext = 1;
	}
	if (mv->nparams >= MIME_PARAMS_MAX)
		return 0;
	mv->name[mv->nparams] = mv->buf.len;
	if (str_append(&mv->buf, all[idx].name, base) < 0 ||
	    ((ext || anyext) && str_appendc(&mv->buf, '*') < 0) ||
	    str_appendc(&mv->buf, '\0') < 0)
		return -1;
	mv->val[mv->nparams++] = mv->buf.len;
	if (sec < 0)
		return append_val(&mv->buf, &all[idx]) < 0 ||
		    str_appendc(&mv->buf, '\0') < 0 ? -1 : 0;
	for (want = 0; want < MIME_SECTIONS_MAX; want++) {
		size_t j;

		for (j = 0; j < nall; j++) {
			split_2231(&all[j], &b2, &s2, &e2);
			if (b2 == base && s2 == want &&
			    strncasecmp(all[j].name, all[idx].name, base) == 0)
				break;
		}
		if (j == nall)
			break;
		if (append_val(&mv->buf, &all[j]) < 0)
			return -1;
	}
	return str_appendc(&mv->buf, '\0');
}

int
mime_value_parse(struct mime_value *mv, const char *v, size_t n)
{
	const char *p = v, *end = v + n, *start;
	struct raw_param all[MIME_PARAMS_MAX * 2];
	size_t nall = 0;

	str_truncate(&mv->buf, 0);
	mv->nparams = 0;
	p = skip_cfws(p, end);
	start = p;
	while (p < end && *p != ';' && !isspace((unsigned char)*p) &&
	    *p != '(')
		p++;
	if (str_append(&mv->buf, start, (size_t)(p - start)) < 0 ||
	    str_appendc(&mv->buf, '\0') < 0)
		return -1;
	while (p < end && *p != ';')
		p++;
	while (p < end && nall < MIME_PARAMS_MAX * 2) {
		p = skip_cfws(p + 1, end);
		if (p >= end)
			break;
		p = parse_param(p, end, &all[nall]);
		if (all[nall].val != NULL && all[nall].namelen > 0)
			nall++;
	}
	for (size_t i = 0; i < nall; i++)
		if (add_param(mv, all, nall, i) < 0)
			return -1;
	return 0;
}

const char *
mime_value_main(const struct mime_value *mv)
{
	return mv->buf.s != NULL ? mv->buf.s : "";
}

const char *
mime_value_param(const struct mime_value *mv, const char *name)
{
	for (size_t i = 0; i < mv->nparams; i++)
		if (strcasecmp(mime_param_name(mv, i), name) == 0)
			return mime_param_val(mv, i);
	return NULL;
}
