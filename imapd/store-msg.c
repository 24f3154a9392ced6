/* store-msg.c: delivery into a folder for APPEND/COPY/MOVE. */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "delivery.h"
#include "file.h"
#include "folder.h"
#include "log.h"
#include "quota.h"
#include "store-msg.h"

enum store_err
target_open(struct session *s, const char *name, struct target *t)
{
	char cur[LIM_PATH + 8];
	struct stat st;

	memset(t, 0, sizeof *t);
	if (folder_canon(name, t->name, sizeof t->name, NULL, 0, NULL) < 0 ||
	    folder_path(s->root, name, t->path, sizeof t->path, NULL) < 0)
		return SE_BADNAME;	/* CREATE could not make it either */
	snprintf(cur, sizeof cur, "%s/cur", t->path);
	if (stat(cur, &st) < 0)
		return SE_NOFOLDER;
	if (s->sel.v != NULL && strcmp(t->name, s->sel.name) == 0) {
		t->v = s->sel.v;
		return SE_OK;
	}
	if ((t->v = view_open(t->path, VIEW_KEEPNEW)) == NULL)
		return errno == ENOENT ? SE_NOFOLDER : SE_TEMP;
	t->own = 1;
	return SE_OK;
}

void
target_close(struct target *t)
{
	if (t->own)
		view_close(t->v);
	t->v = NULL;
	t->own = 0;
}

uint32_t
target_keywords(struct target *t, const struct view *src, uint32_t kw)
{
	uint32_t out = 0;

	for (unsigned k = 0; k < LIM_KEYWORDS; k++) {
		int tk;

		if (!(kw & ((uint32_t)1 << k)))
			continue;
		if (src == t->v)
			tk = (int)k;
		else if (k >= src->nkeywords ||
		    (tk = view_keyword_add(t->v, src->keywords[k])) < 0)
			continue;
		out |= (uint32_t)1 << tk;
	}
	return out;
}

static enum md_status
copy_in(struct delivery *d, int fd, const char *buf, size_t len)
{
	char chunk[65536];
	off_t off = 0;

	if (fd < 0)
		return delivery_write(d, buf, len);
	for (;;) {
		ssize_t r = pread(fd, chunk, sizeof chunk, off);
		enum md_status st;

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return MD_TEMP;
		if (r == 0)
			return MD_OK;
		if ((st = delivery_write(d, chunk, (size_t)r)) != MD_OK)
			return st;
		off += r;
	}
}

static int
quota_check(struct session *s, long long size, long long count)
{
	struct quota q;
	int r;

	if (quota_open(&q, s->root, NULL) < 0)
		return 1;
	r = quota_fits(&q, size, count);
	quota_close(&q);
	return r != 0;
}

static enum store_err
store_error(enum md_status st, int e)
{
	if (e == ENOSPC || e == EDQUOT)
		return SE_NOSPACE;
	return st == MD_PERM ? SE_PERM : SE_TEMP;
}

static void
quota_account(struct session *s, long long size, long long count)
{
	struct quota q;

	if (quota_open(&q, s->root, NULL) == 0) {
		if (quota_enabled(&q))
			quota_add(&q, size, count);
		quota_close(&q);
	}
}

void
target_undo(struct target *t, const char *name)
{
	char path[LIM_PATH];

	if (snprintf(path, sizeof path, "%s/cur/%s", t->path, name) >=
	    (int)sizeof path)
		return;
	if (unlink(path) < 0 && errno != ENOENT)
		log_warn("undo-failed", "folder=%s errno=%d", log_esc(t->name),
		    errno);
}

void
target_refresh(struct session *s, struct target *t)
{
	if (t->v == s->sel.v)
		(void)session_refresh(s);
	else
		(void)view_refresh(t->v, NULL);
}

uint32_t
target_uid(const struct target *t, const char *name)
{
	long i = view_find_base(t->v, name, strcspn(name, ":"));

	return i < 0 ? 0 : t->v->msgs[i].uid;
}

enum store_err
target_stage(struct session *s, struct target *t, int fd, const char *buf,
    size_t len, time_t date, const struct stage_total *sofar,
    struct delivery_staged *out)
{
	static struct delivery d;
	struct stat st;
	enum md_status st2;
	long long size = (long long)len;

	out->tmppath = NULL;
	if (fd >= 0) {
		if (fstat(fd, &st) < 0)
			return SE_TEMP;
		size = (long long)st.st_size;
	}
	if (!quota_check(s, sofar->bytes + size, (long long)sofar->count + 1))
		return SE_OVERQUOTA;
	if ((st2 = delivery_open(&d, t->path, DELIVERY_CRLF)) == MD_OK &&
	    (st2 = copy_in(&d, fd, buf, len)) == MD_OK) {
		if (date > 0)
			delivery_set_mtime(&d, date);
		st2 = delivery_stage(&d);
	}
	if (st2 == MD_OK && (out->tmppath = strdup(d.tmppath)) == NULL) {
		d.errnum = errno;
		st2 = MD_TEMP;
	}
	if (st2 != MD_OK) {
		log_warn("store-failed", "folder=%s errno=%d",
		    log_esc(t->name), d.errnum);
		delivery_abort(&d);	/* unlinks the staged file too */
		return store_error(st2, d.errnum);
	}
	d.tmppath[0] = '\0';	/* out owns it now */
	out->size = d.size;
	out->vsize = d.vsize;
	return SE_OK;
}

enum store_err
target_publish(struct target *t, struct delivery_staged *st,
    unsigned flags, uint32_t kw, char *name, size_t namesize)
{
	if (delivery_publish(st, t->path, flags, kw, name, namesize) < 0) {
		int e = errno;
		log_warn("store-failed", "folder=%s errno=%d",
		    log_esc(t->name), e);
		return store_error(MD_TEMP, e);
	}
	free(st->tmppath);
	st->tmppath = NULL;
	return SE_OK;
}

void
target_unstage(struct delivery_staged *st)
{
	if (st->tmppath != NULL) {
		(void)unlink(st->tmppath);
		free(st->tmppath);
		st->tmppath = NULL;
	}
}

enum store_err
target_commit(struct session *s, struct target *t,
    const struct stage_total *total)
{
	char cur[LIM_PATH];

	if (file_join(cur, sizeof cur, t->path, "cur") < 0 ||
	    file_fsync_dir(cur) < 0) {
		log_warn("store-failed", "folder=%s errno=%d",
		    log_esc(t->name), errno);
		return SE_TEMP;
	}
	quota_account(s, total->bytes, (long long)total->count);
	return SE_OK;
}

/* APPEND: one message through the same three steps as a COPY. */
enum store_err
target_deliver(struct session *s, struct target *t, int fd, const char *buf,
    size_t len, unsigned flags, uint32_t kw, time_t date, char *name,
    size_t namesize)
{
	struct stage_total none = { 0, 0 }, one;
	struct delivery_staged st;
	enum store_err e;

	if ((e = target_stage(s, t, fd, buf, len, date, &none, &st)) != SE_OK)
		return e;
	one.bytes = st.size;
	one.count = 1;
	if ((e = target_publish(t, &st, flags, kw, name, namesize)) != SE_OK) {
		target_unstage(&st);
		return e;
	}
	if ((e = target_commit(s, t, &one)) != SE_OK)
		target_undo(t, name);
	return e;
}
