/*
 * viewhold.c: holding dovecot-uidlist.lock across changes to new/ and
 * cur/.  Dovecot renames and unlinks message files only under this lock
 * and lists the folder under it when it must not miss a file (its
 * maildir documentation, "Locking"); we do the same, so neither side
 * takes a file that is being renamed for expunged.
 */
#include <errno.h>
#include <stdio.h>

#include "view_int.h"

int
view_lock(struct view *v)
{
	char path[LIM_PATH];

	if (v->in->lock_depth > 0) {
		if (view_lock_renew(v) < 0)
			return -1;
		v->in->lock_depth++;
		return 0;
	}
	if (view_uidlist_path(v, path, sizeof path) < 0 ||
	    dotlock_take(&v->in->lock, path, DOTLOCK_WAIT) < 0)
		return -1;
	v->in->lock_depth = 1;
	return 0;
}

/* A uidlist rewrite renamed the lock file over the uidlist: retake it. */
int
view_lock_renew(struct view *v)
{
	char path[LIM_PATH];

	if (v->in->lock_depth == 0 || v->in->lock.fd >= 0)
		return 0;
	return view_uidlist_path(v, path, sizeof path) < 0 ? -1 :
	    dotlock_take(&v->in->lock, path, DOTLOCK_WAIT);
}

int
view_unlock(struct view *v)
{
	if (v->in->lock_depth == 0) {
		errno = EINVAL;
		return -1;
	}
	if (--v->in->lock_depth > 0)
		return 0;
	return dotlock_release(&v->in->lock);
}

/* view_unlock after an operation that returned rc (errno kept). */
int
view_unlock_rc(struct view *v, int rc)
{
	int e = errno;

	if (view_unlock(v) < 0 && rc >= 0)
		return -1;
	errno = e;
	return rc;
}
