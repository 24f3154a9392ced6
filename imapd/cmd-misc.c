/*
 * cmd-misc.c: CAPABILITY NOOP LOGOUT ID ENABLE NAMESPACE CHECK CLOSE
 * UNSELECT EXPUNGE (UID EXPUNGE), and LOGIN/AUTHENTICATE/STARTTLS after
 * login.
 */
#include <errno.h>
#include <string.h>

#include "commands.h"
#include "mdname.h"
#include "msgset.h"

/* RFC 7888 5: LITERAL+ or LITERAL-, never both (IMAP_LITERAL). */
const char *
imapd_capabilities(const struct session *s)
{
	return s->literal_minus ?
	    "IMAP4rev1 LITERAL- SASL-IR ID ENABLE IDLE NAMESPACE UIDPLUS "
	    "UNSELECT MOVE CHILDREN SPECIAL-USE QUOTA" :
	    "IMAP4rev1 LITERAL+ SASL-IR ID ENABLE IDLE NAMESPACE UIDPLUS "
	    "UNSELECT MOVE CHILDREN SPECIAL-USE QUOTA";
}

int
cmd_capability(struct session *s, const struct imap_arg *a,
    struct command *c, struct result *res)
{
	(void)c;
	if (a != NULL)
		return done(res, "BAD", "CAPABILITY takes no arguments");
	if (untagged(s, "CAPABILITY %s", imapd_capabilities(s)) < 0)
		return -1;
	return done(res, "OK", "Capability completed.");
}

int
cmd_noop(struct session *s, const struct imap_arg *a, struct command *c,
    struct result *res)
{
	(void)s;
	(void)c;
	if (a != NULL)
		return done(res, "BAD", "NOOP takes no arguments");
	return done(res, "OK", "NOOP completed.");
}

int
cmd_check(struct session *s, const struct imap_arg *a, struct command *c,
    struct result *res)
{
	(void)s;
	(void)c;
	if (a != NULL)
		return done(res, "BAD", "CHECK takes no arguments");
	return done(res, "OK", "Check completed.");
}

int
cmd_logout(struct session *s, const struct imap_arg *a, struct command *c,
    struct result *res)
{
	(void)c;
	if (a != NULL)
		return done(res, "BAD", "LOGOUT takes no arguments");
	if (untagged(s, "BYE Logging out") < 0)
		return -1;
	session_unselect(s);
	s->state = ST_LOGOUT;
	return done(res, "OK", "Logout completed.");
}

int
cmd_login_again(struct session *s, const struct imap_arg *a,
    struct command *c, struct result *res)
{
	(void)s;
	(void)a;
	(void)c;
	return done(res, "BAD", "Already logged in.");
}

/* RFC 2971: ID NIL or a list of at most 30 string/nstring pairs. */
int
cmd_id(struct session *s, const struct imap_arg *a, struct command *c,
    struct result *res)
{
	size_t n;

	(void)c;
	if (a == NULL || a->next != NULL ||
	    (a->type != IMAP_ARG_NIL && a->type != IMAP_ARG_LIST))
		return done(res, "BAD", "Invalid ID arguments");
	if (a->type == IMAP_ARG_LIST) {
		n = imap_arg_count(a->child);
		if (n % 2 != 0 || n > 60)
			return done(res, "BAD", "Invalid ID list");
		for (const struct imap_arg *p = a->child; p; p = p->next)
			if (!imap_arg_is_string(p))
				return done(res, "BAD", "Invalid ID field");
	}
	if (untagged(s, "ID (\"name\" \"imapd\" \"vendor\" "
	    "\"maildir-suite\")") < 0)
		return -1;
	return done(res, "OK", "ID completed.");
}

/* RFC 5161: nothing we offer can be enabled yet, so ENABLED is empty. */
int
cmd_enable(struct session *s, const struct imap_arg *a, struct command *c,
    struct result *res)
{
	(void)c;
	if (a == NULL)
		return done(res, "BAD", "Missing capability");
	for (; a != NULL; a = a->next)
		if (a->type != IMAP_ARG_ATOM)
			return done(res, "BAD", "Invalid capability");
	if (untagged(s, "ENABLED") < 0)
		return -1;
	return done(res, "OK", "Enabled.");
}

/* RFC 2342: one personal namespace, empty prefix, "." separator. */
int
cmd_namespace(struct session *s, const struct imap_arg *a,
    struct command *c, struct result *res)
{
	(void)c;
	if (a != NULL)
		return done(res, "BAD", "NAMESPACE takes no arguments");
	if (untagged(s, "NAMESPACE ((\"\" \".\")) NIL NIL") < 0)
		return -1;
	return done(res, "OK", "Namespace completed.");
}

/*
 * Remove \Deleted messages (only those in uids, if given), under one
 * dovecot-uidlist.lock.  -1 with the tagged result set: NO [INUSE] when
 * the lock stayed busy (nothing was expunged then).
 */
static int
expunge_deleted(struct session *s, struct seqset *uids, struct result *res)
{
	struct view *v = s->sel.v;
	int failed = 0, locked = 0;

	for (size_t i = 0; i < v->count; i++) {
		const struct view_msg *m = &v->msgs[i];

		if (m->expunged || !(m->flags & MDF_TRASHED) ||
		    (uids && !seqset_contains(uids, m->uid)))
			continue;
		/* the lock once, and only when something is to go */
		if (!locked && session_lock(s, res) < 0)
			return -1;
		locked = 1;
		if (view_expunge(v, i) < 0 && errno != ENOENT)
			failed = 1;
	}
	if (locked)
		session_unlock(s);
	if (failed)
		done(res, "NO", "[SERVERBUG] Some messages could not be "
		    "expunged.");
	return failed ? -1 : 0;
}

int
cmd_expunge(struct session *s, const struct imap_arg *a, struct command *c,
    struct result *res)
{
	struct seqset set;
	int r;

	(void)c;
	if (s->sel.readonly)
		return done(res, "NO", "[READ-ONLY] Mailbox is read-only.");
	if (!s->uid) {
		if (a != NULL)
			return done(res, "BAD", "EXPUNGE takes no arguments");
		r = expunge_deleted(s, NULL, res);
	} else {
		const char *why;

		if (a == NULL || a->next != NULL ||
		    msgset_parse(s, a, 1, &set, &why) < 0)
			return done(res, "BAD", "Invalid UID set");
		r = expunge_deleted(s, &set, res);
		seqset_free(&set);
	}
	if (r < 0)
		return 0;	/* res set by expunge_deleted */
	return done(res, "OK", "Expunge completed.");
}

int
cmd_close(struct session *s, const struct imap_arg *a, struct command *c,
    struct result *res)
{
	(void)c;
	if (a != NULL)
		return done(res, "BAD", "CLOSE takes no arguments");
	/*
	 * RFC 3501 6.4.2: expunge silently, no EXPUNGE responses.  When the
	 * lock stays busy the folder stays selected and CLOSE answers NO
	 * [INUSE], so the client can retry rather than lose the expunge.
	 */
	if (!s->sel.readonly && expunge_deleted(s, NULL, res) < 0 &&
	    strstr(res->text, "[INUSE]") != NULL)
		return 0;
	session_unselect(s);
	return done(res, "OK", "Close completed.");
}

int
cmd_unselect(struct session *s, const struct imap_arg *a,
    struct command *c, struct result *res)
{
	(void)c;
	if (a != NULL)
		return done(res, "BAD", "UNSELECT takes no arguments");
	session_unselect(s);
	return done(res, "OK", "Unselect completed.");
}
