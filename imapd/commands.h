/*
 * commands.h: the command table.  Each handler gets the arguments after
 * the command name, writes its untagged responses and sets the tagged
 * result with done(); the dispatcher then sends the untagged updates the
 * RFC allows after that command (session.h) and the tagged line.
 * One file per family: cmd-misc.c, cmd-select.c, cmd-list.c,
 * cmd-mailbox.c, cmd-fetch.c, cmd-store.c, cmd-search.c, cmd-append.c,
 * cmd-copy.c, cmd-idle.c, cmd-quota.c.
 */
#ifndef IMAPD_COMMANDS_H
#define IMAPD_COMMANDS_H

#include "parse.h"
#include "reader.h"
#include "session.h"

struct result {
	const char *status;	/* "OK", "NO", "BAD"; NULL: none (IDLE) */
	char text[512];
};

typedef int cmd_fn(struct session *, const struct imap_arg *,
    struct command *, struct result *);

/* Set the tagged result; returns 0 so handlers can `return done(...)`. */
int done(struct result *, const char *status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Run one parsed command; -1 when the session must end. */
int dispatch(struct session *, struct imap_cmd *, struct command *);

cmd_fn cmd_capability, cmd_noop, cmd_logout, cmd_id, cmd_enable,
    cmd_namespace, cmd_check, cmd_close, cmd_unselect, cmd_expunge,
    cmd_login_again, cmd_select, cmd_examine, cmd_status, cmd_list,
    cmd_lsub, cmd_create, cmd_delete, cmd_rename, cmd_subscribe,
    cmd_unsubscribe, cmd_fetch, cmd_store, cmd_search, cmd_append,
    cmd_copy, cmd_move, cmd_idle, cmd_getquota, cmd_getquotaroot,
    cmd_setquota;

/*
 * view_lock the selected folder around a loop over many messages: -1 with
 * the tagged result set (NO [INUSE] when busy); session_unlock after.
 */
int session_lock(struct session *, struct result *);
/* The same for any folder's view (name for the log). */
int folder_lock(struct view *, const char *name, struct result *);
void folder_unlock(struct view *, const char *name);
void session_unlock(struct session *);

/* A mailbox argument (astring) as a C string; NULL if invalid. */
const char *arg_mailbox(const struct imap_arg *);

#endif
