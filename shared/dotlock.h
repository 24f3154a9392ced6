/*
 * dotlock.h: Dovecot's dot-lock protocol, as used for dovecot-uidlist.
 *
 * The lock is the file "<path>.lock" created with O_CREAT|O_EXCL holding
 * "pid:host".  A lock is stale when its holder is a dead process on this
 * host, or when the file has not been touched for DOTLOCK_STALE seconds
 * (Dovecot's 2 minutes).  Dovecot writes the new contents into the lock
 * file itself and renames it over the target (dotlock_replace); giving the
 * lock up without replacing is an unlink.
 */
#ifndef MD_DOTLOCK_H
#define MD_DOTLOCK_H

#include "limits.h"

#define DOTLOCK_STALE	120	/* seconds without change: stale */
#define DOTLOCK_WAIT	60	/* give up waiting after: EAGAIN */

struct dotlock {
	int fd;
	char path[LIM_PATH];	/* the .lock file */
	char target[LIM_PATH];	/* what it locks */
};

/* Take the lock on target, waiting up to wait seconds; -1 EAGAIN. */
int dotlock_take(struct dotlock *, const char *target, int wait);
/* Write data into the lock file, fsync, rename it over the target. */
int dotlock_replace(struct dotlock *, const void *data, size_t n);
/* Give up the lock (unlink).  Safe to call twice. */
int dotlock_release(struct dotlock *);
/* Is the lock file at path stale (dead holder, or untouched too long)? */
int dotlock_is_stale(const char *path);

#endif
