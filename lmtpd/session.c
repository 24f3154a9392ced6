/*
 * session.c: the LMTP command loop (RFC 2033 4), replies and the
 * commands that carry no transaction state.
 *
 * Replies are buffered and written only when the client has nothing more
 * in flight for us to read (RFC 2920 3.2: flush before blocking), so a
 * pipelined group is answered in one write.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "session.h"
#include "str.h"

/* A command line: RFC 5321 4.5.3.1.4 512 octets, raised by extensions
 * (RFC 1870 SIZE, RFC 3461 ENVID/ORCPT, RFC 6531 UTF-8 paths). */
#define LMTP_CMD_MAX	LIM_LMTP_CMD

void
reply(struct session *s, const char *fmt, ...)
{
	char line[600];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof line - 2, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	if ((size_t)n > sizeof line - 3)
		n = sizeof line - 3;
	line[n++] = '\r';
	line[n++] = '\n';
	(void)io_write(&s->out, line, (size_t)n);	/* errors: at flush */
}

int
reply_flush(struct session *s)
{
	return io_flush(&s->out);
}

void
transaction_reset(struct session *s)
{
	free(s->rcpt);
	s->rcpt = NULL;
	s->nrcpt = 0;
	s->mail = 0;
	s->bdat = s->bdat_failed = 0;
	if (s->spool_fd >= 0)
		(void)close(s->spool_fd);	/* read-only use, unlinked */
	s->spool_fd = -1;
	s->spooled = 0;
}

static void
cmd_lhlo(struct session *s, char *arg)
{
	const struct config *c = s->cfg;

	if (*arg == '\0' || strlen(arg) > LIM_HOSTNAME ||
	    strpbrk(arg, " \t") != NULL) {
		reply(s, "501 5.5.4 Syntax: LHLO hostname");
		return;
	}
	transaction_reset(s);	/* RFC 5321 4.1.4: EHLO implies RSET */
	snprintf(s->lhlo, sizeof s->lhlo, "%s", arg);
	reply(s, "250-%s", c->host);
	reply(s, "250-PIPELINING");
	reply(s, "250-ENHANCEDSTATUSCODES");
	reply(s, "250-8BITMIME");
	reply(s, "250-SMTPUTF8");
	reply(s, "250-CHUNKING");
	if (c->max_size > 0)
		reply(s, "250 SIZE %lld", c->max_size);
	else
		reply(s, "250 SIZE");
}

/* Returns 1 when the session should end (QUIT). */
static int
dispatch(struct session *s, struct lmtp_cmd *cmd)
{
	switch (cmd->verb) {
	case LMTP_LHLO:
		cmd_lhlo(s, cmd->arg);
		break;
	case LMTP_HELO:
	case LMTP_EHLO:
		reply(s, "500 5.5.1 This is LMTP: use LHLO (RFC 2033)");
		break;
	case LMTP_MAIL:
		cmd_mail(s, cmd->arg);
		break;
	case LMTP_RCPT:
		cmd_rcpt(s, cmd->arg);
		break;
	case LMTP_DATA:
		return cmd_data(s, cmd->arg) < 0;
	case LMTP_BDAT:
		return cmd_bdat(s, cmd->arg) < 0;
	case LMTP_RSET:
		transaction_reset(s);
		reply(s, "250 2.0.0 OK");
		break;
	case LMTP_NOOP:
		reply(s, "250 2.0.0 OK");
		break;
	case LMTP_VRFY:
		reply(s, "252 2.5.0 Cannot VRFY user, but will accept "
		    "message and attempt delivery");
		break;
	case LMTP_QUIT:
		reply(s, "221 2.0.0 %s closing connection", s->cfg->host);
		return 1;
	default:
		reply(s, "500 5.5.1 Unknown command");
		break;
	}
	return 0;
}

/* Flush unless the rest of a complete command line is already here. */
static int
flush_if_waiting(struct session *s)
{
	if (memchr(s->in.buf + s->in.pos, '\n', io_pending(&s->in)) != NULL)
		return 0;
	return reply_flush(s);
}

/* One command line: 1 go on, 0 end (QUIT, EOF, timeout, error). */
static int
session_step(struct session *s, struct str *line)
{
	struct lmtp_cmd cmd;
	int r;

	if (flush_if_waiting(s) < 0)
		return 0;
	r = io_getline(&s->in, line, LMTP_CMD_MAX);
	if (r < 0 && errno == ERANGE) {
		reply(s, "500 5.5.2 Line too long");
		return 1;
	}
	if (r < 0 && errno == ETIMEDOUT) {
		reply(s, "421 4.4.2 %s Timeout, closing connection",
		    s->cfg->host);
		log_info("timeout", "state=command");
		return 0;
	}
	if (r <= 0)
		return 0;
	if (lmtp_parse_line(line->s, line->len, &cmd) < 0) {
		reply(s, "500 5.5.2 NUL byte in command");
		return 1;
	}
	return !dispatch(s, &cmd);
}

int
session_run(const struct config *cfg, const char *ip)
{
	struct session *s;
	struct str line = STR_INIT(LMTP_CMD_MAX);

	if ((s = calloc(1, sizeof *s)) == NULL)
		log_die(111, "nomem", "session");
	s->cfg = cfg;
	s->spool_fd = -1;
	snprintf(s->ip, sizeof s->ip, "%s", ip);
	io_in_init(&s->in, 0, cfg->timeout_ms);
	io_out_init(&s->out, 1, cfg->timeout_ms);
	reply(s, "220 %s LMTP ready", cfg->host);
	while (session_step(s, &line))
		;
	(void)reply_flush(s);
	log_info("session-end", "transactions=%lu messages=%lu bytes=%llu "
	    "out=%llu", s->ntrans, s->nmsg, s->msgbytes, s->out.total);
	transaction_reset(s);
	str_free(&line);
	free(s);
	return 0;
}
