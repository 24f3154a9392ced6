/*
 * notify_poll.c: change detection by stat(2): a message arriving,
 * leaving or changing flags changes the mtime of new/ or cur/; UID and
 * keyword updates replace dovecot-uidlist (new inode).  Portable.
 */
#include <sys/stat.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "notify.h"
#include "notify_impl.h"

static const char *const watched[NOTIFY_FILES] = {
	"new", "cur", "dovecot-uidlist"
};

static int
stamp_take(const char *dir, const char *file, struct notify_stamp *s)
{
	char path[LIM_PATH];
	struct stat st;
	int n;

	memset(s, 0, sizeof *s);
	n = snprintf(path, sizeof path, "%s/%s", dir, file);
	if (n < 0 || (size_t)n >= sizeof path) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if (stat(path, &st) < 0)
		return errno == ENOENT ? 0 : -1;
	s->exists = 1;
	s->dev = st.st_dev;
	s->ino = st.st_ino;
	s->size = st.st_size;
	s->mtime = st.st_mtim;
	s->ctime = st.st_ctim;
	return 0;
}

static int
stamp_same(const struct notify_stamp *a, const struct notify_stamp *b)
{
	return a->exists == b->exists && a->dev == b->dev &&
	    a->ino == b->ino && a->size == b->size &&
	    a->mtime.tv_sec == b->mtime.tv_sec &&
	    a->mtime.tv_nsec == b->mtime.tv_nsec &&
	    a->ctime.tv_sec == b->ctime.tv_sec &&
	    a->ctime.tv_nsec == b->ctime.tv_nsec;
}

/*
 * A stamp taken in the same second as its change may miss a second
 * change in that tick (coarse file system clocks): distrust it once.
 */
static int
stamp_recent(const struct notify_stamp *s, time_t now)
{
	return s->exists && (s->mtime.tv_sec >= now - 1 ||
	    s->ctime.tv_sec >= now - 1);
}

/* Take all stamps; 1 if any differs from the stored ones. */
static int
stamps_update(struct notify *n)
{
	struct notify_stamp s;
	time_t now = time(NULL);
	int changed = 0, unsure = 0, i;

	for (i = 0; i < NOTIFY_FILES; i++) {
		if (stamp_take(n->dir, watched[i], &s) < 0)
			return -1;
		if (!stamp_same(&s, &n->stamp[i]))
			changed = 1;
		unsure |= stamp_recent(&s, now);
		n->stamp[i] = s;
	}
	changed |= n->unsure;
	n->unsure = unsure;
	return changed;
}

int
notify_poll_open(struct notify *n)
{
	n->method = "poll";
	n->fd = -1;
	if (stamps_update(n) < 0)
		return -1;
	if (!n->stamp[0].exists || !n->stamp[1].exists) {
		errno = ENOENT;
		return -1;
	}
	n->unsure = 0;
	return 0;
}

int
notify_poll_check(struct notify *n)
{
	return stamps_update(n);
}
