/* commands.c: the command table and dispatcher; see commands.h. */
#include <errno.h>
#ifdef __GLIBC__
#include <malloc.h>	/* malloc_trim */
#endif
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "commands.h"
#include "fetchcache.h"
#include "log.h"

#define IDLE_KEEP	4096	/* bytes a buffer keeps between commands */

enum {
	S_AUTH = 1 << 0,
	S_SEL = 1 << 1,
	EXPUNGE_OK = 1 << 2,	/* EXPUNGE responses may follow */
	UID_OK = 1 << 3,	/* has a UID form */
};

static const struct {
	const char *name;
	cmd_fn *fn;
	unsigned opts;
} table[] = {
	{ "CAPABILITY", cmd_capability, S_AUTH | S_SEL | EXPUNGE_OK },
	{ "NOOP", cmd_noop, S_AUTH | S_SEL | EXPUNGE_OK },
	{ "LOGOUT", cmd_logout, S_AUTH | S_SEL },
	{ "ID", cmd_id, S_AUTH | S_SEL | EXPUNGE_OK },
	{ "ENABLE", cmd_enable, S_AUTH | S_SEL },
	{ "NAMESPACE", cmd_namespace, S_AUTH | S_SEL | EXPUNGE_OK },
	{ "LOGIN", cmd_login_again, S_AUTH | S_SEL },
	{ "AUTHENTICATE", cmd_login_again, S_AUTH | S_SEL },
	{ "STARTTLS", cmd_login_again, S_AUTH | S_SEL },
	{ "SELECT", cmd_select, S_AUTH | S_SEL },
	{ "EXAMINE", cmd_examine, S_AUTH | S_SEL },
	{ "CREATE", cmd_create, S_AUTH | S_SEL | EXPUNGE_OK },
	{ "DELETE", cmd_delete, S_AUTH | S_SEL | EXPUNGE_OK },
	{ "RENAME", cmd_rename, S_AUTH | S_SEL | EXPUNGE_OK },
	{ "SUBSCRIBE", cmd_subscribe, S_AUTH | S_SEL | EXPUNGE_OK },
	{ "UNSUBSCRIBE", cmd_unsubscribe, S_AUTH | S_SEL | EXPUNGE_OK },
	{ "LIST", cmd_list, S_AUTH | S_SEL | EXPUNGE_OK },
	{ "LSUB", cmd_lsub, S_AUTH | S_SEL | EXPUNGE_OK },
	{ "STATUS", cmd_status, S_AUTH | S_SEL | EXPUNGE_OK },
	{ "APPEND", cmd_append, S_AUTH | S_SEL | EXPUNGE_OK },
	{ "IDLE", cmd_idle, S_AUTH | S_SEL | EXPUNGE_OK },
	{ "GETQUOTA", cmd_getquota, S_AUTH | S_SEL | EXPUNGE_OK },
	{ "GETQUOTAROOT", cmd_getquotaroot, S_AUTH | S_SEL | EXPUNGE_OK },
	{ "SETQUOTA", cmd_setquota, S_AUTH | S_SEL | EXPUNGE_OK },
	{ "CHECK", cmd_check, S_SEL | EXPUNGE_OK },
	{ "CLOSE", cmd_close, S_SEL },
	{ "UNSELECT", cmd_unselect, S_SEL },
	{ "EXPUNGE", cmd_expunge, S_SEL | EXPUNGE_OK | UID_OK },
	/* RFC 3501 7.4.1: no EXPUNGE while answering FETCH, STORE, SEARCH */
	{ "FETCH", cmd_fetch, S_SEL | UID_OK },
	{ "STORE", cmd_store, S_SEL | UID_OK },
	{ "SEARCH", cmd_search, S_SEL | UID_OK },
	{ "COPY", cmd_copy, S_SEL | EXPUNGE_OK | UID_OK },
	{ "MOVE", cmd_move, S_SEL | EXPUNGE_OK | UID_OK },
};

int
done(struct result *res, const char *status, const char *fmt, ...)
{
	va_list ap;

	res->status = status;
	va_start(ap, fmt);
	vsnprintf(res->text, sizeof res->text, fmt, ap);
	va_end(ap);
	return 0;
}

