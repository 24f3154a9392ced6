/*
 * cmd-mailbox.c: CREATE, DELETE, RENAME, SUBSCRIBE, UNSUBSCRIBE
 * (RFC 3501 6.3.3-7) on the library's Maildir++ folders (folder.h).
 */
#include <errno.h>
#include <string.h>

#include "commands.h"
#include "folder.h"
#include "subscriptions.h"

static int
folder_error(struct result *res, const char *what, const char *why)
{
	switch (errno) {
	case EEXIST:
		return done(res, "NO", "[ALREADYEXISTS] Mailbox already "
		    "exists");
	case ENOENT:
		return done(res, "NO", "[NONEXISTENT] Mailbox doesn't exist");
	case EPERM:
		return done(res, "NO", "[CANNOT] %s INBOX is not permitted",
		    what);
	case ENOTEMPTY:
		return done(res, "NO", "[CANNOT] Mailbox has children, "
		    "delete them first");
	case EINVAL:
		return done(res, "NO", "[CANNOT] %s", why ? why :
		    "Invalid mailbox name");
	case ENAMETOOLONG:
		return done(res, "NO", "[LIMIT] Mailbox name too long");
	default:
		return done(res, "NO", "[SERVERBUG] %s failed", what);
	}
}

int
cmd_create(struct session *s, const struct imap_arg *a, struct command *c,
    struct result *res)
{
	const char *name = arg_mailbox(a), *why = NULL;
	char buf[LIM_FOLDER_NAME * 4];
	size_t n;

	(void)c;
	if (name == NULL || a->next != NULL)
		return done(res, "BAD", "Invalid arguments");
	/* RFC 3501 6.3.3: a trailing separator only declares the intent */
	n = strlen(name);
	if (n >= sizeof buf)
		return done(res, "NO", "[LIMIT] Mailbox name too long");
	memcpy(buf, name, n + 1);
	if (n > 1 && buf[n - 1] == '.')
		buf[n - 1] = '\0';
	if (folder_create(s->root, buf, &why) < 0)
		return folder_error(res, "Create", why);
	return done(res, "OK", "Create completed.");
}

int
cmd_delete(struct session *s, const struct imap_arg *a, struct command *c,
    struct result *res)
{
	const char *name = arg_mailbox(a), *why = NULL;
	char canon[LIM_FOLDER_NAME * 2 + 1];
	int selected;

	(void)c;
	if (name == NULL || a->next != NULL)
		return done(res, "BAD", "Invalid arguments");
	selected = s->sel.v != NULL && folder_canon(name, canon, sizeof canon,
	    NULL, 0, NULL) == 0 && strcmp(canon, s->sel.name) == 0;
	/* A refused DELETE (INBOX, say) changes nothing, not even the
	 * selection; once the selected folder is gone, so is the selection
	 * (Dovecot ends the session at the next command instead). */
	if (folder_delete(s->root, name, &why) < 0)
		return folder_error(res, "Delete", why);
	if (selected)
		session_unselect(s);
	return done(res, "OK", "Delete completed.");
}

int
cmd_rename(struct session *s, const struct imap_arg *a, struct command *c,
    struct result *res)
{
	const char *from = arg_mailbox(a), *to, *why = NULL;

	(void)c;
	if (from == NULL || (to = arg_mailbox(a->next)) == NULL ||
	    a->next->next != NULL)
		return done(res, "BAD", "Invalid arguments");
	if (folder_rename(s->root, from, to, &why) < 0)
		return folder_error(res, "Rename", why);
	session_follow_rename(s, from, to);
	return done(res, "OK", "Rename completed.");
}

static int
subscribe(struct session *s, const struct imap_arg *a, struct result *res,
    int add)
{
	const char *name = arg_mailbox(a), *why = NULL;
	char canon[LIM_FOLDER_NAME * 2 + 1];

	if (name == NULL || a->next != NULL)
		return done(res, "BAD", "Invalid arguments");
	if (folder_canon(name, canon, sizeof canon, NULL, 0, &why) < 0)
		return folder_error(res, "Subscribe", why);
	if ((add ? subs_add(s->root, canon) : subs_remove(s->root, canon)) < 0)
		return done(res, "NO", "[SERVERBUG] Cannot update "
		    "subscriptions");
	return done(res, "OK", "%s completed.", add ? "Subscribe" :
	    "Unsubscribe");
}

int
cmd_subscribe(struct session *s, const struct imap_arg *a,
    struct command *c, struct result *res)
{
	(void)c;
	return subscribe(s, a, res, 1);
}

int
cmd_unsubscribe(struct session *s, const struct imap_arg *a,
    struct command *c, struct result *res)
{
	(void)c;
	return subscribe(s, a, res, 0);
}
