/*
 * cmd-append.c: APPEND (RFC 3501 6.3.11) with UIDPLUS APPENDUID
 * (RFC 4315) and LITERAL+ (RFC 7888).  The message literal was read by
 * the reader (reader.h): small ones in the command buffer, large ones
 * spooled to an unlinked file; the size bound was enforced there.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "commands.h"
#include "flags.h"
#include "mdname.h"
#include "store-msg.h"

/* "dd-Mon-yyyy hh:mm:ss +zzzz" (date-day-fixed: " 1" or "01"). */
static time_t
parse_date_time(const char *s)
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	struct tm tm;
	char mon[4];
	int d, y, H, M, S, zone, n = 0;
	const char *p;

	memset(&tm, 0, sizeof tm);
	if (strlen(s) != 26 || sscanf(s, "%2d-%3c-%4d %2d:%2d:%2d %5d%n", &d,
	    mon, &y, &H, &M, &S, &zone, &n) != 7 || n != 26)
		return (time_t)-1;
	mon[3] = '\0';
	if ((p = strstr(months, mon)) == NULL || (p - months) % 3 != 0 ||
	    d < 1 || d > 31 || H > 23 || M > 59 || S > 60 ||
	    (s[21] != '+' && s[21] != '-'))
		return (time_t)-1;
	tm.tm_mday = d;
	tm.tm_mon = (int)((p - months) / 3);
	tm.tm_year = y - 1900;
	tm.tm_hour = H;
	tm.tm_min = M;
	tm.tm_sec = S;
	zone = zone < 0 ? -zone : zone;
	return timegm(&tm) - (s[21] == '-' ? -1 : 1) *
	    (time_t)((zone / 100) * 3600 + (zone % 100) * 60);
}

struct append_args {
	const char *mailbox;
	const struct imap_arg *flags;
	time_t date;
	const struct imap_arg *msg;
};

static int
parse_args(const struct imap_arg *a, struct append_args *aa)
{
	memset(aa, 0, sizeof *aa);
	if ((aa->mailbox = arg_mailbox(a)) == NULL)
		return -1;
	a = a->next;
	if (a != NULL && a->type == IMAP_ARG_LIST) {
		aa->flags = a;
		a = a->next;
	}
	if (a != NULL && a->type == IMAP_ARG_QUOTED) {
		if ((aa->date = parse_date_time(a->s)) == (time_t)-1)
			return -1;
		a = a->next;
	}
	if (a == NULL || a->next != NULL || (a->type != IMAP_ARG_LITERAL &&
	    a->type != IMAP_ARG_SPOOL))
		return -1;
	aa->msg = a;
	return 0;
}

static int
append_error(struct result *res, enum store_err e)
{
	switch (e) {
	case SE_BADNAME:
		return done(res, "NO", "[CANNOT] Invalid mailbox name");
	case SE_NOFOLDER:
		return done(res, "NO", "[TRYCREATE] Mailbox doesn't exist");
	case SE_OVERQUOTA:
		return done(res, "NO", "[OVERQUOTA] Quota exceeded");
	case SE_NOSPACE:
		return done(res, "NO", "[OVERQUOTA] Not enough disk space");
	case SE_PERM:
		return done(res, "NO", "[CANNOT] Cannot save the message");
	default:
		return done(res, "NO", "[UNAVAILABLE] Temporary failure, "
		    "try again later");
	}
}

int
cmd_append(struct session *s, const struct imap_arg *a, struct command *c,
    struct result *res)
{
	struct append_args aa;
	struct target t;
	enum store_err e;
	char name[MDNAME_MAX + 1];
	unsigned flags = 0;
	uint32_t kw = 0, uid;
	const char *why;

	if (a == NULL || parse_args(a, &aa) < 0)
		return done(res, "BAD", "Invalid APPEND arguments");
	if ((e = target_open(s, aa.mailbox, &t)) != SE_OK)
		return append_error(res, e);
	if (aa.flags && flags_parse(t.v, aa.flags, 1, &flags, &kw, &why) < 0) {
		target_close(&t);
		return done(res, why[0] == '[' ? "NO" : "BAD", "%s", why);
	}
	e = target_deliver(s, &t, aa.msg->type == IMAP_ARG_SPOOL ?
	    c->spool_fd : -1, aa.msg->s, aa.msg->len, flags, kw, aa.date,
	    name, sizeof name);
	if (e != SE_OK) {
		target_close(&t);
		return append_error(res, e);
	}
	target_refresh(s, &t);
	uid = target_uid(&t, name);
	if (uid != 0)
		done(res, "OK", "[APPENDUID %u %u] Append completed.",
		    t.v->uidvalidity, uid);
	else
		done(res, "OK", "Append completed.");
	target_close(&t);
	return 0;
}
