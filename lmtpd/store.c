/*
 * store.c: deliver the spooled message to the accepted recipients with
 * the shared library: quota.h for Maildir++ quota, delivery.h's fan-out
 * for the atomic writes (tmp/, fsync, link into new/, fsync new/), the
 * same code deliver(8) runs.  Recipients are grouped by uid and gid;
 * each group is delivered in one pass over the spool, as its user.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "delivery.h"
#include "folder.h"
#include "log.h"
#include "maildir.h"
#include "priv.h"
#include "quota.h"
#include "../deliver/quotawarn.h"
#include "store.h"
#include "str.h"
#include "trace.h"

/* What happened to one recipient, sent back from the user's child. */
struct outcome {
	int status;		/* MD_OK, MD_TEMP, MD_PERM */
	int errnum;
	int overquota;
	long long size;
	char folder[LIM_FOLDER_NAME + 1];	/* "" for INBOX */
	char name[MDNAME_MAX + 1];
};

struct group {
	struct session *s;
	size_t *idx;		/* recipients of this group */
	size_t n;
	time_t when;
};

/* The quota of r's Maildir: limits from the table, else the file. */
static int
quota_of(const struct rcpt *r, const char *dir, struct quota *q)
{
	struct quota_limits lim = { r->quota_bytes, r->quota_messages };

	return quota_open(q, dir, lim.bytes || lim.count ? &lim : NULL);
}

struct quota_job {
	const struct rcpt *r;
	long long size;
};

static int
quota_work(void *arg, void *out)
{
	struct quota_job *j = arg;
	struct quota q;
	int fits;

	if (quota_of(j->r, j->r->maildir, &q) < 0) {
		*(int *)out = errno == ENOENT ? MD_OK : MD_TEMP;
		return 0;
	}
	fits = quota_fits(&q, j->size, 1);
	quota_close(&q);
	*(int *)out = fits == 1 ? MD_OK : fits == 0 ? MD_PERM : MD_TEMP;
	return 0;
}

enum md_status
store_quota_check(const struct config *c, const struct rcpt *r,
    long long size)
{
	struct quota_job j = { r, size };
	int st = MD_TEMP;

	if (c->switch_uid && (r->uid == 0 || r->gid == 0))
		return MD_OK;	/* refused at delivery, with a reason */
	if (priv_run(c->switch_uid, r->uid, r->gid, quota_work, &j, &st,
	    sizeof st) < 0)
		return MD_TEMP;
	return (enum md_status)st;
}

/* The directory to deliver into: the +detail folder if asked and it
 * exists, else the Maildir itself (created if missing). */
static void
target_dir(const struct config *c, const struct rcpt *r, char *dir,
    size_t size, struct outcome *o)
{
	snprintf(dir, size, "%s", r->maildir);
	o->folder[0] = '\0';
	if (c->detail_folder && r->detail[0] != '\0' &&
	    folder_name_check(r->detail, NULL) == 0 &&
	    !folder_is_inbox(r->detail) &&
	    folder_path(r->maildir, r->detail, dir, size, NULL) == 0 &&
	    maildir_check(dir) == 0) {
		snprintf(o->folder, sizeof o->folder, "%s", r->detail);
		return;
	}
	snprintf(dir, size, "%s", r->maildir);
	if (maildir_check(dir) < 0 && errno == ENOENT)
		(void)maildir_create(dir);	/* delivery says if it failed */
}

static int
prefix_for(const struct group *g, const struct rcpt *r, struct str *p)
{
	const struct session *s = g->s;
	struct trace t = {
		.sender = s->sender.addr, .rcpt = r->addr,
		.lhlo = s->lhlo, .ip = s->ip, .host = s->cfg->host,
		.id = s->id, .utf8 = s->mp.smtputf8, .when = g->when,
	};

	return trace_headers(p, &t);
}

/* Per-slice working set, one entry per recipient. */
struct slot {
	struct delivery_target t;
	struct quota q;
	int qopen;
	struct str prefix;
	char dir[LIM_PATH];
};

/* Ready one recipient: dir, header prefix, quota.  0 ready, -1 settled. */
static int
slot_prepare(const struct group *g, const struct rcpt *r, struct slot *sl,
    struct outcome *o)
{
	long long size;
	int fits;

