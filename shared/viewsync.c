/*
 * viewsync.c: bring a view in step with the disk.
 *
 * A pass stats new/ and cur/ and reads only the directories whose mtime
 * changed (or that were changed too recently to trust the mtime: the
 * clock tick may hide a later change).  Files already in the view are
 * matched by base name; a message that seems gone is looked for once
 * more, because readdir may miss a file another process renames meanwhile
 * (Dovecot's maildir docs, "Locking").  Files without a UID, and files
 * still missing, send the pass round again under dovecot-uidlist.lock,
 * which every process holds while it renames or unlinks in new/ and cur/
 * (viewhold.c): there a missing file is really gone, and every file
 * another process gave a UID is visible, so new UIDs are assigned in
 * order and appended at the end of msgs[].
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dotlock.h"
#include "mdname.h"
#include "view_int.h"

#define VIEW_NEED_LOCK	1

struct view_match {
	long *idx;		/* per entry: msgs[] index, -1 new, -2 dup */
	unsigned char *seen;	/* per message */
	size_t nunknown;
	size_t nmissing;
};

static void
view_match_free(struct view_match *m)
{
	free(m->idx);
	free(m->seen);
	memset(m, 0, sizeof *m);
}

static int
view_push(uint32_t **arr, size_t *n, uint32_t uid)
{
	void *p = reallocarray(*arr, *n + 1, sizeof **arr);

	if (p == NULL)
		return -1;
	*arr = p;
	(*arr)[(*n)++] = uid;
	return 0;
}

static int
view_match(struct view *v, const struct view_ents *es, const int need[2],
    struct view_match *m)
{
	m->idx = calloc(es->n + 1, sizeof *m->idx);
	m->seen = calloc(v->count + 1, 1);
	if (m->idx == NULL || m->seen == NULL)
		return -1;
	for (size_t j = 0; j < es->n; j++) {
		long i = basemap_get(view_map(v), es->e[j].name,
		    es->e[j].baselen);
		if (i >= 0 && m->seen[i])
			m->idx[j] = -2;	/* same base twice: ignore */
		else if (i >= 0 && !v->msgs[i].expunged) {
			m->seen[i] = 1;
			m->idx[j] = i;
		} else {
			m->idx[j] = -1;
			m->nunknown++;
		}
	}
	for (size_t i = 0; i < v->count; i++)
		if (!v->msgs[i].expunged && !m->seen[i] &&
		    need[v->msgs[i].in_new ? VD_NEW : VD_CUR])
			m->nmissing++;
	return 0;
}

/* A known message's file now has this name: take flags from it. */
static int
view_update(struct view *v, size_t i, struct view_ent *e,
    struct view_changes *ch)
{
	struct view_msg *msg = &v->msgs[i];
	struct mdname mn;

	msg->in_new = e->in_new != 0;
	if (strcmp(msg->name, e->name) == 0)
		return 0;
	(void)mdname_parse(e->name, &mn);	/* parsed once at scan */
	view_name_free(v, msg->name);
	msg->name = e->name;
	e->name = NULL;
	v->in->cache_dirty = 1;
	if (mn.flags == msg->flags && mn.keywords == msg->keywords)
		return 0;
	msg->flags = mn.flags;
	msg->keywords = mn.keywords;
	return ch ? view_push(&ch->changed, &ch->nchanged, msg->uid) : 0;
}

static int
view_apply(struct view *v, struct view_ents *es, struct view_match *m,
    const int need[2], struct view_changes *ch)
{
	for (size_t j = 0; j < es->n; j++)
		if (m->idx[j] >= 0 &&
		    view_update(v, (size_t)m->idx[j], &es->e[j], ch) < 0)
			return -1;
	for (size_t i = 0; i < v->count; i++) {
		struct view_msg *msg = &v->msgs[i];
		if (msg->expunged || m->seen[i] ||
		    !need[msg->in_new ? VD_NEW : VD_CUR])
			continue;
		msg->expunged = 1;
		v->in->cache_dirty = 1;
		if (ch && view_push(&ch->expunged, &ch->nexpunged, msg->uid) < 0)
			return -1;
	}
	return 0;
}

