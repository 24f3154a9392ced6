/* monitor.c: the root part: forks, TLS setup, checkpassword runs. */
#include <sys/socket.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "env.h"
#include "handoff.h"
#include "log.h"
#include "monitor.h"
#include "privmsg.h"
#include "privsep.h"
#include "tls.h"

struct monitor {
	const struct login_config *cfg;
	struct privsep ps;
	struct tls_ctx *tls;
	int ctl;		/* our end of the control channel */
	int conn_in, conn_out;	/* the plaintext connection */
	pid_t proto, tlspid, session;
	int failures;		/* rejected checks, counted by root too */
	time_t started;		/* when the session began */
};

/* Forked processes keep only the fds they are given. */
static pid_t
monitor_fork_unpriv(struct monitor *m, const char *what)
{
	pid_t pid = fork();

	if (pid != 0)
		return pid;
	if (privsep_drop(&m->ps) < 0) {
		log_warn("privsep", "error=%s process=%s",
		    log_esc(strerror(errno)), what);
		_exit(111);
	}
	return 0;
}

static int
monitor_start_proto(struct monitor *m, monitor_proto proto)
{
	int sp[2];

	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sp) < 0)
		return -1;
	m->proto = monitor_fork_unpriv(m, "protocol");
	if (m->proto == 0) {
		close(sp[0]);
		_exit(proto(m->cfg, sp[1]));
	}
	close(sp[1]);
	m->ctl = sp[0];
	return m->proto < 0 ? -1 : 0;
}

static int
monitor_send_fd(int sock, char byte, int fd)
{
	char cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { &byte, 1 };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct cmsghdr *cm;

	if (fd >= 0) {
		memset(cbuf, 0, sizeof cbuf);
		msg.msg_control = cbuf;
		msg.msg_controllen = sizeof cbuf;
		cm = CMSG_FIRSTHDR(&msg);
		cm->cmsg_level = SOL_SOCKET;
		cm->cmsg_type = SCM_RIGHTS;
		cm->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(cm), &fd, sizeof(int));
	}
	return sendmsg(sock, &msg, MSG_NOSIGNAL) == 1 ? 0 : -1;
}

/* Fork the TLS process on the client connection; hand the protocol
 * process the plaintext end. */
static void
monitor_tls(struct monitor *m)
{
	int sp[2];

	if (m->tls == NULL || m->tlspid > 0 ||
	    socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sp) < 0) {
		monitor_send_fd(m->ctl, 'E', -1);
		return;
	}
	m->tlspid = monitor_fork_unpriv(m, "tls");
	if (m->tlspid == 0) {
		close(m->ctl);
		close(sp[1]);
		_exit(tls_serve(m->tls, m->conn_in, m->conn_out, sp[0],
		    m->cfg->timeout_ms));
	}
	close(sp[0]);
	if (m->tlspid < 0 || monitor_send_fd(m->ctl, 'T', sp[1]) < 0) {
		close(sp[1]);
		return;
	}
	/* The raw connection now belongs to the TLS process alone. */
	if (m->conn_out != m->conn_in)
		close(m->conn_out);
	close(m->conn_in);
	m->conn_in = m->conn_out = sp[1];
}

/* The protocol process started TLS through UCSPI-TLS: from now on the
 * connection is SSLREADFD/SSLWRITEFD. */
static void
monitor_ucspi(struct monitor *m)
{
	const char *r = getenv("SSLREADFD"), *w = getenv("SSLWRITEFD");

	if (r == NULL || w == NULL || m->tls != NULL || m->conn_in != 0)
		return;
	m->conn_in = atoi(r);
	m->conn_out = atoi(w);
}

/* The allow-listed environment of imap-login(8), HANDOFF. */
static int
monitor_env(struct env *e, const struct monitor *m,
    const struct privmsg_auth *a)
{
	static const char *const keep[] = { "TCPREMOTEHOST",
		"TCPREMOTEINFO", "TCPLOCALHOST", "LOG_LEVEL", "TZ", "LANG",
		"LC_ALL", NULL };
	const char *path = getenv("PATH");
	int r = 0;

	env_init(e);
	for (int i = 0; keep[i]; i++)
		r |= env_keep(e, keep[i]);
	r |= env_keep_prefix(e, "IMAP");
	r |= env_keep_prefix(e, "POP3");
	r |= env_keep_list(e, "LOGIN_KEEPENV");
	r |= env_set(e, "PATH", path && *path ? path :
	    "/usr/local/bin:/usr/bin:/bin");
	r |= env_set(e, "PROTO", "TCP");
	r |= env_set(e, "SERVICE", m->cfg->service);
	r |= env_set(e, "AUTH_MECH", a->field[PM_MECH]);
	r |= env_set(e, "IMAPLOGINTAG", a->field[PM_TAG]);
	r |= env_set(e, "TCPREMOTEIP", a->field[PM_REMOTEIP]);
	r |= env_set(e, "TCPREMOTEPORT", a->field[PM_REMOTEPORT]);
	r |= env_set(e, "TCPLOCALIP", a->field[PM_LOCALIP]);
	r |= env_set(e, "TCPLOCALPORT", a->field[PM_LOCALPORT]);
	r |= env_set(e, "SSL_PROTOCOL", a->field[PM_SSLPROTO]);
	r |= env_set(e, "SSL_CIPHER", a->field[PM_SSLCIPHER]);
	return r;
}

