/* viewkw.c: the view's keyword table, kept in step with dovecot-keywords. */
#include <sys/stat.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "dotlock.h"
#include "file.h"
#include "view_int.h"

static int
view_kw_path(const struct view *v, char *buf, size_t size)
{
	return file_join(buf, size, v->in->dir, KEYWORDS_NAME);
}

static void
view_kw_publish(struct view *v)
{
	v->nkeywords = v->in->kw.count;
	for (unsigned i = 0; i < LIM_KEYWORDS; i++)
		v->keywords[i] = v->in->kw.names[i];
}

/* Reread dovecot-keywords if it changed; *changed (may be NULL) = 1. */
int
view_keywords_load(struct view *v, int *changed)
{
	char path[LIM_PATH];
	struct stat st;

	if (view_kw_path(v, path, sizeof path) < 0)
		return -1;
	if (stat(path, &st) < 0) {
		if (errno != ENOENT)
			return -1;
		memset(&st, 0, sizeof st);
	}
	if (st.st_ino == v->in->kw_ino &&
	    st.st_mtim.tv_sec == v->in->kw_mt.tv_sec &&
	    st.st_mtim.tv_nsec == v->in->kw_mt.tv_nsec)
		return 0;
	if (keywords_read(&v->in->kw, path) < 0)
		return -1;
	v->in->kw_ino = st.st_ino;
	v->in->kw_mt = st.st_mtim;
	view_kw_publish(v);
	if (changed)
		*changed = 1;
	return 0;
}

int
view_keyword_find(const struct view *v, const char *name)
{
	return keywords_find(&v->in->kw, name);
}

/* Under the uidlist lock: reread, add, replace through the .lock file. */
static int
view_kw_add_locked(struct view *v, const char *name)
{
	struct str out = STR_INIT(KEYWORDS_MAX);
	char path[LIM_PATH];
	struct dotlock kl;
	int idx;

	if (view_kw_path(v, path, sizeof path) < 0 ||
	    keywords_read(&v->in->kw, path) < 0)
		return -1;
	view_kw_publish(v);
	if ((idx = keywords_find(&v->in->kw, name)) >= 0)
		return idx;
	if ((idx = keywords_add(&v->in->kw, name)) < 0)
		return -1;
	view_kw_publish(v);
	if (keywords_format(&v->in->kw, &out) < 0 ||
	    dotlock_take(&kl, path, DOTLOCK_WAIT) < 0 ||
	    dotlock_replace(&kl, out.s ? out.s : "", out.len) < 0)
		idx = -1;
	str_free(&out);
	v->in->kw_ino = 0;	/* reread our own write next time */
	return idx;
}

int
view_keyword_add(struct view *v, const char *name)
{
	int idx;

	if ((idx = keywords_find(&v->in->kw, name)) >= 0)
		return idx;
	if (!keywords_valid(name)) {
		errno = EINVAL;
		return -1;
	}
	if (view_lock(v) < 0)
		return -1;
	return view_unlock_rc(v, view_kw_add_locked(v, name));
}
