/*
 * target.h: where the message goes.  Either the Maildir named on the
 * command line, or the user's Maildir from the user table (-d), dropping
 * root privileges to the user's uid and gid first; then the folder from
 * -m or the +detail of the address, if it exists (or -m with -c), else
 * INBOX.  Also the quota limits that apply.
 */
#ifndef DELIVER_TARGET_H
#define DELIVER_TARGET_H

#include "args.h"
#include "limits.h"
#include "quota.h"
#include "result.h"

struct target {
	char root[LIM_PATH];		/* the Maildir (INBOX) */
	char dir[LIM_PATH];		/* root or the folder's directory */
	char folder[LIM_PATH];		/* folder name for logs: INBOX ... */
	char detail[LIM_LOGIN];		/* "+detail" without the delimiter */
	struct quota_limits lim;	/* from the table or -Q */
	int have_limits;		/* else: the maildirsize file's */
};

/* RESULT_OK, or a failure result with *why set. */
enum result target_resolve(const struct deliver_args *, struct target *,
    const char **why);

#endif
