/*
 * cmd-fetch.c: FETCH and UID FETCH (RFC 3501 6.4.5, 7.4.2).  Items are
 * parsed once into a plan, then every message of the set is answered in
 * one "* n FETCH (...)" line; body data is streamed from the mapped file
 * with LF turned into CRLF (section.h).  Non-PEEK body items set \Seen
 * (not in a read-only mailbox) and the new FLAGS go into the same reply.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "bodystructure.h"
#include "commands.h"
#include "envelope.h"
#include "fetchcache.h"
#include "imapstr.h"
#include "log.h"
#include "mdname.h"
#include "msgfile.h"
#include "msgset.h"
#include "section.h"

#define FETCH_SECTIONS_MAX 32

enum {
	FI_UID = 1 << 0, FI_FLAGS = 1 << 1, FI_INTERNALDATE = 1 << 2,
	FI_SIZE = 1 << 3, FI_ENVELOPE = 1 << 4, FI_BODY = 1 << 5,
	FI_BODYSTRUCTURE = 1 << 6, FI_RFC822 = 1 << 7,
	FI_RFC822_HEADER = 1 << 8, FI_RFC822_TEXT = 1 << 9,
};

struct fetch_plan {
	unsigned items;
	int sets_seen;		/* some item sets \Seen */
	int needs_file;
	size_t nsec;
	struct section sec[FETCH_SECTIONS_MAX];
};

static const struct {
	const char *name;
	unsigned items;
} simple[] = {
	{ "UID", FI_UID }, { "FLAGS", FI_FLAGS },
	{ "INTERNALDATE", FI_INTERNALDATE }, { "RFC822.SIZE", FI_SIZE },
	{ "ENVELOPE", FI_ENVELOPE }, { "BODY", FI_BODY },
	{ "BODYSTRUCTURE", FI_BODYSTRUCTURE }, { "RFC822", FI_RFC822 },
	{ "RFC822.HEADER", FI_RFC822_HEADER },
	{ "RFC822.TEXT", FI_RFC822_TEXT },
	{ "ALL", FI_FLAGS | FI_INTERNALDATE | FI_SIZE | FI_ENVELOPE },
	{ "FAST", FI_FLAGS | FI_INTERNALDATE | FI_SIZE },
	{ "FULL", FI_FLAGS | FI_INTERNALDATE | FI_SIZE | FI_ENVELOPE |
	    FI_BODY },
};

static int
plan_item(struct fetch_plan *p, const struct imap_arg *a, int macros)
{
	if (a->type != IMAP_ARG_ATOM)
		return -1;
	for (size_t i = 0; i < sizeof simple / sizeof simple[0]; i++)
		if (strcasecmp(a->s, simple[i].name) == 0) {
			if (!macros && i >= 10)
				return -1;
			p->items |= simple[i].items;
			return 0;
		}
	if (p->nsec >= FETCH_SECTIONS_MAX)
		return -1;
	section_init(&p->sec[p->nsec]);
	if (section_parse(&p->sec[p->nsec], a->s) < 0) {
		section_free(&p->sec[p->nsec]);
		return -1;
	}
	if (!p->sec[p->nsec].peek)
		p->sets_seen = 1;
	p->nsec++;
	return 0;
}

static void
plan_free(struct fetch_plan *p)
{
	for (size_t i = 0; i < p->nsec; i++)
		section_free(&p->sec[i]);
	p->nsec = 0;
}

static int
plan_parse(struct fetch_plan *p, const struct imap_arg *a, int uid)
{
	memset(p, 0, sizeof *p);
	if (a == NULL || a->next != NULL)
		return -1;
	if (a->type == IMAP_ARG_LIST) {
		if (a->child == NULL)
			return -1;
		for (a = a->child; a != NULL; a = a->next)
			if (plan_item(p, a, 0) < 0)
				return -1;
	} else if (plan_item(p, a, 1) < 0)
		return -1;
	if (uid)
		p->items |= FI_UID;
	if (p->items & (FI_RFC822 | FI_RFC822_TEXT))
		p->sets_seen = 1;
	/* ENVELOPE and BODY[STRUCTURE] may come from the cache instead */
	p->needs_file = p->nsec > 0 || (p->items & (FI_RFC822 |
	    FI_RFC822_HEADER | FI_RFC822_TEXT));
	return 0;
}