static int
monitor_mech_ok(const struct privmsg_auth *a)
{
	static const char *const mechs[] = { "PLAIN", "LOGIN", "CRAM-MD5",
		"APOP", NULL };

	for (int i = 0; mechs[i]; i++)
		if (strcmp(a->field[PM_MECH], mechs[i]) == 0)
			return 1;
	return 0;
}

/* Run the checkpassword program for one request; answer O, F or U. */
static void
monitor_auth(struct monitor *m, char *msg, size_t n)
{
	static struct env e;
	struct privmsg_auth a;
	struct handoff h;
	enum handoff_result res = HANDOFF_TEMP;

	if (privmsg_unpack(msg, n, &a) < 0 || !monitor_mech_ok(&a) ||
	    monitor_env(&e, m, &a) < 0) {
		log_warn("handoff", "error=\"bad request or environment\"");
	} else if (m->failures >= m->cfg->auth_failures) {
		/* The protocol process should have stopped: do not let even
		 * a subverted one use us to guess passwords. */
		log_warn("handoff", "error=\"too many attempts\"");
		res = HANDOFF_REJECTED;
	} else {
		h = (struct handoff){ m->cfg->prog, e.v, m->conn_in,
			m->conn_out, a.cred, a.credlen, a.pending,
			a.pendlen };
		res = handoff_run(&h, &m->session);
	}
	if (res == HANDOFF_STARTED) {
		/* For the session-end line. */
		log_context("user", a.field[PM_LOGIN]);
		log_context("ip", a.field[PM_REMOTEIP]);
		m->started = time(NULL);
	}
	explicit_bzero(msg, n);
	if (res != HANDOFF_STARTED)
		m->failures++;
	if (res == HANDOFF_STARTED) {
		/* The session owns the connection now. */
		if (m->conn_out != m->conn_in)
			close(m->conn_out);
		close(m->conn_in);
		m->conn_in = m->conn_out = -1;
	}
	monitor_send_fd(m->ctl, res == HANDOFF_STARTED ? 'O' :
	    res == HANDOFF_REJECTED ? 'F' : 'U', -1);
}

static int
monitor_reap(pid_t pid)
{
	int status;

	if (pid <= 0)
		return 0;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return 111;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 111;
}

static int
monitor_loop(struct monitor *m)
{
	static char msg[PM_MSG_MAX];
	ssize_t n;
	int status;

	for (;;) {
		n = recv(m->ctl, msg, sizeof msg, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (msg[0] == 'T' && n == 1)
			monitor_tls(m);
		else if (msg[0] == 'U' && n == 1)
			monitor_ucspi(m);
		else if (msg[0] == 'A')
			monitor_auth(m, msg, (size_t)n);
		else
			break;
	}
	/* The protocol process has ended: after LOGOUT, an error, or a
	 * successful login.  Let go of the connection, wait for the rest. */
	close(m->ctl);
	if (m->conn_in >= 0) {
		if (m->conn_out != m->conn_in)
			close(m->conn_out);
		close(m->conn_in);
	}
	status = monitor_reap(m->proto);
	if (m->session > 0)
		status = monitor_reap(m->session);
	if (m->started)
		log_info("session-end", "status=%d seconds=%lld", status,
		    (long long)(time(NULL) - m->started));
	monitor_reap(m->tlspid);
	return status;
}

int
monitor_main(const struct login_config *cfg, monitor_proto proto)
{
	static struct monitor m;

	m.cfg = cfg;
	m.conn_in = 0;
	m.conn_out = 1;
	m.session = m.tlspid = -1;
	signal(SIGPIPE, SIG_IGN);
	/* For the TLS process's lines; the protocol process knows better
	 * when a PROXY header names the client. */
	if (getenv("TCPREMOTEIP"))
		log_context("ip", getenv("TCPREMOTEIP"));
	if (privsep_prepare(&m.ps, cfg->login_user, cfg->login_root) < 0)
		return 111;
	if (!m.ps.enabled)
		log_debug("privsep", "state=off reason=\"not started as "
		    "root: running unprivileged without chroot\"");
	if (monitor_start_proto(&m, proto) < 0) {
		log_warn("fork", "error=%s", log_esc(strerror(errno)));
		return 111;
	}
	/* Only now, with the protocol process forked, load the key. */
	if (cfg->tls_cert && (m.tls = tls_load(cfg)) == NULL) {
		kill(m.proto, SIGTERM);
		monitor_reap(m.proto);
		return 111;
	}
	return monitor_loop(&m);
}
