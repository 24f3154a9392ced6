/*
 * update.c: the UPDATE state (RFC 1939 section 6), entered only by QUIT.
 * A dropped connection never gets here, so it changes nothing.
 */
#include <errno.h>

#include "log.h"
#include "mdname.h"
#include "view.h"
#include "maildrop.h"
#include "quota-update.h"

/* Apply one message's fate; 0, or -1 for a real failure. */
static int
update_msg(struct maildrop *md, const struct pop3_msg *m,
    long long *freed, long long *nfreed)
{
	struct view *v = md->view;
	const struct view_msg *vm = &v->msgs[m->vi];
	unsigned flags = vm->flags;

	if (vm->expunged)
		return 0;	/* another session removed it: fine */
	if (m->deleted && !md->delete_flag) {
		long long size = vm->size;
		if (view_expunge(v, m->vi) < 0)
			return errno == ENOENT ? 0 : -1;
		*freed += size;
		(*nfreed)++;
		return 0;
	}
	if (m->deleted)
		flags |= MDF_TRASHED;
	if (m->retrieved)
		flags |= MDF_SEEN;
	if (flags == vm->flags)
		return 0;
	if (view_set_flags(v, m->vi, flags, vm->keywords) < 0)
		return errno == ENOENT ? 0 : -1;
	return 0;
}

int
maildrop_update(struct maildrop *md)
{
	long long freed = 0, nfreed = 0;
	int failed = 0;

	/* Learn others' renames and flag changes, so we keep their flags. */
	if (view_refresh(md->view, NULL) < 0)
		return -1;
	/* One dovecot-uidlist.lock for every rename and unlink (view.h). */
	if (view_lock(md->view) < 0)
		return -1;
	for (size_t i = 0; i < md->count; i++) {
		if (update_msg(md, &md->msgs[i], &freed, &nfreed) < 0) {
			log_warn("update-fail", "msg=%zu errno=%d", i + 1,
			    errno);
			failed = 1;
		}
	}
	if (view_unlock(md->view) < 0)
		failed = 1;
	if (nfreed > 0 && quota_update_release(md->dir, freed, nfreed) < 0)
		log_warn("quota-update-fail", "errno=%d", errno);
	return failed ? -1 : 0;
}