struct out_ctx {
	struct session *s;
};

/* Items are separated by one space: none before the first. */
static int
item_sep(struct session *s, int *first)
{
	if (*first) {
		*first = 0;
		return 0;
	}
	return io_write(&s->out, " ", 1);
}

/*
 * Message bytes into a literal.  A literal holds CHAR8, which excludes
 * NUL (RFC 3501 9), so a NUL goes out as 0x80, as Dovecot sends it: the
 * size stays what RFC822.SIZE and BODYSTRUCTURE said.
 */
static int
put_io(void *ctx, const char *p, size_t n)
{
	return io_write(ctx, p, n);
}

static int
put_out(void *ctx, const char *p, size_t n)
{
	return imap_put_nonul(p, n, "\x80", 1, put_io,
	    &((struct out_ctx *)ctx)->s->out);
}

/* name {n}\r\n<data in CRLF form, window voff+vlen> */
static int
put_literal(struct session *s, int *first, const char *name, const char *raw,
    size_t rawlen, size_t vsize, uint64_t voff, uint64_t vlen)
{
	struct out_ctx ctx = { s };
	uint64_t n = voff >= vsize ? 0 : vsize - voff;

	if (n > vlen)
		n = vlen;
	if (item_sep(s, first) < 0 || io_printf(&s->out, "%s {%llu}\r\n", name,
	    (unsigned long long)n) < 0)
		return -1;
	return crlf_emit(raw, rawlen, voff, n, put_out, &ctx);
}

static int
put_section(struct session *s, int *first, struct msgfile *mf,
    const struct section *sec)
{
	struct section_data d;
	char name[600];
	int r;

	if (msgfile_mime(mf) < 0 || section_resolve(sec, &mf->mime, &d) < 0)
		return -1;
	if (sec->partial)
		snprintf(name, sizeof name, "BODY[%s]<%llu>", sec->text,
		    (unsigned long long)sec->origin);
	else
		snprintf(name, sizeof name, "BODY[%s]", sec->text);
	if (d.missing)
		r = item_sep(s, first) < 0 ? -1 :
		    io_printf(&s->out, "%s NIL", name);
	else
		r = put_literal(s, first, name, d.raw, d.rawlen, d.vsize,
		    sec->partial ? sec->origin : 0,
		    sec->partial ? sec->count : UINT64_MAX);
	section_data_free(&d);
	return r;
}

static int
put_structure(struct session *s, int *first, struct msgfile *mf, size_t i,
    unsigned item)
{
	struct str o = STR_INIT(LIM_IMAP_COMMAND * 16);
	int r, kind = item == FI_ENVELOPE ? FC_ENVELOPE : item == FI_BODY ?
	    FC_BODY : FC_BODYSTRUCTURE;
	size_t start;

	r = str_appends(&o, kind == FC_BODYSTRUCTURE ? "BODYSTRUCTURE " :
	    kind == FC_BODY ? "BODY " : "ENVELOPE ");
	start = o.len;
	if (r == 0 && fetchcache_get(s, i, kind, &o) == 0) {
		if (mf->data == NULL)	/* cached a moment ago, not now */
			r = -1;
		else if (kind == FC_ENVELOPE)
			r = envelope_write(&o, mf->data, mf->hdrlen);
		else if ((r = msgfile_mime(mf)) == 0)
			r = bodystructure_write(&o, &mf->mime, 0,
			    kind == FC_BODYSTRUCTURE);
		if (r == 0)
			fetchcache_put(s, i, kind, o.s + start, o.len - start);
	}
	if (r == 0)
		r = item_sep(s, first) < 0 ? -1 : io_write(&s->out, o.s, o.len);
	str_free(&o);
	return r;
}

