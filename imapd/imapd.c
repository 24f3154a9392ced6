/*
 * imapd: the IMAP4rev1 server for one authenticated user on a Maildir
 * (see imapd(8)).  Started by checkpassword after imap-login, or
 * directly with MAILDIR set (pre-authenticated, "* PREAUTH").
 *
 *   environment: MAILDIR (or HOME/Maildir), USER, IMAPLOGINTAG,
 *     TCPREMOTEIP, IMAP_APPEND_MAX, IMAP_AUTOLOGOUT, IMAP_AUTOCREATE,
 *     IMAP_SPECIAL_USE
 *   fds: 0/1 the client, 4 "session started" byte, 5 pipelined bytes
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "log.h"
#include "reader.h"
#include "session.h"
#include "specialuse.h"

static struct session sess;	/* ~80 KiB of buffers: not on the stack */

static unsigned long long
env_number(const char *name, unsigned long long dflt, unsigned long long max)
{
	const char *v = getenv(name);
	char *end;
	unsigned long long n;

	if (v == NULL || *v == '\0')
		return dflt;
	errno = 0;
	n = strtoull(v, &end, 10);
	if (errno || *end != '\0' || n == 0)
		log_die(111, "config", "bad %s=%s", name, log_esc(v));
	return n > max ? max : n;
}

/* IMAP_LITERAL=plus (default, as Dovecot) or minus (RFC 7888 5). */
static int
literal_minus_from_env(void)
{
	const char *v = getenv("IMAP_LITERAL");

	if (v == NULL || *v == '\0' || strcmp(v, "plus") == 0)
		return 0;
	if (strcmp(v, "minus") == 0)
		return 1;
	log_die(111, "config", "bad IMAP_LITERAL=%s", log_esc(v));
}

static const char *
maildir_from_env(void)
{
	static char path[LIM_PATH];
	const char *m = getenv("MAILDIR"), *home = getenv("HOME");

	if (m != NULL && *m != '\0')
		return m;
	if (home == NULL || *home == '\0')
		log_die(111, "config", "neither MAILDIR nor HOME is set");
	if ((size_t)snprintf(path, sizeof path, "%s/Maildir", home) >=
	    sizeof path)
		log_die(111, "config", "HOME too long");
	return path;
}

/* The handoff of imap-login(8): fd 4 byte, then fd 5's bytes first. */
static void
handoff(struct session *s)
{
	ssize_t r;

	if (write(4, "1", 1) == 1 || errno != EBADF)
		close(4);
	for (;;) {
		r = read(5, s->in.buf + s->in.len,
		    sizeof s->in.buf - s->in.len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0 || (s->in.len += (size_t)r) == sizeof s->in.buf)
			break;
	}
	if (r >= 0 || errno != EBADF)
		close(5);
}

static void
greet(struct session *s)
{
	const char *tag = getenv("IMAPLOGINTAG");

	if (tag != NULL && *tag != '\0')
		io_printf(&s->out, "%.100s OK [CAPABILITY %s] Logged in\r\n",
		    tag, imapd_capabilities(s));
	else
		io_printf(&s->out, "* PREAUTH [CAPABILITY %s] Logged in as "
		    "%.100s\r\n", imapd_capabilities(s),
		    s->user ? s->user : "user");
	if (io_flush(&s->out) < 0)
		log_die(0, "session-end", "error=write");
}

static void
run(struct session *s)
{
	struct command c;
	struct imap_cmd cmd;

	command_init(&c);
	for (;;) {
		int r = command_read(s, &c);

		if (r == READ_EOF)
			break;
		s->bytes_in += c.buf.len + c.spool_len + 2;
		if (r == READ_REFUSED)
			continue;
		if (imap_parse(&cmd, c.buf.s ? c.buf.s : "", c.buf.len,
		    c.spool_at) < 0) {
			s->tag = cmd.tag;
			reply_bad(s, "%s", cmd.err);
			imap_cmd_free(&cmd);
			if (io_flush(&s->out) < 0)
				break;
			continue;
		}
		r = dispatch(s, &cmd, &c);
		imap_cmd_free(&cmd);
		s->tag = NULL;
		if (r < 0)
			break;
	}
	command_reset(&c);
	str_free(&c.buf);
	if (s->state != ST_LOGOUT && errno == ETIMEDOUT) {
		io_puts(&s->out, "* BYE Autologout; idle for too long\r\n");
		io_flush(&s->out);
	}
}

int
main(void)
{
	struct session *s = &sess;

	log_init("imapd");
	signal(SIGPIPE, SIG_IGN);
	s->user = getenv("USER");
	s->ip = getenv("TCPREMOTEIP");
	if (s->user)
		log_context("user", s->user);
	if (s->ip)
		log_context("ip", s->ip);
	s->root = maildir_from_env();
	s->append_max = env_number("IMAP_APPEND_MAX", LIM_IMAP_APPEND,
	    (unsigned long long)LIM_MESSAGE);
	s->idle_timeout = (int)env_number("IMAP_AUTOLOGOUT", LIM_IMAP_IDLE,
	    24 * 3600);
	s->literal_minus = literal_minus_from_env();
	str_init(&s->tmp, LIM_IMAP_COMMAND);
	io_in_init(&s->in, 0, s->idle_timeout * 1000);
	io_out_init(&s->out, 1, 10 * 60 * 1000);
	handoff(s);
	specialuse_autocreate(s->root);
	s->state = ST_AUTH;
	greet(s);
	run(s);
	session_unselect(s);
	log_info("session-end", "in=%llu out=%llu selects=%lu fetches=%lu "
	    "commands=%lu", s->bytes_in, s->out.total, s->selects,
	    s->fetches, s->commands);
	return 0;
}