/*
 * Take dovecot-uidlist.lock for a command that changes many messages, so
 * it is taken once (view.h).  On failure the tagged result is set before
 * anything was said: NO [INUSE] when another process held the lock for
 * the whole wait (RFC 5530), NO [SERVERBUG] otherwise.
 */
int
folder_lock(struct view *v, const char *name, struct result *res)
{
	if (view_lock(v) == 0)
		return 0;
	if (errno == EAGAIN) {
		log_warn("lock-busy", "folder=%s", log_esc(name));
		done(res, "NO", "[INUSE] Mailbox is locked by another "
		    "process, try again later.");
	} else {
		log_warn("lock", "folder=%s errno=%d", log_esc(name), errno);
		done(res, "NO", "[SERVERBUG] Could not lock the mailbox.");
	}
	return -1;
}

int
session_lock(struct session *s, struct result *res)
{
	return folder_lock(s->sel.v, s->sel.name, res);
}

void
folder_unlock(struct view *v, const char *name)
{
	if (view_unlock(v) < 0)
		log_warn("unlock", "folder=%s errno=%d", log_esc(name), errno);
}

void
session_unlock(struct session *s)
{
	folder_unlock(s->sel.v, s->sel.name);
}

const char *
arg_mailbox(const struct imap_arg *a)
{
	if (!imap_arg_is_string(a) || memchr(a->s, '\0', a->len) != NULL)
		return NULL;
	return a->s;
}

static int
find(const char *name)
{
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		if (strcasecmp(name, table[i].name) == 0)
			return (int)i;
	return -1;
}

/*
 * After a command, when the client has sent nothing more: give back what
 * it used, so an idle session is small.  The cache's mapped pages are
 * dropped, buffers that grew for a big command are freed (they grow
 * again on demand), and glibc's malloc is asked to return its free
 * pages, which it otherwise keeps.  Done before the tagged reply is
 * flushed, so the client never sees a session that has not shrunk yet.
 */
static void
release_idle(struct session *s, struct command *c)
{
	fetchcache_idle(s);
	if (io_pending(&s->in) > 0)
		return;		/* pipelined commands: keep going */
	if (c->buf.cap > IDLE_KEEP)
		str_free(&c->buf);
	if (s->tmp.cap > IDLE_KEEP)
		str_free(&s->tmp);
#ifdef __GLIBC__
	(void)malloc_trim(0);
#endif
}

static int
finish(struct session *s, unsigned opts, struct result *res,
    struct command *c)
{
	/* the refresh before the command found what others changed */
	if (s->state == ST_SELECTED && s->sel.v != NULL &&
	    session_announce(s, (opts & EXPUNGE_OK) != 0) < 0)
		return -1;
	if (res->status != NULL &&
	    reply(s, res->status, "%s", res->text) < 0)
		return -1;
	release_idle(s, c);
	return io_flush(&s->out);
}

int
dispatch(struct session *s, struct imap_cmd *cmd, struct command *c)
{
	const struct imap_arg *args = cmd->args;
	const char *name = cmd->name;
	struct result res = { "OK", "" };
	int i;

	s->tag = cmd->tag;
	s->uid = 0;
	s->commands++;
	if (strcasecmp(name, "UID") == 0) {
		if (args == NULL || args->type != IMAP_ARG_ATOM)
			return reply_bad(s, "Missing UID command") < 0 ? -1 :
			    io_flush(&s->out);
		s->uid = 1;
		name = args->s;
		args = args->next;
	}
	i = find(name);
	if (i < 0 || (s->uid && !(table[i].opts & UID_OK)))
		return reply_bad(s, "Unknown command %.40s", name) < 0 ? -1 :
		    io_flush(&s->out);
	if (!(table[i].opts & (s->state == ST_SELECTED ? S_SEL : S_AUTH)))
		return reply_bad(s, "No mailbox selected") < 0 ? -1 :
		    io_flush(&s->out);
	/*
	 * Refresh first, so that flag changes are computed from what is on
	 * disk now (another session's STORE is never undone) and a FETCH
	 * shows current flags; what changed is announced after the command.
	 */
	if (s->state == ST_SELECTED && session_refresh(s) < 0)
		return -1;
	if (table[i].fn(s, args, c, &res) < 0)
		return -1;
	if (finish(s, table[i].opts, &res, c) < 0)
		return -1;
	return s->state == ST_LOGOUT ? -1 : 0;
}