static int
put_rfc822(struct session *s, int *first, struct msgfile *mf,
    unsigned items)
{
	size_t hv = mime_vsize(mf->data, mf->hdrlen, NULL);
	size_t bv = mime_vsize(mf->data + mf->hdrlen, mf->len - mf->hdrlen,
	    NULL);

	if (items & FI_RFC822_HEADER && put_literal(s, first, "RFC822.HEADER",
	    mf->data, mf->hdrlen, hv, 0, UINT64_MAX) < 0)
		return -1;
	if (items & FI_RFC822_TEXT && put_literal(s, first, "RFC822.TEXT",
	    mf->data + mf->hdrlen, mf->len - mf->hdrlen, bv, 0,
	    UINT64_MAX) < 0)
		return -1;
	if (items & FI_RFC822 && put_literal(s, first, "RFC822", mf->data, mf->len,
	    hv + bv, 0, UINT64_MAX) < 0)
		return -1;
	return 0;
}

static int
put_simple(struct session *s, int *first, size_t i, unsigned items)
{
	static struct str o = STR_INIT(8192);	/* reused: one per message */
	struct view *v = s->sel.v;
	const struct view_msg *m = &v->msgs[i];
	int r = 0;

	str_truncate(&o, 0);
	if (items & FI_UID)
		r = str_append(&o, " UID ", 5) < 0 ? -1 :
		    imap_put_number(&o, m->uid);
	if (r == 0 && items & FI_FLAGS)
		r = str_appends(&o, " FLAGS ") < 0 ? -1 :
		    session_put_flags(s, i, &o);
	if (r == 0 && items & FI_INTERNALDATE) {
		char date[64];
		struct tm tm;
		long off;

		localtime_r(&m->internaldate, &tm);
		off = tm.tm_gmtoff / 60;
		strftime(date, sizeof date, "%d-%b-%Y %H:%M:%S", &tm);
		r = str_printf(&o, " INTERNALDATE \"%s %c%02ld%02ld\"", date,
		    off < 0 ? '-' : '+', (off < 0 ? -off : off) / 60,
		    (off < 0 ? -off : off) % 60);
	}
	/* fetch_one has made view_vsize find the size (or skipped i). */
	if (r == 0 && items & FI_SIZE)
		r = str_printf(&o, " RFC822.SIZE %lld", m->vsize);
	if (r == 0 && o.len > 0) {
		r = io_write(&s->out, o.s + 1, o.len - 1);
		*first = 0;
	}
	return r;
}

/* "* <n> FETCH (" without printf: this runs once per message */
static int
put_start(struct session *s, size_t i)
{
	static struct str o = STR_INIT(64);

	str_truncate(&o, 0);
	if (str_append(&o, "* ", 2) < 0 || imap_put_number(&o, i + 1) < 0 ||
	    str_append(&o, " FETCH (", 8) < 0)
		return -1;
	return io_write(&s->out, o.s, o.len);
}

/* Set \Seen before answering, so FLAGS in this reply shows it. */
static unsigned
mark_seen(struct session *s, const struct fetch_plan *p, size_t i)
{
	struct view_msg *m = &s->sel.v->msgs[i];

	if (!p->sets_seen || s->sel.readonly || (m->flags & MDF_SEEN))
		return 0;
	if (view_set_flags(s->sel.v, i, m->flags | MDF_SEEN, m->keywords) < 0)
		return 0;
	return FI_FLAGS;
}

/*
 * Will this FETCH set \Seen on some message?  Then it runs under one
 * dovecot-uidlist.lock (the renames), taken before the first response.
 */
static int
needs_lock(struct session *s, const struct fetch_plan *p,
    const struct seqset *set)
{
	if (!p->sets_seen || s->sel.readonly)
		return 0;
	for (size_t i = 0; i < s->sel.known_exists; i++)
		if (!(s->sel.v->msgs[i].flags & MDF_SEEN) &&
		    !s->sel.v->msgs[i].expunged &&
		    msgset_has(s, set, s->uid, i))
			return 1;
	return 0;
}

