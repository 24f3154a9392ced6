/*
 * viewlock.c: the part of a sync that runs under dovecot-uidlist.lock:
 * read the uidlist (creating or importing it), give UIDs to the files
 * that have none, and append them (or rewrite the file through the lock
 * file when records must go), as Dovecot's maildir-uidlist.c does.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dotlock.h"
#include "file.h"
#include "log.h"
#include "view_int.h"

struct view_new {
	size_t ent;		/* index into the scan */
	uint32_t uid;		/* from the uidlist, or 0: assign */
	long rec;		/* uidlist record, or -1 */
	const char *name;
};

int
view_uidlist_path(const struct view *v, char *buf, size_t size)
{
	return file_join(buf, size, v->in->dir, UIDLIST_NAME);
}

static const char *
view_ul_key(const void *ctx, size_t pos, size_t *len)
{
	const struct uidlist *ul = ctx;

	*len = ul->recs[pos].baselen;
	return ul->recs[pos].name;
}

/* No usable uidlist: keep what we know, or start afresh. */
static int
view_uidlist_create(struct view *v, struct uidlist *ul)
{
	uidlist_init(ul);
	if (v->uidvalidity) {
		/* Deleted under us: write back what we know. */
		ul->uidvalidity = v->uidvalidity;
		ul->uidnext = v->uidnext ? v->uidnext : 1;
	} else if (uidlist_new_uidvalidity(v->in->root, &ul->uidvalidity) < 0)
		return -1;
	uidlist_new_guid(ul->guid);
	return 0;
}

static int
view_new_cmp(const void *a, const void *b)
{
	const struct view_new *x = a, *y = b;

	if (x->uid != y->uid) {
		if (x->uid == 0 || y->uid == 0)
			return x->uid == 0 ? 1 : -1;
		return x->uid < y->uid ? -1 : 1;
	}
	return strcmp(x->name, y->name);
}

/* The scanned files without a message: their UIDs, in the order to add. */
static struct view_new *
view_collect_new(struct view *v, const struct view_ents *es, const long *idx,
    const struct uidlist *ul, size_t *nout, int *rewrite)
{
	uint32_t maxuid = v->count ? v->msgs[v->count - 1].uid : 0;
	struct view_new *nw = calloc(es->n + 1, sizeof *nw);
	struct basemap um;
	size_t n = 0;

	basemap_init(&um, view_ul_key, ul);
	for (size_t r = 0; nw && r < ul->count; r++)
		(void)basemap_put(&um, r);	/* ENOMEM: new UIDs */
	for (size_t j = 0; nw && j < es->n; j++) {
		long rec;
		if (idx[j] != -1)
			continue;
		rec = basemap_get(&um, es->e[j].name, es->e[j].baselen);
		nw[n].ent = j;
		nw[n].rec = rec;
		nw[n].name = es->e[j].name;
		nw[n].uid = rec >= 0 && ul->recs[rec].uid > maxuid ?
		    ul->recs[rec].uid : 0;
		/* A UID at or below ours came back: Dovecot gives a new one. */
		if (rec >= 0 && nw[n].uid == 0)
			*rewrite = 1;
		n++;
	}
	basemap_free(&um);
	if (nw)
		qsort(nw, n, sizeof *nw, view_new_cmp);
	*nout = n;
	return nw;
}

static int
view_add_msg(struct view *v, struct view_ents *es, const struct view_new *nw,
    const struct uidlist *ul)
{
	struct view_msg *msg = &v->msgs[v->count];
	struct view_ent *e = &es->e[nw->ent];

	if (view_msg_fill(v, msg, e->name, e->in_new) < 0)
		return 0;	/* scan filtered it: cannot happen */
	e->name = NULL;
	msg->uid = nw->uid;
	if (msg->vsize < 0 && nw->rec >= 0) {
		long long w = uidlist_ext_num(&ul->recs[nw->rec], 'W');
		if (w >= msg->size && w <= 2 * msg->size)
			msg->vsize = w;
	}
	v->count++;
	v->in->cache_dirty = 1;
	return v->in->map_valid ? basemap_put(&v->in->map, v->count - 1) : 0;
}

static int
view_add_new(struct view *v, struct view_ents *es, struct view_new *nw,
    size_t n, struct uidlist *ul)
{
	uint32_t last = 0;

	if (view_msgs_reserve(v, n) < 0)
		return -1;
	for (size_t k = 0; k < n; k++) {
		if (nw[k].uid && nw[k].uid == last)
			continue;	/* one base in new/ and cur/ */
		if (nw[k].uid == 0) {
			nw[k].uid = ul->uidnext;
			if (uidlist_add(ul, nw[k].uid, nw[k].name, NULL) < 0)
				return -1;
		}
		last = nw[k].uid;
		if (view_add_msg(v, es, &nw[k], ul) < 0)
			return -1;
	}
	return 0;
}

