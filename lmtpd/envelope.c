/*
 * envelope.c: MAIL FROM and RCPT TO (RFC 5321 4.1.1.2-3, RFC 2033 4.1).
 * Each RCPT is checked at once against the user table and the quota, so
 * the MTA learns of unknown users and full mailboxes before the data.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "log.h"
#include "session.h"
#include "store.h"
#include "usertable.h"

/* A transaction id for the Received line and the logs. */
static void
transaction_id(struct session *s)
{
	static const char b32[] = "0123456789abcdefghijklmnopqrstuv";
	unsigned long long v;
	struct timeval tv;
	size_t i;

	gettimeofday(&tv, NULL);
	v = ((unsigned long long)tv.tv_sec << 20 | (unsigned)tv.tv_usec) ^
	    ((unsigned long long)getpid() << 44);
	for (i = 0; i < 13; i++, v >>= 5)
		s->id[i] = b32[v & 31];
	snprintf(s->id + 13, sizeof s->id - 13, "%lu", s->ntrans);
}

static int
mail_refused(struct session *s, enum lmtp_perr e)
{
	switch (e) {
	case PERR_OK:
		return 0;
	case PERR_UTF8:
		reply(s, "553 5.6.7 Non-ASCII sender needs SMTPUTF8");
		break;
	case PERR_PARAM:
		reply(s, "555 5.5.4 Unsupported or bad MAIL FROM parameter");
		break;
	case PERR_TOOLONG:
		reply(s, "501 5.1.7 Sender address too long");
		break;
	default:
		reply(s, "501 5.1.7 Bad sender address syntax");
		break;
	}
	return 1;
}

void
cmd_mail(struct session *s, char *arg)
{
	enum lmtp_perr e;
	char *params;

	if (s->lhlo[0] == '\0') {
		reply(s, "503 5.5.1 Send LHLO first");
		return;
	}
	if (s->mail) {
		reply(s, "503 5.5.1 Nested MAIL command");
		return;
	}
	e = lmtp_parse_path(arg, "FROM:", 1, &s->sender, &params);
	if (e == PERR_OK)
		e = lmtp_parse_mail_params(params, &s->mp);
	if (e == PERR_OK && s->sender.utf8 && !s->mp.smtputf8)
		e = PERR_UTF8;
	if (mail_refused(s, e))
		return;
	if (s->cfg->max_size > 0 && s->mp.size > s->cfg->max_size) {
		reply(s, "552 5.3.4 Message size exceeds fixed maximum "
		    "message size");
		return;
	}
	s->mail = 1;
	s->ntrans++;
	transaction_id(s);
	reply(s, "250 2.1.0 Sender OK");
}

static int
rcpt_refused(struct session *s, enum lmtp_perr e)
{
	switch (e) {
	case PERR_OK:
		return 0;
	case PERR_UTF8:
		reply(s, "553 5.6.7 Non-ASCII recipient needs SMTPUTF8");
		break;
	case PERR_PARAM:
		reply(s, "555 5.5.4 Unsupported or bad RCPT TO parameter");
		break;
	case PERR_TOOLONG:
		reply(s, "501 5.1.3 Recipient address too long");
		break;
	default:
		reply(s, "501 5.1.3 Bad recipient address syntax");
		break;
	}
	return 1;
}

static void
rcpt_fill(struct rcpt *r, const struct lmtp_path *p,
    const struct user_record *u)
{
	memset(r, 0, sizeof *r);
	snprintf(r->addr, sizeof r->addr, "%s", p->addr);
	snprintf(r->login, sizeof r->login, "%s", u->login);
	snprintf(r->maildir, sizeof r->maildir, "%s", u->maildir);
	snprintf(r->detail, sizeof r->detail, "%s", u->detail);
	r->uid = u->uid;
	r->gid = u->gid;
	r->quota_bytes = u->quota_bytes;
	r->quota_messages = u->quota_messages;
}

