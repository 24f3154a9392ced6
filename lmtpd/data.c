/*
 * data.c: DATA (RFC 5321 4.1.1.4, RFC 2033 4.2) and BDAT (RFC 3030 2).
 * The message goes through the unstuffer into an anonymous spool file as
 * it arrives; only once it is complete is it delivered, and then each
 * accepted recipient gets its own reply, in RCPT order.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "session.h"
#include "spool.h"
#include "store.h"

/* Append decoded bytes to the spool unless the message is too big. */
static int
spool_add(struct session *s, const char *buf, size_t n, int *failed)
{
	const struct config *c = s->cfg;

	s->spooled += (long long)n;
	if (*failed)
		return 0;
	if (c->max_size > 0 && s->spooled > c->max_size) {
		*failed = EFBIG;
		return 0;
	}
	if (spool_write(s->spool_fd, buf, n) < 0) {
		*failed = errno ? errno : EIO;
		log_warn("spool", "error=%s", log_esc(strerror(*failed)));
	}
	return 0;
}

/* Input for the data phase: flush replies first if we must wait. */
static int
data_fill(struct session *s)
{
	ssize_t r;

	if (io_pending(&s->in) > 0)
		return 0;
	if (reply_flush(s) < 0)
		return -1;
	r = io_fill(&s->in);
	if (r < 0 && errno == ETIMEDOUT) {
		reply(s, "421 4.4.2 %s Timeout, closing connection",
		    s->cfg->host);
		log_info("timeout", "state=data id=%s", s->id);
	}
	if (r <= 0) {
		log_info("data-lost", "id=%s spooled=%lld", s->id, s->spooled);
		return -1;
	}
	return 0;
}

/* Feed up to max bytes of input (-1: to the end line); -1 if lost. */
static int
data_pump(struct session *s, long long max, int *failed)
{
	char out[IO_INSIZE + 1];

	while (max != 0 && !s->us.done) {
		size_t n, used, outlen;

		if (data_fill(s) < 0)
			return -1;
		n = io_pending(&s->in);
		if (max > 0 && (long long)n > max)
			n = (size_t)max;
		used = unstuff_feed(&s->us, s->in.buf + s->in.pos, n, out,
		    &outlen);
		s->in.pos += used;
		if (max > 0)
			max -= (long long)used;
		spool_add(s, out, outlen, failed);
	}
	return 0;
}

/* The end of the data: one reply per recipient (RFC 2033 4.2). */
static void
data_done(struct session *s, int failed)
{
	size_t i;

	for (i = 0; i < s->nrcpt; i++)
		s->rcpt[i].reply[0] = '\0';
	if (failed == 0) {
		store_deliver(s);
		s->nmsg++;
		s->msgbytes += (unsigned long long)s->spooled;
	}
	for (i = 0; i < s->nrcpt; i++) {
		struct rcpt *r = &s->rcpt[i];
		if (failed == EFBIG)
			reply(s, "552 5.3.4 <%s> Message size exceeds fixed "
			    "maximum message size", r->addr);
		else if (failed == ENOSPC || failed == EDQUOT)
			reply(s, "452 4.3.1 <%s> Insufficient system storage",
			    r->addr);	/* RFC 3463 4.3.1: mail system full */
		else if (failed)
			reply(s, "451 4.3.0 <%s> Temporary spool failure",
			    r->addr);
		else
			reply(s, "%s", r->reply);
	}
	if (failed)
		log_info("data-refused", "id=%s size=%lld error=%s", s->id,
		    s->spooled, log_esc(strerror(failed)));
	transaction_reset(s);
}

/* Open the spool for a new message; -1 with a reply sent. */
static int
data_begin(struct session *s, int raw)
{
	s->spool_fd = spool_open(s->cfg->spooldir);
	if (s->spool_fd < 0) {
		log_warn("spool", "dir=%s error=%s",
		    log_esc(s->cfg->spooldir), log_esc(strerror(errno)));
		reply(s, "451 4.3.0 Cannot create spool file");
		return -1;
	}
	s->spooled = 0;
	unstuff_init(&s->us, raw);
	return 0;
}

int
cmd_data(struct session *s, char *arg)
{
	int failed = 0;

	if (*arg != '\0') {
		reply(s, "501 5.5.4 Syntax: DATA");
		return 0;
	}
	if (!s->mail || s->bdat) {
		reply(s, s->bdat ? "503 5.5.1 DATA not allowed after BDAT" :
		    "503 5.5.1 Need MAIL before DATA");
		return 0;
	}
	if (s->nrcpt == 0) {	/* RFC 2033 4.2 */
		reply(s, "503 5.5.1 No valid recipients");
		return 0;
	}
	if (data_begin(s, 0) < 0)
		return 0;
	reply(s, "354 Start mail input; end with <CRLF>.<CRLF>");
	if (data_pump(s, -1, &failed) < 0)
		return -1;
	data_done(s, failed);
	return 0;
}

/* Read and drop a chunk that cannot be taken; -1 if lost. */
static int
bdat_discard(struct session *s, long long size)
{
	while (size > 0) {
		size_t n;

		if (data_fill(s) < 0)
			return -1;
		n = io_pending(&s->in);
		if ((long long)n > size)
			n = (size_t)size;
		s->in.pos += n;
		size -= (long long)n;
	}
	return 0;
}

/* BDAT LAST: a CR held back at the very end is data (RFC 3030 2). */
static void
bdat_last(struct session *s, int failed)
{
	char cr[1];

	if (unstuff_finish(&s->us, cr) == 1)
		spool_add(s, cr, 1, &failed);
	data_done(s, failed);
}

int
cmd_bdat(struct session *s, char *arg)
{
	long long size;
	int last, failed = 0;

	if (lmtp_parse_bdat(arg, &size, &last) < 0) {
		reply(s, "501 5.5.4 Syntax: BDAT size [LAST]");
		return 0;
	}
	if (!s->mail || s->nrcpt == 0) {
		if (bdat_discard(s, size) < 0)
			return -1;
		reply(s, s->mail ? "503 5.5.1 No valid recipients" :
		    "503 5.5.1 Need MAIL before BDAT");
		return 0;
	}
	if (!s->bdat && data_begin(s, 1) < 0) {
		transaction_reset(s);
		return bdat_discard(s, size);
	}
	s->bdat = 1;
	failed = s->bdat_failed;
	if (data_pump(s, size, &failed) < 0)
		return -1;
	s->bdat_failed = failed;
	if (!last) {
		reply(s, "250 2.0.0 %lld octets received", size);
		return 0;
	}
	bdat_last(s, failed);
	return 0;
}
