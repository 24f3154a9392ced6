/*
 * cmd-copy.c: COPY, MOVE (RFC 6851) and their UID forms, with UIDPLUS
 * COPYUID (RFC 4315).  Each message is delivered into the target as a
 * new file with the same flags, keywords (by name) and internal date.
 * MOVE then expunges the sources; the untagged "OK [COPYUID ...]" comes
 * before the EXPUNGE responses, as RFC 6851 3.3 requires.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "mdname.h"
#include "msgset.h"
#include "store-msg.h"

/* One message on its way: staged in the target's tmp/, then published. */
struct copy_item {
	struct delivery_staged st;
	uint32_t srcuid;
	unsigned flags;
	uint32_t kw;		/* in the target's keyword table */
	char *name;		/* in the target's cur/, once there */
};

struct copied {
	struct str src, dst;	/* UID lists for COPYUID */
	struct copy_item *it;
	size_t n;		/* staged */
	size_t published;
	struct stage_total total;
};

static enum store_err
copy_one(struct session *s, struct target *t, size_t i, struct copied *cp)
{
	struct view_msg *m = &s->sel.v->msgs[i];
	struct copy_item *it = &cp->it[cp->n];
	int fd = view_open_msg(s->sel.v, i);
	enum store_err e;

	if (fd < 0)
		return errno == ENOENT ? SE_EXPUNGED : SE_TEMP;
	e = target_stage(s, t, fd, NULL, 0, m->internaldate, &cp->total,
	    &it->st);
	close(fd);
	if (e != SE_OK)
		return e;
	it->srcuid = m->uid;
	it->flags = m->flags & ~(unsigned)MDF_PASSED;
	it->kw = target_keywords(t, s->sel.v, m->keywords);
	cp->total.bytes += it->st.size;
	cp->total.count++;
	cp->n++;
	return SE_OK;
}

/*
 * Every message is staged: make them all visible, and durable with one
 * fsync of cur/.  A failure (rare: a link refused) takes back those
 * already published.
 */
static enum store_err
copy_publish(struct session *s, struct target *t, struct copied *cp)
{
	enum store_err e = SE_OK;
	char name[MDNAME_MAX + 1];

	while (e == SE_OK && cp->published < cp->n) {
		struct copy_item *it = &cp->it[cp->published];
		e = target_publish(t, &it->st, it->flags, it->kw, name,
		    sizeof name);
		if (e == SE_OK && (it->name = strdup(name)) == NULL) {
			target_undo(t, name);
			e = SE_TEMP;
		}
		if (e == SE_OK)
			cp->published++;
	}
	if (e == SE_OK && cp->n > 0)
		e = target_commit(s, t, &cp->total);
	if (e != SE_OK)
		while (cp->published > 0)
			target_undo(t, cp->it[--cp->published].name);
	return e;
}

/* Whatever is still staged goes; the items are freed. */
static void
copy_cleanup(struct copied *cp)
{
	for (size_t k = 0; cp->it != NULL && k < cp->n; k++) {
		target_unstage(&cp->it[k].st);
		free(cp->it[k].name);
	}
	free(cp->it);
	str_free(&cp->src);
	str_free(&cp->dst);
}

/* A uid-set built run by run: "1:3,7" (RFC 4315 keeps the order). */
struct uid_runs {
	struct str *o;
	uint32_t first, last;	/* the open run; first == 0: none yet */
};

static void
runs_flush(struct uid_runs *r)
{
	if (r->first == 0)
		return;
	str_printf(r->o, r->o->len ? ",%u" : "%u", r->first);
	if (r->last != r->first)
		str_printf(r->o, ":%u", r->last);
}

static void
runs_add(struct uid_runs *r, uint32_t uid)
{
	if (r->first != 0 && uid == r->last + 1) {
		r->last = uid;
		return;
	}
	runs_flush(r);
	r->first = r->last = uid;
}

static void
copyuid_lists(struct session *s, struct target *t, struct copied *cp)
{
	struct uid_runs src = { &cp->src, 0, 0 }, dst = { &cp->dst, 0, 0 };

	target_refresh(s, t);	/* once: every copy gets its UID in it */
	for (size_t k = 0; k < cp->n; k++) {
		uint32_t uid = target_uid(t, cp->it[k].name);

		if (uid == 0) {	/* cannot tell: no COPYUID at all */
			str_truncate(&cp->src, 0);
			return;
		}
		runs_add(&src, cp->it[k].srcuid);
		runs_add(&dst, uid);
	}
	runs_flush(&src);
	runs_flush(&dst);
}

static int
copy_error(struct result *res, enum store_err e)
{
	if (e == SE_BADNAME)
		return done(res, "NO", "[CANNOT] Invalid mailbox name");
	if (e == SE_NOFOLDER)
		return done(res, "NO", "[TRYCREATE] Mailbox doesn't exist");
	if (e == SE_OVERQUOTA)
		return done(res, "NO", "[OVERQUOTA] Quota exceeded");
	if (e == SE_NOSPACE)
		return done(res, "NO", "[OVERQUOTA] Not enough disk space");
	/* As Dovecot: nothing is copied, the client learns of the expunge
	 * at its next NOOP and can try again (RFC 5530). */
	if (e == SE_EXPUNGED)
		return done(res, "NO", "[EXPUNGEISSUED] Some of the requested "
		    "messages no longer exist.");
	return done(res, "NO", "[UNAVAILABLE] Copy failed, try again later");
}