/* Look the recipient up; 0 accepted into r, -1 refused (replied). */
static int
rcpt_lookup(struct session *s, const struct lmtp_path *p, struct rcpt *r)
{
	struct user_record u;
	int ok = -1;

	if (user_lookup(s->cfg->table, p->key, s->cfg->delims, &u) < 0) {
		if (errno == ENOENT) {
			reply(s, "550 5.1.1 <%s> User unknown", p->addr);
			log_info("rcpt-unknown", "rcpt=%s", log_esc(p->addr));
		} else {
			reply(s, "451 4.3.0 <%s> Temporary user lookup "
			    "failure", p->addr);
			log_warn("usertable", "table=%s error=%s",
			    log_esc(s->cfg->table), log_esc(strerror(errno)));
		}
		return -1;
	}
	if (s->cfg->switch_uid && (u.uid == 0 || u.gid == 0)) {
		reply(s, "451 4.3.0 <%s> Refusing to deliver as root",
		    p->addr);
		log_warn("rcpt-root", "rcpt=%s user=%s", log_esc(p->addr),
		    log_esc(u.login));
	} else if (u.disable & USER_DISABLE_LMTP) {
		reply(s, "550 5.2.1 <%s> Mailbox disabled", p->addr);
		log_info("rcpt-disabled", "rcpt=%s user=%s",
		    log_esc(p->addr), log_esc(u.login));
	} else {
		rcpt_fill(r, p, &u);
		ok = 0;
	}
	user_record_wipe(&u);
	return ok;
}

/* RCPT time quota check with the SIZE the client declared. */
static int
rcpt_quota(struct session *s, struct rcpt *r)
{
	/* Without SIZE: is the mailbox full already?  quota.h takes a
	 * 0-byte message as always fitting, so ask about one byte. */
	long long size = s->mp.size > 0 ? s->mp.size : 1;

	switch (store_quota_check(s->cfg, r, size)) {
	case MD_OK:
		return 0;
	case MD_PERM:
		if (s->cfg->quota_perm)
			reply(s, "552 5.2.2 <%s> Mailbox is full", r->addr);
		else
			reply(s, "452 4.2.2 <%s> Mailbox is full", r->addr);
		log_info("rcpt-quota", "rcpt=%s user=%s size=%lld",
		    log_esc(r->addr), log_esc(r->login), size);
		return -1;
	default:
		reply(s, "451 4.3.0 <%s> Cannot read quota", r->addr);
		return -1;
	}
}

void
cmd_rcpt(struct session *s, char *arg)
{
	struct lmtp_path p;
	struct rcpt *grown;
	enum lmtp_perr e;
	char *params;

	if (!s->mail) {
		reply(s, "503 5.5.1 Need MAIL before RCPT");
		return;
	}
	if (s->bdat) {
		reply(s, "503 5.5.1 RCPT not allowed during BDAT");
		return;
	}
	e = lmtp_parse_path(arg, "TO:", 0, &p, &params);
	if (e == PERR_OK)
		e = lmtp_parse_rcpt_params(params);
	if (e == PERR_OK && p.utf8 && !s->mp.smtputf8)
		e = PERR_UTF8;
	if (rcpt_refused(s, e))
		return;
	if (s->nrcpt >= s->cfg->max_rcpt) {
		reply(s, "452 4.5.3 Too many recipients");
		return;
	}
	grown = realloc(s->rcpt, (s->nrcpt + 1) * sizeof *s->rcpt);
	if (grown == NULL) {
		reply(s, "451 4.3.0 Out of memory");
		return;
	}
	s->rcpt = grown;
	if (rcpt_lookup(s, &p, &s->rcpt[s->nrcpt]) < 0 ||
	    rcpt_quota(s, &s->rcpt[s->nrcpt]) < 0)
		return;
	s->nrcpt++;
	reply(s, "250 2.1.5 <%s> Recipient OK", p.addr);
}