static const struct uidlist_rec *
view_ul_rec(const struct uidlist *ul, uint32_t uid)
{
	size_t lo = 0, hi = ul->count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ul->recs[mid].uid == uid)
			return &ul->recs[mid];
		if (ul->recs[mid].uid < uid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Write the whole uidlist: the live messages, with their latest names. */
static int
view_uidlist_rewrite(struct view *v, const struct uidlist *ul,
    struct dotlock *dl)
{
	struct str data = STR_INIT(UIDLIST_MAX);
	struct uidlist out;
	int rc = 0;

	uidlist_init(&out);
	out.uidvalidity = ul->uidvalidity;
	out.uidnext = ul->uidnext;
	memcpy(out.guid, ul->guid, sizeof out.guid);
	out.hdr_extra = ul->hdr_extra;
	for (size_t i = 0; rc == 0 && i < v->count; i++) {
		const struct uidlist_rec *r;
		if (v->msgs[i].expunged)
			continue;
		r = view_ul_rec(ul, v->msgs[i].uid);
		rc = uidlist_add(&out, v->msgs[i].uid, v->msgs[i].name,
		    r ? r->ext : NULL);
	}
	out.uidnext = ul->uidnext;
	if (rc == 0)
		rc = uidlist_format(&out, &data);
	if (rc == 0)
		rc = dotlock_replace(dl, data.s, data.len);
	out.hdr_extra = NULL;
	uidlist_free(&out);
	str_free(&data);
	return rc;
}

static int
view_uidlist_load(struct view *v, struct uidlist *ul, const char *path,
    struct view_changes *ch, int *rewrite)
{
	uidlist_init(ul);
	if (uidlist_read(ul, path, NULL) == 0) {
		if (v->uidvalidity && ul->uidvalidity != v->uidvalidity &&
		    ch)
			ch->uidvalidity_changed = 1;
		return 0;
	}
	if (errno != ENOENT && errno != EINVAL)
		return -1;
	if (errno == EINVAL)
		log_warn("uidlist-corrupt", "path=%s", log_esc(path));
	*rewrite = 1;
	return view_uidlist_create(v, ul);
}

/*
 * The uidlist could not take the new UIDs (a full disk, a quota): leave
 * the files that got them out of the view again, unnumbered, as if not
 * yet seen, so that no UID is shown that is not on disk; the next
 * refresh rescans and tries again.  Mail stays readable and can be
 * deleted to make room.  (Fresh UIDs are at least the uidlist's uidnext,
 * above every UID the view held before.)
 */
static int
view_assign_defer(struct view *v, uint32_t disk_next, const char *path)
{
	size_t n = v->count;

	log_warn("uidlist-full", "path=%s errno=%d", log_esc(path), errno);
	while (n > 0 && v->msgs[n - 1].uid >= disk_next) {
		n--;
		view_name_free(v, v->msgs[n].name);
		v->msgs[n].name = NULL;
	}
	if (n != v->count)
		view_map_rebuild(v);
	v->count = n;
	v->uidnext = disk_next;
	v->in->deferred = 1;
	/* A failed rewrite gave up the lock (dotlock_replace): the caller
	 * may go on renaming under it, so take it again. */
	return view_lock_renew(v);
}

int
view_assign(struct view *v, struct view_ents *es, const long *idx,
    struct view_changes *ch, struct dotlock *dl)
{
	char path[LIM_PATH];
	struct view_new *nw = NULL;
	struct uidlist ul;
	size_t n = 0, first, live = 0;
	int rewrite = 0, created, rc = -1;
	uint32_t disk_next;

	if (view_uidlist_path(v, path, sizeof path) < 0 ||
	    view_uidlist_load(v, &ul, path, ch, &rewrite) < 0)
		return -1;
	created = rewrite;	/* only when there was no valid uidlist */
	v->uidvalidity = ul.uidvalidity;
	first = ul.count;
	disk_next = ul.uidnext;
	if ((nw = view_collect_new(v, es, idx, &ul, &n, &rewrite)) == NULL ||
	    view_add_new(v, es, nw, n, &ul) < 0)
		goto out;
	v->uidnext = ul.uidnext;
	for (size_t i = 0; i < v->count; i++)
		live += !v->msgs[i].expunged;
	if (ul.count > 2 * live + 100)
		rewrite = 1;	/* mostly expunged records: compact */
	if (rewrite)
		rc = view_uidlist_rewrite(v, &ul, dl);
	else
		rc = ul.count > first ? uidlist_append(path, &ul, first) : 0;
	if (rc == 0 && stat(path, &v->in->ul_st) < 0)
		rc = -1;
	if (rc < 0 && !created && (errno == ENOSPC || errno == EDQUOT))
		rc = view_assign_defer(v, disk_next, path);
out:
	free(nw);
	uidlist_free(&ul);
	return rc;
}
