/* session.c: the POP3 command loop after login. */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "limits.h"
#include "log.h"
#include "cmd.h"
#include "reply.h"
#include "session.h"

typedef int (*cmd_fn)(struct session *, const struct pop3_cmd *);

static const cmd_fn cmd_table[] = {
	[POP3_STAT] = cmd_stat, [POP3_LIST] = cmd_list,
	[POP3_RETR] = cmd_retr, [POP3_DELE] = cmd_dele,
	[POP3_NOOP] = cmd_noop, [POP3_RSET] = cmd_rset,
	[POP3_QUIT] = cmd_quit, [POP3_TOP] = cmd_top,
	[POP3_UIDL] = cmd_uidl, [POP3_CAPA] = cmd_capa,
	[POP3_AUTHCMD] = cmd_authcmd,
};

/* Flush unless a whole pipelined command is already waiting. */
static int
session_flush_if_idle(struct session *s)
{
	const struct io_in *in = s->in;

	if (memchr(in->buf + in->pos, '\n', in->len - in->pos))
		return 0;
	return io_flush(s->out);
}

static int
session_bad(struct session *s, const char *text)
{
	if (++s->bad >= LIM_POP3_BAD) {
		s->reason = "bad-commands";
		(void)reply_err(s, "Too many bad commands, closing connection");
		return 1;
	}
	return reply_err(s, "%s", text) < 0 ? -1 : 0;
}

static int
session_step(struct session *s, struct str *line)
{
	struct pop3_cmd cmd;
	int r;

	errno = 0;
	r = io_getline(s->in, line, LIM_LINE);
	/*
	 * An unterminated last line before EOF is not a command: a "QUIT"
	 * cut off by a dropped connection must not delete anything.
	 */
	if (r == 0 || (r == 1 && line->s[line->len - 1] != '\n')) {
		s->reason = "disconnected";
		return 1;
	}
	if (r < 0 && errno == ERANGE)
		return session_bad(s, "Line too long");
	if (r < 0 && errno == ETIMEDOUT) {
		s->reason = "timeout";
		(void)reply_err(s, "Disconnected for inactivity");
		return 1;
	}
	if (r < 0) {
		s->reason = "read-error";
		return 1;
	}
	if (pop3_cmd_parse(line->s, line->len, &cmd) == POP3_BAD)
		return session_bad(s, cmd.err);
	s->bad = 0;
	log_debug("command", "cmd=%s", cmd.name);
	return cmd_table[cmd.verb](s, &cmd);
}

int
session_run(struct session *s)
{
	struct str line = STR_INIT(LIM_LINE);
	int r;

	do {
		if (session_flush_if_idle(s) < 0) {
			s->reason = "write-error";
			r = -1;
			break;
		}
		r = session_step(s, &line);
	} while (r == 0);
	str_free(&line);
	/* A write error means the client went away: not our failure. */
	if ((io_flush(s->out) < 0 || r < 0) && !s->reason)
		s->reason = "write-error";
	return s->failed ? 111 : 0;
}
