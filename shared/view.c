/* view.c: open and close a folder view; lookups; the keyword table. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "courier.h"
#include "dotlock.h"
#include "file.h"
#include "log.h"
#include "view_int.h"

/* The per-message cost of an open folder (imapd keeps one per session). */
_Static_assert(sizeof(void *) != 8 || sizeof(struct view_msg) == 48,
    "struct view_msg grew past 48 bytes");

static const char *
view_map_key(const void *ctx, size_t pos, size_t *len)
{
	const struct view *v = ctx;

	*len = v->msgs[pos].baselen;
	return v->msgs[pos].name;
}

/* Forget the index; view_map builds it when a lookup needs it. */
void
view_map_rebuild(struct view *v)
{
	v->in->map_valid = 0;
}

/*
 * The base name index, built on first use: opening an unchanged folder
 * for POP3 never needs it.
 */
struct basemap *
view_map(struct view *v)
{
	struct view_int *in = v->in;

	if (!in->map_valid) {
		basemap_clear(&in->map);
		(void)basemap_reserve(&in->map, v->count);
		for (size_t i = 0; i < v->count; i++)
			(void)basemap_put(&in->map, i); /* ENOMEM: misses */
		in->map_valid = 1;
	}
	return &in->map;
}

int
view_msgs_reserve(struct view *v, size_t extra)
{
	size_t need = v->count + extra, ncap;
	void *p;

	if (need <= v->in->cap)
		return 0;
	/*
	 * A quarter more, or what is asked if that is more: a folder read
	 * from the cache or scanned asks for its whole count at once, and
	 * an open folder keeps at most a fifth of its array unused.
	 */
	ncap = v->in->cap + v->in->cap / 4;
	if (ncap < need)
		ncap = need;
	if (ncap < 64)
		ncap = 64;
	if ((p = reallocarray(v->msgs, ncap, sizeof *v->msgs)) == NULL)
		return -1;
	v->msgs = p;
	v->in->cap = ncap;
	return 0;
}

/* The Maildir root: the parent of a Maildir++ folder, else dir itself. */
static int
view_set_root(struct view_int *in)
{
	char path[LIM_PATH];
	char *slash;

	snprintf(in->root, sizeof in->root, "%s", in->dir);
	if (snprintf(path, sizeof path, "%s/maildirfolder", in->dir) >=
	    (int)sizeof path)
		return -1;
	if (access(path, F_OK) == 0 && (slash = strrchr(in->root, '/')) &&
	    slash != in->root)
		*slash = '\0';
	return 0;
}

/* The folder's directory (without trailing slashes) and its root. */
static int
view_set_dir(struct view_int *in, const char *dir)
{
	size_t n = strlen(dir);

	while (n > 1 && dir[n - 1] == '/')
		n--;
	if (n >= sizeof in->dir) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(in->dir, dir, n);
	in->dir[n] = '\0';
	(void)view_set_root(in);	/* too long: the root stays dir */
	return 0;
}

static struct view *
view_alloc(const char *dir, int flags)
{
	struct view *v = calloc(1, sizeof *v);

	if (v == NULL || (v->in = calloc(1, sizeof *v->in)) == NULL ||
	    view_set_dir(v->in, dir) < 0) {
		if (v)
			free(v->in);
		free(v);
		return NULL;
	}
	v->in->flags = flags;
	v->in->lock.fd = -1;
	basemap_init(&v->in->map, view_map_key, v);
	return v;
}

int
view_moved(struct view *v, const char *dir)
{
	return view_set_dir(v->in, dir);
}

struct view *
view_open(const char *dir, int flags)
{
	struct view *v = view_alloc(dir, flags);
	int e, cached = 0;

	if (v == NULL)
		return NULL;
	/* Courier's UIDs, before anything gives new ones (courier.h). */
	if (courier_import(v->in->dir) < 0 && errno != ENOENT)
		log_warn("courier-import-fail", "dir=%s error=%s",
		    log_esc(v->in->dir), strerror(errno));
	if (view_keywords_load(v, NULL) < 0)
		goto fail;
	if (!(flags & VIEW_NOCACHE))
		cached = viewcache_load(v) == 0;	/* else full scan */
	if (view_sync(v, NULL) < 0)
		goto fail;
	/* Nobody saw the cached messages that are gone: drop them now. */
	(void)view_purge(v);
	free(v->in->pend);
	v->in->pend = NULL;
	v->in->npend = 0;
	/* Written now too, so a session that is killed still leaves one. */
	if (!(flags & VIEW_NOCACHE) && !cached)
		(void)viewcache_save(v);	/* only a cache */
	return v;
fail:
	e = errno;
	v->in->flags |= VIEW_NOCACHE;
	view_close(v);
	errno = e;
	return NULL;
}

void
view_name_free(struct view *v, char *name)
{
	uintptr_t p = (uintptr_t)name, b = (uintptr_t)v->in->names;

	if (b == 0 || p < b || p >= b + v->in->names_len)
		free(name);
}

void
view_close(struct view *v)
{
	if (v == NULL)
		return;
	if (v->in->lock_depth > 0) {	/* a caller forgot view_unlock */
		v->in->lock_depth = 1;
		(void)view_unlock(v);
	}
	if (!(v->in->flags & VIEW_NOCACHE) && v->in->cache_dirty &&
	    view_sync(v, NULL) == 0)
		(void)viewcache_save(v);	/* only a cache */
	for (size_t i = 0; i < v->count; i++)
		view_name_free(v, v->msgs[i].name);
	free(v->in->names);
	free(v->msgs);
	keywords_free(&v->in->kw);
	basemap_free(&v->in->map);
	free(v->in->pend);
	free(v->in);
	free(v);
}

void
view_changes_free(struct view_changes *ch)
{
	if (ch == NULL)
		return;
	free(ch->expunged);
	free(ch->changed);
	memset(ch, 0, sizeof *ch);
}

size_t
view_purge(struct view *v)
{
	size_t j = 0, n;

	for (size_t i = 0; i < v->count; i++) {
		if (v->msgs[i].expunged)
			view_name_free(v, v->msgs[i].name);
		else
			v->msgs[j++] = v->msgs[i];
	}
	n = v->count - j;
	v->count = j;
	if (n)
		view_map_rebuild(v);
	return n;
}

long
view_find(const struct view *v, uint32_t uid)
{
	size_t lo = 0, hi = v->count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v->msgs[mid].uid == uid)
			return (long)mid;
		if (v->msgs[mid].uid < uid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

long
view_find_base(const struct view *v, const char *base, size_t len)
{
	const char *colon = memchr(base, ':', len);

	if (colon)
		len = (size_t)(colon - base);
	/* Logically const: the index is only built lazily. */
	return basemap_get(view_map((struct view *)v), base, len);
}

int
view_note_expunged(struct view *v, size_t i)
{
	void *p;

	if (v->msgs[i].expunged)
		return 0;
	v->msgs[i].expunged = 1;
	v->in->cache_dirty = 1;
	if ((p = reallocarray(v->in->pend, v->in->npend + 1,
	    sizeof *v->in->pend)) == NULL)
		return -1;
	v->in->pend = p;
	v->in->pend[v->in->npend++] = v->msgs[i].uid;
	return 0;
}
