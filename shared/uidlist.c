/* uidlist.c: parse and format dovecot-uidlist (I/O-free; see uidlist.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mdname.h"
#include "uidlist.h"

void
uidlist_init(struct uidlist *ul)
{
	memset(ul, 0, sizeof *ul);
	ul->version = 3;
	ul->uidnext = 1;
}

void
uidlist_free(struct uidlist *ul)
{
	for (size_t i = 0; i < ul->count; i++) {
		free(ul->recs[i].name);
		free(ul->recs[i].ext);
	}
	free(ul->recs);
	free(ul->hdr_extra);
	uidlist_init(ul);
}

/* Parse a decimal uint32 at *pp; 0 on success.  Zero is not a UID. */
static int
uidlist_num(const char **pp, const char *end, uint32_t *out)
{
	const char *p = *pp;
	uint64_t v = 0;

	if (p >= end || *p < '0' || *p > '9')
		return -1;
	for (; p < end && *p >= '0' && *p <= '9'; p++)
		if ((v = v * 10 + (uint64_t)(*p - '0')) > UINT32_MAX)
			return -1;
	*pp = p;
	*out = (uint32_t)v;
	return 0;
}

static char *
uidlist_strndup(const char *p, size_t n)
{
	char *s = malloc(n + 1);

	if (s) {
		memcpy(s, p, n);
		s[n] = '\0';
	}
	return s;
}

int
uidlist_add(struct uidlist *ul, uint32_t uid, const char *name,
    const char *ext)
{
	struct uidlist_rec *r;
	const char *colon = strchr(name, ':');

	if (uid == 0 || (ul->count && uid <= ul->recs[ul->count - 1].uid) ||
	    *name == '\0' || strlen(name) > MDNAME_MAX) {
		errno = EINVAL;
		return -1;
	}
	if (ul->count == ul->cap) {
		size_t ncap = ul->cap ? ul->cap * 2 : 64;
		void *n = reallocarray(ul->recs, ncap, sizeof *ul->recs);
		if (n == NULL)
			return -1;
		ul->recs = n;
		ul->cap = ncap;
	}
	r = &ul->recs[ul->count];
	r->uid = uid;
	r->baselen = colon ? (size_t)(colon - name) : strlen(name);
	r->name = strdup(name);
	r->ext = ext && *ext ? strdup(ext) : NULL;
	if (r->name == NULL || (ext && *ext && r->ext == NULL)) {
		free(r->name);
		free(r->ext);
		return -1;
	}
	ul->count++;
	if (uid >= ul->uidnext)
		ul->uidnext = uid + 1;
	return 0;
}

/* One header field of v3: "V123", "N45", "G..."; others are kept. */
static int
uidlist_header_field(struct uidlist *ul, const char *p, size_t n,
    struct str *extra)
{
	const char *q = p + 1, *end = p + n;
	uint32_t v;

	switch (*p) {
	case 'V':
		if (uidlist_num(&q, end, &v) < 0 || q != end)
			return -1;
		ul->uidvalidity = v;
		return 0;
	case 'N':
		if (uidlist_num(&q, end, &v) < 0 || q != end)
			return -1;
		ul->uidnext = v ? v : 1;
		return 0;
	case 'G':
		if (n - 1 < sizeof ul->guid) {
			memcpy(ul->guid, p + 1, n - 1);
			ul->guid[n - 1] = '\0';
		}
		return 0;
	default:
		if (extra->len && str_appendc(extra, ' ') < 0)
			return -1;
		return str_append(extra, p, n);
	}
}

static int
uidlist_header_v3(struct uidlist *ul, const char *p, const char *end)
{
	struct str extra = STR_INIT(4096);
	int rc = 0;

	while (rc == 0 && p < end) {
		const char *sp = memchr(p, ' ', (size_t)(end - p));
		const char *fe = sp ? sp : end;
		if (fe > p)
			rc = uidlist_header_field(ul, p, (size_t)(fe - p),
			    &extra);
		p = sp ? sp + 1 : end;
	}
	if (rc == 0 && extra.len)
		ul->hdr_extra = uidlist_strndup(extra.s, extra.len);
	str_free(&extra);
	if (rc == 0 && ul->uidvalidity == 0)
		rc = -1;
	return rc;
}

