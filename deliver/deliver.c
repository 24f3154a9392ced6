/*
 * deliver: one message from standard input into one Maildir, for MTA
 * pipes (qmail .qmail, Postfix mailbox_command, Exim pipe, fetchmail
 * mda).  See deliver(8).
 *
 *	deliver [options] ./Maildir/
 *	deliver [options] -d user@example.org [-t users.cdb]
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "delivery.h"
#include "log.h"
#include "loop.h"
#include "message.h"
#include "quota.h"
#include "quotawarn.h"
#include "result.h"
#include "signals.h"
#include "target.h"
#include "trace.h"

static struct delivery dlv;	/* holds a 64 KiB buffer: not on the stack */
static char why_buf[LIM_LOG_VALUE];

static const char *
why_errno(const char *what, int errnum)
{
	snprintf(why_buf, sizeof why_buf, "%s: %s", what, strerror(errnum));
	return why_buf;
}

/* Loop check, then the Return-Path and Delivered-To lines. */
static enum result
deliver_trace(const struct deliver_args *a, const struct message *m,
    struct str *prefix, const char **why)
{
	const char *rcpt = a->recipient, *h;
	size_t len;

	h = message_header(m, &len);
	if (rcpt) {
		enum loop_verdict v = loop_check(h, len, rcpt,
		    m->from_len > 0);
		if (v == LOOP_FOUND)
			return *why = "mail loop: Delivered-To already there",
			    RESULT_LOOP;
		if (v == LOOP_MTA_ADDED)
			rcpt = NULL;	/* the MTA's line is ours */
	}
	if (trace_lines(prefix, a->sender, rcpt) < 0)
		return *why = "control characters in sender or recipient",
		    RESULT_DATA;
	return RESULT_OK;
}

static enum result
deliver_status(enum md_status st)
{
	return st == MD_PERM ? RESULT_PERM : RESULT_TEMP;
}

/* Write the message into tmp/; nothing is visible yet. */
static enum result
deliver_write(const struct deliver_args *a, struct message *m,
    const struct target *t, const struct str *prefix, const char **why)
{
	enum md_status st;

	st = delivery_open(&dlv, t->dir, DELIVERY_CRLF);
	if (st != MD_OK)
		return *why = why_errno("cannot create in tmp/", dlv.errnum),
		    deliver_status(st);
	st = message_write(m, &dlv, prefix->s, prefix->len, a->sender != NULL);
	if (st != MD_OK && m->read_errno)
		return *why = why_errno("read error", m->read_errno),
		    RESULT_TEMP;
	if (st != MD_OK && dlv.errnum == EFBIG)
		return *why = "message too big", RESULT_DATA;
	if (st != MD_OK)
		return *why = why_errno("write error", dlv.errnum),
		    deliver_status(st);
	return RESULT_OK;
}

/* Does the message fit?  Courier README.maildirquota "Delivering". */
static enum result
deliver_quota(const struct deliver_args *a, const struct target *t,
    struct quota *q, const char **why)
{
	int fits;

	if (quota_open(q, t->dir, t->have_limits ? &t->lim : NULL) < 0)
		return *why = why_errno("maildirsize", errno), RESULT_TEMP;
	q->grace_percent = a->grace_percent;
	if ((fits = quota_fits(q, dlv.size, 1)) < 0)
		return *why = why_errno("quota recalculation", errno),
		    RESULT_TEMP;
	if (fits == 0)
		return *why = "over quota", a->quota_permanent ?
		    RESULT_QUOTA_PERM : RESULT_QUOTA_TEMP;
	return RESULT_OK;
}

static void
deliver_fail(enum result r, const char *why)
{
	delivery_abort(&dlv);
	result_fail(r, "%s", why);
}

int
main(int argc, char **argv)
{
	struct str prefix = STR_INIT(2 * LIM_LINE + 64);
	struct deliver_args a;
	struct message m;
	struct target t;
	struct quota q;
	const char *why = "";
	enum result r;

	log_init("deliver");
	r = args_parse(&a, argc, argv, &why) < 0 ? RESULT_USAGE : RESULT_OK;
	result_use_sysexits(a.sysexits);
	signals_setup(dlv.tmppath, result_exit_code(RESULT_TEMP));
	if (r == RESULT_OK)
		r = target_resolve(&a, &t, &why);
	if (r == RESULT_OK && message_read_head(&m, STDIN_FILENO) < 0)
		r = RESULT_TEMP, why = why_errno("read error", errno);
	if (r == RESULT_OK)
		r = deliver_trace(&a, &m, &prefix, &why);
	if (r == RESULT_OK)
		r = deliver_write(&a, &m, &t, &prefix, &why);
	if (r == RESULT_OK)
		r = deliver_quota(&a, &t, &q, &why);
	if (r == RESULT_OK && delivery_commit(&dlv, 0, 0) != MD_OK)
		r = deliver_status(delivery_errno_status(dlv.errnum)),
		why = why_errno("cannot commit", dlv.errnum);
	if (r != RESULT_OK)
		deliver_fail(r, why);
	if (quota_add(&q, dlv.size, 1) < 0)
		log_warn("quota", "error=%s", log_esc(strerror(errno)));
	quotawarn_check(&q, t.root, a.warn_percent, a.warn_template,
	    a.recipient);
	log_info("deliver", "folder=%s file=%s size=%lld",
	    log_esc(t.folder), log_esc(dlv.name), dlv.size);
	quota_close(&q);
	message_free(&m);
	str_free(&prefix);
	return 0;
}
