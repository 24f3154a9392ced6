/*
 * pop3d: POP3 on the user's Maildir INBOX, after pop3-login and a
 * checkpassword program (see pop3d(8)).
 *
 *   pop3d [Maildir]
 *
 * Speaks first: its first line answers the PASS/APOP/AUTH that logged in.
 */
#include <sys/socket.h>
#include <sys/time.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include "log.h"
#include "config.h"
#include "handoff.h"
#include "lock.h"
#include "maildrop.h"
#include "view.h"
#include "session.h"

static struct io_in in;
static struct io_out out;

/* Answer the login command with -ERR and stop. */
static void __attribute__((noreturn))
refuse(int status, const char *line, const char *event, int err)
{
	(void)io_puts(&out, line);
	(void)io_flush(&out);
	log_die(status, event, "errno=%d", err);
}

/*
 * A blocking write to a client that stopped reading would wait forever:
 * on a socket, make it give up after the timeout (io.c then polls once
 * more and reports ETIMEDOUT).  Pipes have no such option; ENOTSOCK is
 * fine.
 */
static void
send_timeout(int fd, int timeout_ms)
{
	struct timeval tv = { .tv_sec = timeout_ms / 1000,
	    .tv_usec = (timeout_ms % 1000) * 1000 };

	(void)setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

static void
log_session_end(const struct session *s, const struct maildrop *md)
{
	unsigned long long size = 0;

	/* Sizes not asked for are not computed now: use the disk size. */
	for (size_t i = 0; i < md->count; i++) {
		long long disk = md->view->msgs[md->msgs[i].vi].size;
		size += md->msgs[i].sized ? md->msgs[i].size :
		    disk > 0 ? (unsigned long long)disk : 0;
	}
	log_info("session-end", "reason=%s top=%lu/%llu retr=%lu/%llu "
	    "del=%lu/%zu size=%llu out=%llu", s->reason ? s->reason :
	    "unknown", md->top_n, md->top_bytes, md->retr_n, md->retr_bytes,
	    md->del_n, md->count, size, out.total);
}

static void
open_maildrop(const struct config *c, struct maildrop *md)
{
	if (c->lock_session && lock_session(c->maildir) < 0)
		refuse(111, errno == EWOULDBLOCK ? "-ERR [IN-USE] Mailbox is "
		    "locked by another POP3 session\r\n" : "-ERR [SYS/TEMP] "
		    "Cannot lock the mailbox\r\n", "lock-fail", errno);
	if (c->login_delay >= 0 &&
	    lock_login_delay(c->maildir, c->login_delay) < 0 &&
	    errno == EAGAIN)
		refuse(111, "-ERR [LOGIN-DELAY] Logged in too recently\r\n",
		    "login-delay", EAGAIN);
	if (maildrop_open(md, c->maildir, c->uidl, c->delete_flag) < 0)
		refuse(111, "-ERR [SYS/TEMP] Cannot open the mailbox\r\n",
		    "maildir-fail", errno);
}

int
main(int argc, char **argv)
{
	struct config c;
	struct maildrop md;
	struct session s = { 0 };
	const char *what;
	int status;

	(void)signal(SIGPIPE, SIG_IGN);
	log_init("pop3d");
	log_context("user", getenv("USER"));
	log_context("ip", getenv("TCPREMOTEIP"));
	if (handoff_signal() < 0)
		log_warn("handoff-fd4", "errno=%d", errno);
	io_out_init(&out, 1, 600 * 1000);
	if (config_load(&c, argc, argv, &what) < 0)
		refuse(100, "-ERR [SYS/PERM] Server configuration error\r\n",
		    what, EINVAL);
	io_in_init(&in, 0, c.timeout_ms);
	out.timeout_ms = c.timeout_ms;
	send_timeout(1, c.timeout_ms);
	if (handoff_pending(&in) < 0)
		refuse(111, "-ERR [SYS/TEMP] Internal error\r\n",
		    "handoff-fd5", errno);
	open_maildrop(&c, &md);
	s = (struct session){ .in = &in, .out = &out, .md = &md,
	    .expire = c.expire, .login_delay = c.login_delay_s };
	if (io_puts(&out, "+OK Logged in.\r\n") < 0)
		return 111;
	status = session_run(&s);
	log_session_end(&s, &md);
	maildrop_close(&md);
	return status;
}