static int
uidlist_header(struct uidlist *ul, const char *p, const char *end)
{
	uint32_t v;

	if (uidlist_num(&p, end, &ul->version) < 0 || p == end || *p++ != ' ')
		return -1;
	if (ul->version == 3)
		return uidlist_header_v3(ul, p, end);
	if (ul->version != 1 && ul->version != 2)
		return -1;
	/* "1 <uidvalidity> <uidnext>" (Courier, old Dovecot). */
	if (uidlist_num(&p, end, &ul->uidvalidity) < 0 || p == end ||
	    *p++ != ' ' || uidlist_num(&p, end, &v) < 0 ||
	    ul->uidvalidity == 0)
		return -1;
	ul->uidnext = v ? v : 1;
	return 0;
}

/* "<uid> [ext ...] :<name>" (v3) or "<uid> <name>" (v1). */
static int
uidlist_line(struct uidlist *ul, const char *p, const char *end)
{
	const char *sp, *name;
	char *ext = NULL, *fname;
	uint32_t uid;
	int rc;

	if (uidlist_num(&p, end, &uid) < 0 || p == end || *p++ != ' ')
		return -1;
	if (ul->version == 3) {
		for (sp = p; sp < end && !(*sp == ':' && (sp == p ||
		    sp[-1] == ' ')); sp++)
			;
		if (sp == end)
			return -1;
		name = sp + 1;
		if (sp > p && (ext = uidlist_strndup(p, (size_t)(sp - 1 - p)))
		    == NULL)
			return -1;
	} else
		name = p;
	if ((fname = uidlist_strndup(name, (size_t)(end - name))) == NULL) {
		free(ext);
		return -1;
	}
	rc = uidlist_add(ul, uid, fname, ext);
	free(fname);
	free(ext);
	return rc;
}

int
uidlist_parse(struct uidlist *ul, const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len, *nl;
	uint32_t hdrnext;

	uidlist_free(ul);
	if ((nl = memchr(p, '\n', len)) == NULL ||
	    uidlist_header(ul, p, nl) < 0) {
		uidlist_free(ul);
		errno = EINVAL;
		return -1;
	}
	hdrnext = ul->uidnext;
	/* A last line without '\n' is a record still being appended. */
	for (p = nl + 1; p < end && (nl = memchr(p, '\n',
	    (size_t)(end - p))) != NULL; p = nl + 1) {
		if (nl == p)
			continue;
		if (uidlist_line(ul, p, nl) < 0) {
			if (errno == ENOMEM)
				return -1;
			ul->skipped++;
		}
	}
	if (hdrnext > ul->uidnext)
		ul->uidnext = hdrnext;
	return 0;
}

long long
uidlist_ext_num(const struct uidlist_rec *r, char key)
{
	const char *p = r->ext;
	long long v;

	while (p && *p) {
		if (*p == key && p[1] >= '0' && p[1] <= '9') {
			v = 0;
			for (p++; *p >= '0' && *p <= '9'; p++)
				if ((v = v * 10 + (*p - '0')) > (1LL << 50))
					return -1;
			return *p == '\0' || *p == ' ' ? v : -1;
		}
		p = strchr(p, ' ');
		p = p ? p + 1 : NULL;
	}
	return -1;
}

int
uidlist_format_header(const struct uidlist *ul, struct str *out)
{
	if (str_printf(out, "3 V%lu N%lu", (unsigned long)ul->uidvalidity,
	    (unsigned long)ul->uidnext) < 0)
		return -1;
	if (ul->guid[0] && str_printf(out, " G%s", ul->guid) < 0)
		return -1;
	if (ul->hdr_extra && str_printf(out, " %s", ul->hdr_extra) < 0)
		return -1;
	return str_appendc(out, '\n');
}

int
uidlist_format_rec(const struct uidlist_rec *r, struct str *out)
{
	return str_printf(out, "%lu%s%s :%s\n", (unsigned long)r->uid,
	    r->ext ? " " : "", r->ext ? r->ext : "", r->name);
}

int
uidlist_format(const struct uidlist *ul, struct str *out)
{
	if (uidlist_format_header(ul, out) < 0)
		return -1;
	for (size_t i = 0; i < ul->count; i++)
		if (uidlist_format_rec(&ul->recs[i], out) < 0)
			return -1;
	return 0;
}
