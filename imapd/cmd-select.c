/* cmd-select.c: SELECT, EXAMINE (RFC 3501 6.3.1-2), STATUS (6.3.10). */
#include <errno.h>
#include <string.h>
#include <strings.h>

#include "commands.h"
#include "folder.h"
#include "imapstr.h"
#include "mdname.h"

static int
select_common(struct session *s, const struct imap_arg *a,
    struct result *res, int readonly)
{
	const char *name = arg_mailbox(a);

	if (name == NULL || a->next != NULL)
		return done(res, "BAD", "Invalid arguments");
	if (session_select(s, name, readonly) < 0) {
		session_unselect(s);
		if (errno == ENOENT || errno == EINVAL)
			return done(res, "NO", "[NONEXISTENT] Mailbox doesn't "
			    "exist: %.200s", name);
		return done(res, "NO", "[SERVERBUG] Cannot open mailbox");
	}
	return done(res, "OK", "[%s] %s completed.",
	    readonly ? "READ-ONLY" : "READ-WRITE",
	    readonly ? "Examine" : "Select");
}

int
cmd_select(struct session *s, const struct imap_arg *a, struct command *c,
    struct result *res)
{
	(void)c;
	return select_common(s, a, res, 0);
}

int
cmd_examine(struct session *s, const struct imap_arg *a, struct command *c,
    struct result *res)
{
	(void)c;
	return select_common(s, a, res, 1);
}

static int
status_item(struct str *o, const char *item, const struct view *v)
{
	unsigned long n = 0;

	if (strcasecmp(item, "MESSAGES") == 0)
		n = v->count;
	else if (strcasecmp(item, "RECENT") == 0) {
		for (size_t i = 0; i < v->count; i++)
			n += v->msgs[i].recent || v->msgs[i].in_new;
	} else if (strcasecmp(item, "UIDNEXT") == 0)
		n = v->uidnext;
	else if (strcasecmp(item, "UIDVALIDITY") == 0)
		n = v->uidvalidity;
	else if (strcasecmp(item, "UNSEEN") == 0) {
		for (size_t i = 0; i < v->count; i++)
			n += !(v->msgs[i].flags & MDF_SEEN);
	} else
		return -1;
	return str_printf(o, "%s%s %lu", o->len > 0 ? " " : "", item, n);
}

int
cmd_status(struct session *s, const struct imap_arg *a, struct command *c,
    struct result *res)
{
	const char *name = arg_mailbox(a);
	char path[LIM_PATH], canon[LIM_FOLDER_NAME * 2 + 1];
	struct str o = STR_INIT(1024), nm = STR_INIT(1024);
	struct view *v;
	int r = 0;

	(void)c;
	if (name == NULL || a->next == NULL || a->next->type != IMAP_ARG_LIST
	    || a->next->child == NULL || a->next->next != NULL)
		return done(res, "BAD", "Invalid arguments");
	if (folder_path(s->root, name, path, sizeof path, NULL) < 0 ||
	    (v = view_open(path, VIEW_KEEPNEW)) == NULL)
		return done(res, "NO", "[NONEXISTENT] Mailbox doesn't exist: "
		    "%.200s", name);
	for (const struct imap_arg *i = a->next->child; r == 0 && i;
	    i = i->next)
		r = i->type == IMAP_ARG_ATOM ? status_item(&o, i->s, v) : -1;
	view_close(v);
	if (r < 0) {
		str_free(&o);
		return done(res, "BAD", "Invalid status item");
	}
	folder_canon(name, canon, sizeof canon, NULL, 0, NULL);
	imap_put_astring(&nm, canon, strlen(canon));
	r = untagged(s, "STATUS %s (%s)", nm.s, o.s);
	str_free(&o);
	str_free(&nm);
	return r < 0 ? -1 : done(res, "OK", "Status completed.");
}
