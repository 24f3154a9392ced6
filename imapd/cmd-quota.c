/*
 * cmd-quota.c: QUOTA (RFC 9208) read from the Maildir++ maildirsize
 * file (quota.h).  One quota root "" covers every folder; resources
 * STORAGE (KiB) and MESSAGE.  SETQUOTA is refused: limits come from the
 * user table.
 */
#include <string.h>

#include "commands.h"
#include "imapstr.h"
#include "quota.h"

static int
put_quota(struct session *s, struct quota *q)
{
	struct str o = STR_INIT(256);
	int r = 0;

	if (q->lim.bytes > 0)
		r = str_printf(&o, "STORAGE %lld %lld", (q->bytes + 1023) / 1024,
		    q->lim.bytes / 1024);
	if (r == 0 && q->lim.count > 0)
		r = str_printf(&o, "%sMESSAGE %lld %lld", o.len ? " " : "",
		    q->count, q->lim.count);
	if (r == 0)
		r = untagged(s, "QUOTA \"\" (%s)", o.s ? o.s : "");
	str_free(&o);
	return r;
}

int
cmd_getquotaroot(struct session *s, const struct imap_arg *a,
    struct command *c, struct result *res)
{
	const char *name = arg_mailbox(a);
	struct str nm = STR_INIT(1024);
	struct quota q;
	int r, on;

	(void)c;
	if (name == NULL || a->next != NULL)
		return done(res, "BAD", "Invalid arguments");
	if (quota_open(&q, s->root, NULL) < 0)
		return done(res, "NO", "[UNAVAILABLE] Cannot read quota");
	on = quota_enabled(&q);
	imap_put_astring(&nm, name, strlen(name));
	r = untagged(s, "QUOTAROOT %s%s", nm.s, on ? " \"\"" : "");
	if (r == 0 && on)
		r = put_quota(s, &q);
	quota_close(&q);
	str_free(&nm);
	return r < 0 ? -1 : done(res, "OK", "Getquotaroot completed.");
}

int
cmd_getquota(struct session *s, const struct imap_arg *a, struct command *c,
    struct result *res)
{
	struct quota q;
	int r;

	(void)c;
	if (!imap_arg_is_string(a) || a->next != NULL)
		return done(res, "BAD", "Invalid arguments");
	if (a->len != 0)
		return done(res, "NO", "[NONEXISTENT] No such quota root");
	if (quota_open(&q, s->root, NULL) < 0)
		return done(res, "NO", "[UNAVAILABLE] Cannot read quota");
	if (!quota_enabled(&q)) {
		quota_close(&q);
		return done(res, "NO", "[NONEXISTENT] No such quota root");
	}
	r = put_quota(s, &q);
	quota_close(&q);
	return r < 0 ? -1 : done(res, "OK", "Getquota completed.");
}

int
cmd_setquota(struct session *s, const struct imap_arg *a, struct command *c,
    struct result *res)
{
	(void)s;
	(void)a;
	(void)c;
	return done(res, "NO", "[CANNOT] Quota limits are set by the "
	    "administrator");
}