/*
 * Copy every message of set into t (and expunge them if move).  "If the
 * COPY command is unsuccessful for any reason, server implementations
 * MUST restore the destination mailbox to its state before the COPY
 * attempt" (RFC 3501 6.4.7): every message is first staged in the
 * target's tmp/ and only then are they all linked into cur/, so that a
 * copy that fails half way (a full disk, the quota), or a process killed
 * during it, leaves no message in the target (at most tmp/ files, swept
 * after 36 hours).
 */
static enum store_err
copy_set(struct session *s, const struct seqset *set, struct target *t,
    struct copied *cp, int move)
{
	enum store_err e = SE_OK;
	size_t i, n = 0;

	for (i = 0; i < s->sel.known_exists; i++)	/* size by the set */
		if (msgset_has(s, set, s->uid, i))
			n++;
	if ((cp->it = calloc(n + 1, sizeof *cp->it)) == NULL)
		return SE_TEMP;
	for (i = 0; e == SE_OK && i < s->sel.known_exists; i++)
		if (msgset_has(s, set, s->uid, i))
			e = copy_one(s, t, i, cp);
	if (e == SE_OK)
		e = copy_publish(s, t, cp);
	if (e != SE_OK)
		return e;
	if (cp->n > 0)
		copyuid_lists(s, t, cp);
	if (move)
		for (i = 0; i < s->sel.known_exists; i++)
			if (msgset_has(s, set, s->uid, i))
				view_expunge(s->sel.v, i);
	return e;
}

/* The tagged reply, with COPYUID (RFC 4315 3; RFC 6851 4.3 for MOVE). */
static void
copy_reply(struct session *s, const struct target *t,
    const struct copied *cp, enum store_err e, int move,
    struct result *res)
{
	if (e != SE_OK)
		copy_error(res, e);
	else if (cp->src.len > 0 && move) {
		untagged(s, "OK [COPYUID %u %s %s] Moved UIDs.",
		    t->v->uidvalidity, cp->src.s, cp->dst.s);
		done(res, "OK", "Move completed.");
	} else if (cp->src.len > 0)
		done(res, "OK", "[COPYUID %u %s %s] Copy completed.",
		    t->v->uidvalidity, cp->src.s, cp->dst.s);
	else
		done(res, "OK", "%s completed.", move ? "Move" : "Copy");
}

/*
 * MOVE holds the source's lock from before the first copy to after the
 * last expunge, so that if it is busy nothing has happened yet and no
 * message ends up in both folders (RFC 6851 3.3); reading the new UIDs
 * for COPYUID takes the target's lock inside it.  Two MOVEs in opposite
 * directions would each hold one lock and wait for the other, so both
 * are taken up front, always in the order of their paths.
 */
static int
move_lock(struct session *s, struct target *t, struct result *res)
{
	int target_first = strcmp(t->path, s->sel.path) < 0;

	if (t->v == s->sel.v)
		return session_lock(s, res);
	if (target_first && folder_lock(t->v, t->name, res) < 0)
		return -1;
	if (session_lock(s, res) < 0) {
		if (target_first)
			folder_unlock(t->v, t->name);
		return -1;
	}
	if (!target_first && folder_lock(t->v, t->name, res) < 0) {
		session_unlock(s);
		return -1;
	}
	return 0;
}

static void
move_unlock(struct session *s, struct target *t)
{
	session_unlock(s);
	if (t->v != s->sel.v)
		folder_unlock(t->v, t->name);
}

static int
copy_common(struct session *s, const struct imap_arg *a, struct result *res,
    int move)
{
	struct copied cp = { STR_INIT(1 << 24), STR_INIT(1 << 24), NULL, 0,
	    0, { 0, 0 } };
	struct seqset set;
	struct target t;
	const char *why, *name;
	enum store_err e;

	if (msgset_parse(s, a, s->uid, &set, &why) < 0)
		return done(res, "BAD", "%s", why);
	if ((name = arg_mailbox(a->next)) == NULL || a->next->next != NULL) {
		seqset_free(&set);
		return done(res, "BAD", "Invalid arguments");
	}
	if (move && s->sel.readonly) {
		seqset_free(&set);
		return done(res, "NO", "[READ-ONLY] Mailbox is read-only.");
	}
	if ((e = target_open(s, name, &t)) != SE_OK) {
		seqset_free(&set);
		return copy_error(res, e);
	}
	if (move && move_lock(s, &t, res) < 0) {
		target_close(&t);
		seqset_free(&set);
		return 0;
	}
	e = copy_set(s, &set, &t, &cp, move);
	if (move)
		move_unlock(s, &t);
	copy_reply(s, &t, &cp, e, move, res);
	target_close(&t);
	seqset_free(&set);
	copy_cleanup(&cp);
	return 0;
}

int
cmd_copy(struct session *s, const struct imap_arg *a, struct command *c,
    struct result *res)
{
	(void)c;
	return copy_common(s, a, res, 0);
}

int
cmd_move(struct session *s, const struct imap_arg *a, struct command *c,
    struct result *res)
{
	(void)c;
	return copy_common(s, a, res, 1);
}
