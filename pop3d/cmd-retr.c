/* cmd-retr.c: RETR and TOP (RFC 1939 sections 5 and 7). */
#include <errno.h>
#include <unistd.h>

#include "log.h"
#include "reply.h"
#include "send.h"

/* Open the message or answer -ERR; fd, or -1 with *rc set. */
static int
retr_open(struct session *s, const struct pop3_cmd *c, struct pop3_msg **mp,
    int *rc)
{
	struct pop3_msg *m;
	int fd;

	if ((m = reply_msg(s, c->msg, rc)) == NULL)
		return -1;
	if ((fd = maildrop_open_msg(s->md, m)) < 0) {
		if (errno == ENOENT)
			*rc = reply_err(s, "Message %llu was removed by "
			    "another session", c->msg);
		else
			*rc = reply_err(s, "[SYS/TEMP] Cannot open message "
			    "%llu", c->msg);
		return -1;
	}
	*mp = m;
	return fd;
}

/* Stream fd; a failure mid-message cannot be reported: end the session. */
static int
retr_send(struct session *s, int fd, struct wire *w)
{
	int r = send_message(s->out, fd, w);
	int e = errno;

	(void)close(fd);	/* read-only: nothing to lose */
	if (r == -1)
		return -1;
	if (r == SEND_READ_ERROR) {
		log_warn("read-fail", "errno=%d", e);
		s->failed = 1;
		s->reason = "message-read-error";
		return 1;
	}
	return 0;
}

int
cmd_retr(struct session *s, const struct pop3_cmd *c)
{
	unsigned long long size;
	struct pop3_msg *m;
	struct wire w;
	int fd, rc;

	if ((fd = retr_open(s, c, &m, &rc)) < 0)
		return rc;
	if (maildrop_size(s->md, m, &size) < 0) {
		(void)close(fd);
		return reply_err(s, "[SYS/TEMP] Cannot read message %llu",
		    c->msg);
	}
	if (reply_ok(s, "%llu octets", size) < 0) {
		(void)close(fd);
		return -1;
	}
	wire_init(&w, WIRE_ALL);
	if ((rc = retr_send(s, fd, &w)) != 0)
		return rc;
	maildrop_verified(s->md, m, w.octets);
	m->retrieved = 1;
	s->md->retr_n++;
	s->md->retr_bytes += w.octets;
	return 0;
}

int
cmd_top(struct session *s, const struct pop3_cmd *c)
{
	struct pop3_msg *m;
	struct wire w;
	int fd, rc;

	if ((fd = retr_open(s, c, &m, &rc)) < 0)
		return rc;
	if (reply_ok(s, "Top of message follows") < 0) {
		(void)close(fd);
		return -1;
	}
	wire_init(&w, c->lines > POP3_NUM_MAX ? WIRE_ALL : c->lines);
	if ((rc = retr_send(s, fd, &w)) != 0)
		return rc;
	s->md->top_n++;
	s->md->top_bytes += w.octets;
	return 0;
}