static int
view_ts_eq(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec == b->tv_sec && a->tv_nsec == b->tv_nsec;
}

/* Scan until no message seems missing, or twice; fills es, m, st. */
static int
view_scan_match(struct view *v, int locked, int need[2], struct stat st[2],
    struct view_ents *es, struct view_match *m)
{
	for (int attempt = 0; attempt < 2; attempt++) {
		if (view_stat_dirs(v, st) < 0)
			return -1;
		for (unsigned d = 0; d < 2; d++)
			need[d] |= v->in->dirty[d] ||
			    !view_ts_eq(&st[d].st_mtim, &v->in->mt[d]);
		if (!need[0] && !need[1] && !locked)
			return 0;
		view_ents_free(es);
		view_match_free(m);
		for (unsigned d = 0; d < 2; d++)
			if (need[d] && view_scan_dir(v, d, es) < 0)
				return -1;
		if (view_match(v, es, need, m) < 0)
			return -1;
		if (m->nmissing == 0)
			break;
	}
	return 0;
}

static int
view_pass(struct view *v, struct view_changes *ch, int locked,
    struct dotlock *dl)
{
	struct view_ents es = { 0 };
	struct view_match m = { 0 };
	struct stat st[2];
	int need[2] = { 0, 0 }, rc;
	time_t now = time(NULL);

	rc = view_scan_match(v, locked, need, st, &es, &m);
	if (rc == 0 && !need[0] && !need[1] && !locked)
		goto out;
	/*
	 * A file seems gone, or is new: decide under the lock.  Everyone who
	 * renames holds it, so a locked scan misses nothing; an unlocked one
	 * may skip a file renamed meanwhile, and calling that expunged would
	 * give it a new UID when it is seen again (Dovecot's "Expunged
	 * message reappeared").
	 */
	if (rc == 0 && (m.nunknown || m.nmissing) && !locked) {
		rc = VIEW_NEED_LOCK;
		goto out;
	}
	if (rc == 0)
		rc = view_apply(v, &es, &m, need, ch);
	if (rc == 0 && locked)
		rc = view_assign(v, &es, m.idx, ch, dl);
	for (unsigned d = 0; rc == 0 && d < 2; d++) {
		if (!need[d])
			continue;
		v->in->mt[d] = st[d].st_mtim;
		v->in->dirty[d] = now - st[d].st_mtim.tv_sec <= 1;
		v->in->cache_dirty = 1;
	}
	if (rc == 0 && v->in->deferred) {	/* see view_assign_defer */
		v->in->dirty[0] = v->in->dirty[1] = 1;
		v->in->deferred = 0;
	}
out:
	view_ents_free(&es);
	view_match_free(&m);
	return rc;
}

int
view_msg_fill_name(struct view_msg *msg, char *name, unsigned in_new)
{
	struct mdname mn;

	memset(msg, 0, sizeof *msg);
	if (mdname_parse(name, &mn) < 0)
		return -1;
	msg->name = name;
	msg->baselen = (unsigned)mn.baselen & 0xffffu;	/* <= MDNAME_MAX */
	msg->flags = mn.flags;
	msg->keywords = mn.keywords;
	msg->in_new = in_new != 0;
	msg->size = mn.size;
	msg->vsize = mn.vsize;
	return 0;
}

int
view_msg_fill(struct view *v, struct view_msg *msg, char *name,
    unsigned in_new)
{
	char path[LIM_PATH];
	struct stat st;

	if (view_msg_fill_name(msg, name, in_new) < 0)
		return -1;
	if (view_path_in(v, in_new ? VD_NEW : VD_CUR, name, path,
	    sizeof path) == 0 && stat(path, &st) == 0) {
		msg->internaldate = st.st_mtime;
		msg->size = st.st_size;	/* the truth beats S= */
	} else if (msg->size < 0)
		msg->size = 0;	/* vanished meanwhile: next refresh */
	/* W= is plausible only if every added CR fits: size <= W <= 2 size. */
	if (msg->vsize < msg->size || msg->vsize > 2 * msg->size)
		msg->vsize = -1;
	return 0;
}

