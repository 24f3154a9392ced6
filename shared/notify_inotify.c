/*
 * notify_inotify.c: change detection with Linux inotify(7).  Linux-only:
 * _GNU_SOURCE for inotify_init1's flags; on other systems this file
 * compiles to a stub and notify.c falls back to polling.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "notify.h"
#include "notify_impl.h"

#ifdef __linux__
#include <sys/inotify.h>

#define DIR_EVENTS	(IN_CREATE | IN_DELETE | IN_MOVED_FROM | \
    IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)
/* In the folder itself only the uidlist and keywords matter. */
#define TOP_EVENTS	(IN_CREATE | IN_MOVED_TO | IN_CLOSE_WRITE | \
    IN_DELETE | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)

static int
watch(int fd, const char *dir, const char *sub, uint32_t mask)
{
	char path[LIM_PATH];
	int n;

	n = snprintf(path, sizeof path, "%s%s%s", dir, *sub ? "/" : "", sub);
	if (n < 0 || (size_t)n >= sizeof path) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return inotify_add_watch(fd, path, mask);
}

int
notify_inotify_open(struct notify *n)
{
	int fd, top;

	if ((fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) < 0)
		return -1;
	if ((top = watch(fd, n->dir, "", TOP_EVENTS)) < 0 ||
	    watch(fd, n->dir, "new", DIR_EVENTS) < 0 ||
	    watch(fd, n->dir, "cur", DIR_EVENTS) < 0) {
		int saved = errno;
		(void)close(fd);
		errno = saved;
		return -1;
	}
	n->fd = fd;
	n->top = top;
	n->method = "inotify";
	return 0;
}

static int
relevant(const struct notify *n, const struct inotify_event *ev)
{
	if (ev->mask & (IN_Q_OVERFLOW | IN_IGNORED | IN_DELETE_SELF |
	    IN_MOVE_SELF))
		return 1;
	if (ev->wd != n->top)
		return 1;
	return ev->len > 0 && (strcmp(ev->name, "dovecot-uidlist") == 0 ||
	    strcmp(ev->name, "dovecot-keywords") == 0);
}

int
notify_inotify_check(struct notify *n)
{
	char buf[4096]
	    __attribute__((aligned(__alignof__(struct inotify_event))));
	const struct inotify_event *ev;
	ssize_t r;
	int changed = 0;
	char *p;

	for (;;) {
		r = read(n->fd, buf, sizeof buf);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 && errno == EAGAIN)
			return changed;
		if (r <= 0)
			return -1;
		for (p = buf; p < buf + r; p += sizeof *ev + ev->len) {
			ev = (const struct inotify_event *)(void *)p;
			changed |= relevant(n, ev);
		}
	}
}

#else	/* !__linux__ */

int
notify_inotify_open(struct notify *n)
{
	(void)n;
	errno = ENOSYS;
	return -1;
}

int
notify_inotify_check(struct notify *n)
{
	(void)n;
	errno = ENOSYS;
	return -1;
}

#endif