	target_dir(g->s->cfg, r, sl->dir, sizeof sl->dir, o);
	str_init(&sl->prefix, LIM_HEADER);
	o->status = MD_TEMP;
	if (prefix_for(g, r, &sl->prefix) < 0) {
		o->errnum = errno;
		return -1;
	}
	size = g->s->spooled + (long long)sl->prefix.len;
	if (quota_of(r, sl->dir, &sl->q) == 0) {
		sl->qopen = 1;
		fits = quota_fits(&sl->q, size, 1);
		if (fits <= 0) {
			o->overquota = fits == 0;
			o->errnum = fits == 0 ? EDQUOT : errno;
			o->status = fits == 0 ? MD_PERM : MD_TEMP;
			return -1;
		}
	}
	sl->t.dir = sl->dir;
	sl->t.prefix = sl->prefix.s;
	sl->t.prefixlen = sl->prefix.len;
	return 0;
}

/* Count a delivered copy, and warn the user as deliver -w does. */
static void
quota_after(const struct group *g, const struct rcpt *r, struct slot *sl,
    long long size)
{
	const struct config *c = g->s->cfg;

	if (quota_add(&sl->q, size, 1) < 0)
		log_warn("quota", "dir=%s error=%s", log_esc(sl->dir),
		    log_esc(strerror(errno)));
	quotawarn_check(&sl->q, r->maildir, c->warn_percent,
	    c->warn_template, r->addr);
}

/* Deliver recipients idx[0..n) (n <= DELIVERY_FANOUT_MAX) in one pass. */
static void
deliver_slice(const struct group *g, const size_t *idx, size_t n,
    struct outcome *o)
{
	struct slot *sl = calloc(n, sizeof *sl);
	struct delivery_target *t = calloc(n, sizeof *t);
	size_t *map = calloc(n, sizeof *map), i, k = 0;

	if (sl == NULL || t == NULL || map == NULL) {
		for (i = 0; i < n; i++)
			o[i].status = MD_TEMP, o[i].errnum = ENOMEM;
		goto out;
	}
	for (i = 0; i < n; i++)
		if (slot_prepare(g, &g->s->rcpt[idx[i]], &sl[i], &o[i]) == 0) {
			t[k] = sl[i].t;
			map[k++] = i;
		}
	if (k > 0)
		(void)delivery_fanout(g->s->spool_fd, t, k, 0);
	for (i = 0; i < k; i++) {
		struct outcome *oi = &o[map[i]];
		oi->status = t[i].status;
		oi->errnum = t[i].errnum;
		oi->size = t[i].size;
		snprintf(oi->name, sizeof oi->name, "%s", t[i].name);
		if (t[i].status == MD_OK && sl[map[i]].qopen)
			quota_after(g, &g->s->rcpt[idx[map[i]]], &sl[map[i]],
			    t[i].size);
	}
out:
	for (i = 0; sl && i < n; i++) {
		if (sl[i].qopen)
			quota_close(&sl[i].q);
		str_free(&sl[i].prefix);
	}
	free(sl);
	free(t);
	free(map);
}

/* The work of one group, as its user. */
static int
group_work(void *arg, void *out)
{
	const struct group *g = arg;
	struct outcome *o = out;
	size_t i, n;

	for (i = 0; i < g->n; i += n) {
		n = g->n - i;
		if (n > DELIVERY_FANOUT_MAX)
			n = DELIVERY_FANOUT_MAX;
		deliver_slice(g, g->idx + i, n, o + i);
	}
	return 0;
}