static int
fetch_one(struct session *s, const struct fetch_plan *p, size_t i,
    int *gone)
{
	unsigned items = p->items;
	struct msgfile mf;
	int r = 0, first = 1, need = p->needs_file;

	memset(&mf, 0, sizeof mf);
	mf.fd = -1;
	for (unsigned it = FI_ENVELOPE, k = 0; !need && it <= FI_BODYSTRUCTURE;
	    it <<= 1, k++)
		need = (items & it) && !fetchcache_has(s, i, (int)k);
	if (need && msgfile_open(&mf, s->sel.v, i) < 0) {
		if (errno != ENOENT) {
			log_warn("fetch-open", "folder=%s uid=%u errno=%d",
			    log_esc(s->sel.name), s->sel.v->msgs[i].uid, errno);
			*gone = -1;	/* NO [SERVERBUG] at the end */
			return 0;
		}
		if (*gone == 0)
			*gone = 1;	/* RFC 5530 EXPUNGEISSUED, at the end */
		return 0;
	}
	/* RFC822.SIZE may need the file too: a vanished one is skipped
	 * like any other, never answered with a size of -1. */
	if ((items & FI_SIZE) && view_vsize(s->sel.v, i) < 0) {
		if (need)
			msgfile_close(&mf);
		if (errno != ENOENT) {
			log_warn("fetch-size", "folder=%s uid=%u errno=%d",
			    log_esc(s->sel.name), s->sel.v->msgs[i].uid, errno);
			*gone = -1;
		} else if (*gone == 0)
			*gone = 1;
		return 0;
	}
	items |= mark_seen(s, p, i);
	if (put_start(s, i) < 0 || put_simple(s, &first, i, items) < 0)
		r = -1;
	for (unsigned it = FI_ENVELOPE; r == 0 && it <= FI_BODYSTRUCTURE;
	    it <<= 1)
		if (items & it)
			r = put_structure(s, &first, &mf, i, it);
	if (r == 0 && p->needs_file)
		r = put_rfc822(s, &first, &mf, items);
	for (size_t k = 0; r == 0 && k < p->nsec; k++)
		r = put_section(s, &first, &mf, &p->sec[k]);
	if (r == 0)
		r = io_puts(&s->out, ")\r\n");
	if (need)
		msgfile_close(&mf);
	return r;
}

int
cmd_fetch(struct session *s, const struct imap_arg *a, struct command *c,
    struct result *res)
{
	static struct fetch_plan plan;
	struct seqset set;
	const char *why;
	int gone = 0, r = 0, locked;

	(void)c;
	if (msgset_parse(s, a, s->uid, &set, &why) < 0)
		return done(res, "BAD", "%s", why);
	if (plan_parse(&plan, a->next, s->uid) < 0) {
		plan_free(&plan);
		seqset_free(&set);
		return done(res, "BAD", "Invalid fetch items");
	}
	s->fetches++;
	if ((locked = needs_lock(s, &plan, &set)) && session_lock(s, res) < 0) {
		plan_free(&plan);
		seqset_free(&set);
		return 0;	/* NO [INUSE], nothing sent */
	}
	for (size_t i = 0; r == 0 && i < s->sel.known_exists; i++)
		if (msgset_has(s, &set, s->uid, i))
			r = fetch_one(s, &plan, i, &gone);
	if (locked)
		session_unlock(s);
	plan_free(&plan);
	seqset_free(&set);
	if (r < 0)
		return -1;
	if (gone < 0)
		return done(res, "NO", "[SERVERBUG] Some messages could not be "
		    "read.");
	/* The others were sent: OK, with the code (RFC 5530), as Dovecot. */
	if (gone)
		return done(res, "OK", "[EXPUNGEISSUED] Some messages were "
		    "already expunged.");
	return done(res, "OK", "Fetch completed.");
}
