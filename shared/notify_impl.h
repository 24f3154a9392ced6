/*
 * notify_impl.h: the two implementations behind notify.h; not for
 * callers.
 */
#ifndef MD_NOTIFY_IMPL_H
#define MD_NOTIFY_IMPL_H

#include <sys/types.h>
#include <time.h>

#include "limits.h"

#define NOTIFY_FILES	3	/* new/, cur/, dovecot-uidlist */

struct notify_stamp {
	int exists;
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtime;
	struct timespec ctime;
};

struct notify {
	const char *method;
	int fd;			/* inotify descriptor or -1 */
	int top;		/* inotify watch of the folder itself */
	int interval;
	int unsure;		/* a stamp was too recent to trust */
	struct notify_stamp stamp[NOTIFY_FILES];
	char dir[LIM_PATH];
};

/* Each returns -1 with errno if it cannot work here. */
int notify_inotify_open(struct notify *);
int notify_inotify_check(struct notify *);
int notify_poll_open(struct notify *);
int notify_poll_check(struct notify *);

#endif
