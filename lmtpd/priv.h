/*
 * priv.h: run a piece of work with a recipient's uid and gid.
 *
 * Running as root (per-user uids), the work runs in a child that drops
 * to the user for good (groups, gid, then real, effective and saved
 * uid) and checks that root cannot be regained before it touches a
 * file; the parent, still root, never writes into a Maildir.  Not
 * running as root (virtual users under one mail uid), the work runs
 * right here.
 */
#ifndef LMTP_PRIV_H
#define LMTP_PRIV_H

#include <sys/types.h>
#include <stddef.h>

/*
 * Call work(arg, out) as uid/gid when switching, directly otherwise.
 * The work fills out (outsize bytes), which the child sends back.
 * Returns the work's result, or -1 with errno if the child failed.
 */
int priv_run(int switching, uid_t uid, gid_t gid,
    int (*work)(void *arg, void *out), void *arg, void *out,
    size_t outsize);

#endif
