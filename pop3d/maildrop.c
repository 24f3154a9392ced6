/* maildrop.c: the session's message list over the folder view. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "file.h"
#include "limits.h"
#include "log.h"
#include "mdname.h"
#include "view.h"
#include "maildrop.h"
#include "msgsize.h"
#include "quota-update.h"

int
maildrop_open(struct maildrop *md, const char *dir, enum uidl_mode uidl,
    int delete_flag)
{
	size_t n = 0;

	memset(md, 0, sizeof *md);
	md->uidl = uidl;
	md->delete_flag = delete_flag;
	if ((md->dir = strdup(dir)) == NULL)
		return -1;
	/* POP3 leaves unread mail in new/: only RETR makes it "read". */
	if ((md->view = view_open(dir, VIEW_KEEPNEW)) == NULL) {
		int e = errno;
		free(md->dir);
		errno = e;
		return -1;
	}
	md->msgs = calloc(md->view->count ? md->view->count : 1,
	    sizeof *md->msgs);
	if (md->msgs == NULL) {
		maildrop_close(md);
		return -1;
	}
	for (size_t i = 0; i < md->view->count; i++) {
		const struct view_msg *vm = &md->view->msgs[i];
		/* Kept by POP3_DELETE=flag: deleted for POP3 clients. */
		if (delete_flag && (vm->flags & MDF_TRASHED))
			continue;
		md->msgs[n++].vi = i;
	}
	md->count = n;
	sizecache_load(&md->sizes, dir);
	return 0;
}

/* Rewrite pop3d-sizes with the sizes measured, for existing messages. */
static void
maildrop_save_sizes(struct maildrop *md)
{
	struct str buf = STR_INIT(SIZECACHE_MAX);
	char path[LIM_PATH];
	int n, r = 0;

	for (size_t i = 0; i < md->count && r == 0; i++) {
		const struct pop3_msg *m = &md->msgs[i];
		const struct view_msg *vm = &md->view->msgs[m->vi];
		unsigned long long size = m->size;
		/* Keep entries this session did not need, too. */
		if (vm->expunged || (m->sized && !m->cached) || (!m->sized &&
		    !sizecache_get(&md->sizes, vm->name, vm->baselen, &size)))
			continue;
		r = str_append(&buf, vm->name, vm->baselen);
		if (r == 0)
			r = str_printf(&buf, " %llu\n", size);
	}
	n = snprintf(path, sizeof path, "%s/%s", md->dir, SIZECACHE_NAME);
	if (r < 0 || n < 0 || (size_t)n >= sizeof path ||
	    file_replace(path, buf.s ? buf.s : "", buf.len, 0600) < 0)
		log_warn("sizecache-fail", "errno=%d", errno);
	str_free(&buf);
}

void
maildrop_close(struct maildrop *md)
{
	if (md->view && md->sizes.dirty)
		maildrop_save_sizes(md);
	sizecache_free(&md->sizes);
	view_close(md->view);
	free(md->msgs);
	free(md->dir);
	md->view = NULL;
	md->msgs = NULL;
	md->dir = NULL;
}

struct pop3_msg *
maildrop_get(struct maildrop *md, unsigned long long n)
{
	if (n == 0 || n > md->count)
		return NULL;
	return &md->msgs[n - 1];
}

int
maildrop_open_msg(struct maildrop *md, const struct pop3_msg *m)
{
	return view_open_msg(md->view, m->vi);
}

int
maildrop_size(struct maildrop *md, struct pop3_msg *m,
    unsigned long long *size)
{
	const struct view_msg *vm = &md->view->msgs[m->vi];
	int fd;

	if (!m->sized && sizecache_get(&md->sizes, vm->name, vm->baselen,
	    &m->size))
		m->sized = m->cached = 1;
	if (!m->sized && msgsize_from_name(vm->size, vm->vsize, &m->size))
		m->sized = m->from_name = 1;
	if (!m->sized) {
		if ((fd = view_open_msg(md->view, m->vi)) < 0)
			return -1;
		if (msgsize_read(fd, &m->size) < 0) {
			int e = errno;
			(void)close(fd);
			errno = e;
			return -1;
		}
		if (close(fd) < 0)
			return -1;
		m->sized = m->cached = 1;
		md->sizes.dirty = 1;
	}
	*size = m->size;
	return 0;
}

int
maildrop_stat(struct maildrop *md, size_t *count, unsigned long long *size)
{
	unsigned long long s;

	*count = 0;
	*size = 0;
	for (size_t i = 0; i < md->count; i++) {
		if (md->msgs[i].deleted)
			continue;
		if (maildrop_size(md, &md->msgs[i], &s) < 0) {
			if (errno != ENOENT)
				return -1;
			s = 0;	/* expunged by another session meanwhile */
		}
		(*count)++;
		*size += s;
	}
	return 0;
}

int
maildrop_uidl(struct maildrop *md, const struct pop3_msg *m, char *buf,
    size_t size)
{
	const struct view_msg *vm = &md->view->msgs[m->vi];

	return uidl_format(buf, size, md->uidl, vm->uid,
	    md->view->uidvalidity, vm->name);
}

void
maildrop_verified(struct maildrop *md, struct pop3_msg *m,
    unsigned long long octets)
{
	const struct view_msg *vm = &md->view->msgs[m->vi];

	if (octets == m->size)
		return;
	log_warn("vsize-mismatch", "uid=%lu listed=%llu sent=%llu file=%s",
	    (unsigned long)vm->uid, m->size, octets, log_esc(vm->name));
	m->size = octets;
	m->sized = m->cached = 1;
	m->from_name = 0;
	md->sizes.dirty = 1;
}