/* The uidlist changed under us: did the folder get a new UIDVALIDITY? */
static int
view_check_uidlist(struct view *v, struct view_changes *ch)
{
	char path[LIM_PATH];
	struct stat st;
	uint32_t uv;

	if (view_uidlist_path(v, path, sizeof path) < 0)
		return -1;
	if (stat(path, &st) < 0 || (st.st_ino == v->in->ul_st.st_ino &&
	    st.st_size >= v->in->ul_st.st_size))
		return 0;	/* missing (recreated under lock) or appended */
	if (uidlist_read_uidvalidity(path, &uv) == 0 && v->uidvalidity &&
	    uv != v->uidvalidity && ch)
		ch->uidvalidity_changed = 1;
	v->in->ul_st = st;
	return 0;
}

/* new/ -> cur/ for the messages this sync found (Dovecot does it too). */
static void
view_move_new(struct view *v, size_t from)
{
	char src[LIM_PATH], dst[LIM_PATH], name[MDNAME_MAX + 1];
	int keep = v->in->flags & VIEW_KEEPNEW;

	for (size_t i = from; i < v->count; i++) {
		struct view_msg *msg = &v->msgs[i];
		char *nn;
		if (!msg->in_new || msg->expunged)
			continue;
		if (keep) {
			msg->recent = 1;
			continue;
		}
		if (mdname_with_flags(name, sizeof name, msg->name,
		    msg->baselen, msg->flags, msg->keywords) < 0 ||
		    view_path_in(v, VD_NEW, msg->name, src, sizeof src) < 0 ||
		    view_path_in(v, VD_CUR, name, dst, sizeof dst) < 0 ||
		    (nn = strdup(name)) == NULL)
			continue;
		if (rename(src, dst) < 0) {
			free(nn);	/* someone else moved it: rescan */
			v->in->dirty[VD_NEW] = v->in->dirty[VD_CUR] = 1;
			continue;
		}
		view_name_free(v, msg->name);
		msg->name = nn;
		msg->in_new = 0;
		msg->recent = 1;
	}
}

static int
view_take_pending(struct view *v, struct view_changes *ch)
{
	if (ch) {
		memset(ch, 0, sizeof *ch);
		ch->expunged = v->in->pend;
		ch->nexpunged = v->in->npend;
	} else
		free(v->in->pend);
	v->in->pend = NULL;
	v->in->npend = 0;
	return 0;
}

/* Does the view hold files in new/ to move to cur/ (from index from)? */
static int
view_has_new(const struct view *v, size_t from)
{
	if (v->in->flags & VIEW_KEEPNEW)
		return 0;
	for (size_t i = from; i < v->count; i++)
		if (v->msgs[i].in_new && !v->msgs[i].expunged)
			return 1;
	return 0;
}

int
view_sync(struct view *v, struct view_changes *ch)
{
	size_t from = v->count;
	int rc, kwc = 0, held = 0;

	view_take_pending(v, ch);
	if (view_keywords_load(v, &kwc) < 0 || view_check_uidlist(v, ch) < 0)
		return -1;
	if (ch)
		ch->keywords_changed = kwc;
	rc = v->uidvalidity ? view_pass(v, ch, 0, NULL) : VIEW_NEED_LOCK;
	if (rc == VIEW_NEED_LOCK) {
		if (view_lock(v) < 0)
			return -1;
		held = 1;
		rc = view_pass(v, ch, 1, &v->in->lock);
	}
	/* The move is a rename in the folder: under the lock too. */
	if (rc == 0 && view_has_new(v, from) && (held ||
	    (rc = view_lock(v)) == 0)) {
		held = 1;
		rc = view_lock_renew(v);
		if (rc == 0)
			view_move_new(v, from);
	}
	if (held && view_unlock(v) < 0)
		rc = -1;
	if (rc == 0 && ch)
		ch->nnew = v->count - from;
	return rc;
}

int
view_refresh(struct view *v, struct view_changes *ch)
{
	return view_sync(v, ch);
}
