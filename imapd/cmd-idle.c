/*
 * cmd-idle.c: IDLE (RFC 2177).  Changes are pushed as they happen: the
 * library's notify (inotify, or polling every notify_interval seconds)
 * wakes us, and we refresh and send what changed, expunges included
 * (IDLE is a point where EXPUNGE is allowed).  The session ends after
 * the autologout time without DONE (RFC 3501 5.4: at least 30 minutes).
 */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "commands.h"
#include "log.h"
#include "notify.h"

static int
idle_changes(struct session *s)
{
	if (s->sel.v == NULL)
		return 0;
	if (s->sel.nt != NULL && notify_check(s->sel.nt) == 0 &&
	    notify_fd(s->sel.nt) >= 0)
		return 0;
	if (session_refresh(s) < 0 || session_announce(s, 1) < 0)
		return -1;
	return io_flush(&s->out);
}

/* Wait for client input or a change; 1 input ready, 0 timeout, -1. */
static int
idle_wait(struct session *s, int ms)
{
	struct pollfd p[2] = { { .fd = s->in.fd, .events = POLLIN },
	    { .fd = -1, .events = POLLIN } };
	int r, interval;

	if (io_pending(&s->in) > 0)
		return 1;
	if (s->sel.nt != NULL) {
		p[1].fd = notify_fd(s->sel.nt);
		interval = notify_interval(s->sel.nt) * 1000;
		if (p[1].fd < 0 && interval < ms)
			ms = interval;
	}
	r = poll(p, 2, ms);
	if (r < 0 && errno == EINTR)
		return 0;
	if (r < 0)
		return -1;
	return (p[0].revents & (POLLIN | POLLHUP | POLLERR)) ? 1 : 0;
}

static int
idle_done(struct session *s, struct result *res)
{
	struct str line = STR_INIT(LIM_LINE);
	int r = io_getline(&s->in, &line, LIM_LINE);

	if (r <= 0) {
		str_free(&line);
		return -1;
	}
	while (line.len > 0 && (line.s[line.len - 1] == '\n' ||
	    line.s[line.len - 1] == '\r'))
		line.len--;
	r = line.len == 4 && strncasecmp(line.s, "DONE", 4) == 0;
	str_free(&line);
	if (r)
		return done(res, "OK", "Idle completed.");
	return done(res, "BAD", "Expected DONE.");
}

int
cmd_idle(struct session *s, const struct imap_arg *a, struct command *c,
    struct result *res)
{
	time_t end = time(NULL) + s->idle_timeout;

	(void)c;
	if (a != NULL)
		return done(res, "BAD", "IDLE takes no arguments");
	if (s->sel.v != NULL && s->sel.nt == NULL &&
	    (s->sel.nt = notify_open(s->sel.path)) == NULL)
		log_warn("notify", "folder=%s errno=%d", log_esc(s->sel.name),
		    errno);
	if (idle_changes(s) < 0 || io_puts(&s->out, "+ idling\r\n") < 0 ||
	    io_flush(&s->out) < 0)
		return -1;
	for (;;) {
		time_t now = time(NULL);
		int r;

		if (now >= end) {
			untagged(s, "BYE Autologout; idle for too long");
			io_flush(&s->out);
			s->state = ST_LOGOUT;
			res->status = NULL;
			return 0;
		}
		r = idle_wait(s, (int)(end - now) * 1000);
		if (r < 0)
			return -1;
		if (r > 0)
			return idle_done(s, res);
		if (idle_changes(s) < 0)
			return -1;
	}
}