/* The one log line per recipient outcome. */
static void
outcome_log(const struct session *s, const struct rcpt *r,
    const struct outcome *o)
{
	char rcpt[LIM_LOG_VALUE * 4 + 8], file[LIM_LOG_VALUE * 4 + 8];
	char queue[LIM_LOG_VALUE * 4 + 16] = "";

	snprintf(rcpt, sizeof rcpt, "%s", log_esc(r->addr));
	snprintf(file, sizeof file, "%s", log_esc(r->file));
	if (s->mp.envid[0])
		snprintf(queue, sizeof queue, " queue=%s",
		    log_esc(s->mp.envid));
	log_info("deliver", "rcpt=%s user=%s id=%s%s size=%lld file=%s "
	    "result=%.3s status=%.5s error=%s", rcpt, log_esc(r->login), s->id, queue,
	    o->status == MD_OK ? o->size : s->spooled, file, r->reply,
	    r->reply + 4,
	    log_esc(o->errnum ? strerror(o->errnum) : "none"));
}

/* Turn an outcome into the recipient's reply and its log line. */
static void
outcome_reply(struct session *s, struct rcpt *r, const struct outcome *o)
{
	const char *a = r->addr;
	size_t n = sizeof r->reply;

	if (o->status == MD_OK)
		snprintf(r->reply, n, "250 2.0.0 <%s> %s Saved", a, s->id);
	else if (o->overquota || o->errnum == EDQUOT)
		snprintf(r->reply, n, "%s <%s> Mailbox is full",
		    s->cfg->quota_perm ? "552 5.2.2" : "452 4.2.2", a);
	else if (o->errnum == ENOSPC)
		snprintf(r->reply, n, "452 4.3.1 <%s> Insufficient system "
		    "storage", a);
	else if (o->status == MD_PERM)
		snprintf(r->reply, n, "550 5.2.0 <%s> Mailbox unavailable", a);
	else
		snprintf(r->reply, n, "451 4.3.0 <%s> Temporary delivery "
		    "failure", a);
	snprintf(r->file, sizeof r->file, "%s%s%s", o->folder,
	    o->folder[0] ? "/" : "", o->name);
	outcome_log(s, r, o);
}

/* Deliver the group of recipients starting at first (same uid/gid). */
static void
deliver_group(struct session *s, size_t first, char *taken,
    struct outcome *o, time_t when)
{
	const struct rcpt *r0 = &s->rcpt[first];
	int sw = s->cfg->switch_uid;
	struct group g = { s, NULL, 0, when };
	struct outcome *go;
	size_t i;

	g.idx = calloc(s->nrcpt, sizeof *g.idx);
	go = calloc(s->nrcpt, sizeof *go);
	for (i = first; g.idx && go && i < s->nrcpt; i++)
		if (!taken[i] && (!sw || (s->rcpt[i].uid == r0->uid &&
		    s->rcpt[i].gid == r0->gid))) {
			taken[i] = 1;
			g.idx[g.n++] = i;
		}
	if (g.n == 0) {		/* out of memory */
		taken[first] = 1;
		o[first].status = MD_TEMP;
		o[first].errnum = ENOMEM;
	} else if (sw && (r0->uid == 0 || r0->gid == 0)) {
		for (i = 0; i < g.n; i++)
			o[g.idx[i]].errnum = EPERM;	/* never as root */
		log_warn("priv", "error=%s user=%s", log_esc("refusing to "
		    "write as root"), log_esc(r0->login));
	} else if (priv_run(sw, r0->uid, r0->gid, group_work, &g, go,
	    g.n * sizeof *go) < 0) {
		for (i = 0; i < g.n; i++)
			o[g.idx[i]].errnum = errno ? errno : EIO;
	} else
		for (i = 0; i < g.n; i++)
			o[g.idx[i]] = go[i];
	free(g.idx);
	free(go);
}

void
store_deliver(struct session *s)
{
	struct outcome *o = calloc(s->nrcpt, sizeof *o);
	char *taken = calloc(s->nrcpt, 1);
	time_t when = time(NULL);
	size_t i;

	for (i = 0; o && taken && i < s->nrcpt; i++) {
		o[i].status = MD_TEMP;
		o[i].errnum = EIO;
	}
	for (i = 0; o && taken && i < s->nrcpt; i++)
		if (!taken[i])
			deliver_group(s, i, taken, o, when);
	for (i = 0; i < s->nrcpt; i++) {
		struct outcome none = { MD_TEMP, ENOMEM, 0, 0, "", "" };
		outcome_reply(s, &s->rcpt[i], o ? &o[i] : &none);
	}
	free(o);
	free(taken);
}
