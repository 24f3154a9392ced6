/*
 * cmd-store.c: STORE and UID STORE (RFC 3501 6.4.6): FLAGS, +FLAGS,
 * -FLAGS, each optionally .SILENT, with system flags and keywords.
 * The library renames the message file (view_set_flags); a message
 * another session expunged meanwhile is skipped and reported with
 * OK [EXPUNGEISSUED] (RFC 5530) after the others are done.  The whole
 * range runs under one dovecot-uidlist.lock (session_lock); when another
 * process holds it past the library's wait the answer is NO [INUSE] and
 * nothing has changed.
 */
#include <errno.h>
#include <string.h>
#include <strings.h>

#include "commands.h"
#include "flags.h"
#include "msgset.h"

struct store_op {
	int mode;		/* 0 replace, 1 add, -1 remove */
	int silent;
	unsigned flags;
	uint32_t kw;
};

static int
parse_op(const struct imap_arg *a, struct store_op *op)
{
	const char *p;

	if (a == NULL || a->type != IMAP_ARG_ATOM)
		return -1;
	p = a->s;
	op->mode = *p == '+' ? 1 : *p == '-' ? -1 : 0;
	if (op->mode != 0)
		p++;
	if (strcasecmp(p, "FLAGS.SILENT") == 0)
		op->silent = 1;
	else if (strcasecmp(p, "FLAGS") == 0)
		op->silent = 0;
	else
		return -1;
	return 0;
}

static int
store_one(struct session *s, const struct store_op *op, size_t i,
    int *gone)
{
	struct view_msg *m = &s->sel.v->msgs[i];
	unsigned nf = m->flags;
	uint32_t nk = m->keywords;
	struct str o = STR_INIT(8192);
	int r = 0;

	if (op->mode == 0) {
		nf = (m->flags & ~FLAGS_IMAP_MASK) | op->flags;
		nk = op->kw;
	} else if (op->mode > 0) {
		nf |= op->flags;
		nk |= op->kw;
	} else {
		nf &= ~op->flags;
		nk &= ~op->kw;
	}
	if ((nf != m->flags || nk != m->keywords) &&
	    view_set_flags(s->sel.v, i, nf, nk) < 0) {
		if (errno != ENOENT)
			return -1;
		*gone = 1;
		return 0;
	}
	if (op->silent)
		return 0;
	if (s->uid)
		r = str_printf(&o, "UID %u ", s->sel.v->msgs[i].uid);
	if (r == 0 && str_appends(&o, "FLAGS ") == 0 &&
	    session_put_flags(s, i, &o) == 0)
		r = untagged(s, "%zu FETCH (%s)", i + 1, o.s);
	str_free(&o);
	return r;
}

/*
 * Others' flag changes waiting to be announced for messages this STORE
 * has just answered with their flags: already told, not again.
 */
static void
pending_forget(struct session *s, const struct seqset *set)
{
	struct selected *sel = &s->sel;
	size_t n = 0;

	if (sel->pending_all)
		return;
	for (size_t j = 0; j < sel->npending; j++) {
		long i = view_find(sel->v, sel->pending[j]);

		if (i < 0 || (size_t)i >= sel->known_exists ||
		    !msgset_has(s, set, s->uid, (size_t)i))
			sel->pending[n++] = sel->pending[j];
	}
	sel->npending = n;
}

int
cmd_store(struct session *s, const struct imap_arg *a, struct command *c,
    struct result *res)
{
	struct store_op op;
	struct seqset set;
	const char *why;
	int gone = 0, r = 0, e;

	(void)c;
	if (msgset_parse(s, a, s->uid, &set, &why) < 0)
		return done(res, "BAD", "%s", why);
	if (parse_op(a->next, &op) < 0) {
		seqset_free(&set);
		return done(res, "BAD", "Invalid STORE item");
	}
	if (flags_parse(s->sel.v, a->next->next, !s->sel.readonly, &op.flags,
	    &op.kw, &why) < 0) {
		seqset_free(&set);
		return done(res, why[0] == '[' ? "NO" : "BAD", "%s", why);
	}
	if (s->sel.readonly) {
		seqset_free(&set);
		return done(res, "NO", "[READ-ONLY] Mailbox is read-only.");
	}
	/* one lock for the whole range, before anything is said */
	if (session_lock(s, res) < 0) {
		seqset_free(&set);
		return 0;
	}
	if (session_flags_sync(s) < 0)
		r = -1;
	for (size_t i = 0; r == 0 && i < s->sel.known_exists; i++) {
		if (!msgset_has(s, &set, s->uid, i))
			continue;
		if (s->sel.v->msgs[i].expunged)
			gone = 1;	/* not told yet: skipped */
		else
			r = store_one(s, &op, i, &gone);
	}
	e = errno;
	session_unlock(s);
	if (r == 0 && !op.silent)
		pending_forget(s, &set);
	seqset_free(&set);
	if (r < 0 && e == EAGAIN)	/* the lock was lost and not retaken */
		return done(res, "NO", "[INUSE] Mailbox is locked by another "
		    "process, try again later.");
	if (r < 0)
		return done(res, "NO", "[SERVERBUG] Store failed.");
	if (gone)
		return done(res, "OK", "[EXPUNGEISSUED] Some messages were "
		    "already expunged.");
	return done(res, "OK", "Store completed.");
}
