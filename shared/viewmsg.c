/*
 * viewmsg.c: act on one message: change its flags, expunge it, open it.
 * Another process may have renamed the file (its flags) or moved it from
 * new/ to cur/ meanwhile: on ENOENT the file is looked up again by its
 * base name before the message is called expunged.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mdname.h"
#include "view_int.h"

int
view_msg_path(const struct view *v, size_t i, char *buf, size_t size)
{
	if (i >= v->count) {
		errno = EINVAL;
		return -1;
	}
	return view_path_in(v, v->msgs[i].in_new ? VD_NEW : VD_CUR,
	    v->msgs[i].name, buf, size);
}

/* Search dir d for a file with msg's base; found: adopt its name. */
static int
view_locate_in(struct view *v, size_t i, unsigned d)
{
	struct view_msg *msg = &v->msgs[i];
	struct view_ents es = { 0 };
	int rc = -1;

	if (view_scan_dir(v, d, &es) < 0)
		return -1;
	for (size_t j = 0; j < es.n; j++) {
		if (es.e[j].baselen != msg->baselen ||
		    memcmp(es.e[j].name, msg->name, msg->baselen) != 0)
			continue;
		view_name_free(v, msg->name);
		msg->name = es.e[j].name;
		es.e[j].name = NULL;
		msg->in_new = d == VD_NEW;
		rc = 0;
		break;
	}
	view_ents_free(&es);
	if (rc < 0)
		errno = ENOENT;
	return rc;
}

/*
 * Find message i's file again after an ENOENT.  The flags others gave it
 * are adopted (the next refresh reports them, as the name is new).
 */
static int
view_locate(struct view *v, size_t i)
{
	struct view_msg *msg = &v->msgs[i];
	unsigned first = msg->in_new ? VD_NEW : VD_CUR;

	if (view_locate_in(v, i, first) == 0 ||
	    view_locate_in(v, i, 1 - first) == 0) {
		struct mdname mn;
		if (mdname_parse(msg->name, &mn) == 0) {
			msg->flags = mn.flags;
			msg->keywords = mn.keywords;
		}
		v->in->cache_dirty = 1;
		return 0;
	}
	if (errno == ENOENT)
		(void)view_note_expunged(v, i);
	errno = ENOENT;
	return -1;
}

static int
view_rename_to(struct view *v, size_t i, const char *newname)
{
	char src[LIM_PATH], dst[LIM_PATH];

	if (view_msg_path(v, i, src, sizeof src) < 0 ||
	    view_path_in(v, VD_CUR, newname, dst, sizeof dst) < 0)
		return -1;
	return rename(src, dst);
}

static int
view_set_flags_locked(struct view *v, size_t i, unsigned flags, uint32_t kw)
{
	char name[MDNAME_MAX + 1];
	struct view_msg *msg;
	char *nn;
	int tries = 0;

	if (i >= v->count || v->msgs[i].expunged) {
		errno = i >= v->count ? EINVAL : ENOENT;
		return -1;
	}
	msg = &v->msgs[i];
	if (mdname_with_flags(name, sizeof name, msg->name, msg->baselen,
	    flags, kw) < 0 || (nn = strdup(name)) == NULL)
		return -1;
	while (view_rename_to(v, i, nn) < 0) {
		if (errno != ENOENT || tries++ > 3 || view_locate(v, i) < 0) {
			free(nn);
			return -1;
		}
	}
	view_name_free(v, msg->name);
	msg->name = nn;
	msg->in_new = 0;
	msg->flags = flags & MDF_ALL;
	msg->keywords = kw;
	v->in->cache_dirty = 1;
	return 0;
}

static int
view_expunge_locked(struct view *v, size_t i)
{
	char path[LIM_PATH];
	int tries = 0;

	if (i >= v->count) {
		errno = EINVAL;
		return -1;
	}
	if (v->msgs[i].expunged)
		return 0;
	while (view_msg_path(v, i, path, sizeof path) == 0 &&
	    unlink(path) < 0) {
		if (errno != ENOENT)
			return -1;
		if (tries++ > 3 || view_locate(v, i) < 0)
			break;	/* gone: someone else expunged it */
	}
	v->msgs[i].expunged = 1;
	v->in->cache_dirty = 1;
	return 0;
}

/* Dovecot renames and unlinks under the uidlist lock: so do we. */
int
view_set_flags(struct view *v, size_t i, unsigned flags, uint32_t kw)
{
	if (view_lock(v) < 0)
		return -1;
	return view_unlock_rc(v, view_set_flags_locked(v, i, flags, kw));
}

int
view_expunge(struct view *v, size_t i)
{
	if (view_lock(v) < 0)
		return -1;
	return view_unlock_rc(v, view_expunge_locked(v, i));
}

int
view_open_msg(struct view *v, size_t i)
{
	char path[LIM_PATH];
	int fd, tries = 0;

	if (i >= v->count) {
		errno = EINVAL;
		return -1;
	}
	for (;;) {
		if (view_msg_path(v, i, path, sizeof path) < 0)
			return -1;
		if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) >= 0)
			return fd;
		if (errno != ENOENT || tries++ > 3 ||
		    (v->msgs[i].expunged && tries > 1) || view_locate(v, i) < 0)
			return -1;
	}
}

/* RFC822.SIZE: the size with every bare LF counted as CRLF. */
static long long
view_count_vsize(int fd)
{
	char buf[65536];
	long long total = 0;
	char prev = '\0';
	ssize_t n;

	while ((n = read(fd, buf, sizeof buf)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		for (ssize_t k = 0; k < n; k++) {
			if (buf[k] == '\n' && prev != '\r')
				total++;
			prev = buf[k];
		}
		total += n;
	}
	return total;
}

long long
view_vsize(struct view *v, size_t i)
{
	long long vs;
	int fd;

	if (i >= v->count) {
		errno = EINVAL;
		return -1;
	}
	if (v->msgs[i].vsize >= 0)
		return v->msgs[i].vsize;
	if ((fd = view_open_msg(v, i)) < 0)
		return -1;
	vs = view_count_vsize(fd);
	(void)close(fd);	/* read-only */
	if (vs >= 0) {
		v->msgs[i].vsize = vs;
		v->in->cache_dirty = 1;
	}
	return vs;
}
