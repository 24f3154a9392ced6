/* conn.c: the protocol process's view of the client connection. */
#include <sys/socket.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conn.h"
#include "log.h"
#include "privmsg.h"
#include "proxyproto.h"

static void
conn_copy(char *dst, size_t size, const char *src)
{
	size_t n = src ? strnlen(src, size - 1) : 0;

	memcpy(dst, src ? src : "", n);
	dst[n] = '\0';
}

/* An address from the socket when tcpserver did not set it (systemd). */
static void
conn_sockaddr(int fd, int peer, char *ip, size_t ipsize, char *port)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;
	unsigned p = 0;

	if ((peer ? getpeername(fd, (struct sockaddr *)&ss, &len) :
	    getsockname(fd, (struct sockaddr *)&ss, &len)) < 0)
		return;
	if (ss.ss_family == AF_INET) {
		struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;
		inet_ntop(AF_INET, &s4->sin_addr, ip, (socklen_t)ipsize);
		p = ntohs(s4->sin_port);
	} else if (ss.ss_family == AF_INET6) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;
		inet_ntop(AF_INET6, &s6->sin6_addr, ip, (socklen_t)ipsize);
		p = ntohs(s6->sin6_port);
	} else
		return;
	snprintf(port, 8, "%u", p);
}

static char conn_deadline_msg[160];
static size_t conn_deadline_len;

/* SIGALRM: the whole pre-auth phase took too long (slow drip). */
static void
conn_deadline_hit(int sig)
{
	(void)sig;
	if (write(2, conn_deadline_msg, conn_deadline_len) < 0)
		_exit(1);
	_exit(1);
}

void
conn_deadline(struct conn *c, unsigned seconds)
{
	int n = snprintf(conn_deadline_msg, sizeof conn_deadline_msg,
	    "%s[%ld]: info: disconnect reason=login-deadline state=pre-auth "
	    "ip=%s\n", c->cfg->service[0] == 'i' ? "imap-login" :
	    "pop3-login", (long)getpid(), c->remote_ip);

	conn_deadline_len = n > 0 && (size_t)n < sizeof conn_deadline_msg ?
	    (size_t)n : 0;
	signal(SIGALRM, conn_deadline_hit);
	alarm(seconds);
}

/* A descriptor number from the environment, or -1. */
static int
conn_env_fd(const char *name)
{
	const char *v = getenv(name);
	char *end;
	long n;

	if (v == NULL || *v == '\0')
		return -1;
	n = strtol(v, &end, 10);
	return *end == '\0' && n >= 0 && n < 65536 ? (int)n : -1;
}

/* UCSPI-TLS (ucspi-tls(2)): a server that can start TLS for us. */
static void
conn_ucspi_init(struct conn *c)
{
	const char *proto = getenv("SSL_PROTOCOL");

	c->ucspi_ctl = conn_env_fd("SSLCTLFD");
	c->ucspi_r = conn_env_fd("SSLREADFD");
	c->ucspi_w = conn_env_fd("SSLWRITEFD");
	if (c->ucspi_ctl < 0 || c->ucspi_r < 0 || c->ucspi_w < 0)
		c->ucspi_ctl = c->ucspi_r = c->ucspi_w = -1;
	/* Behind sslserver without -n the session is TLS from the start. */
	if (c->ucspi_ctl < 0 && c->cfg->tls_cert == NULL && proto && *proto) {
		conn_copy(c->tls_proto, sizeof c->tls_proto, proto);
		conn_copy(c->tls_cipher, sizeof c->tls_cipher,
		    getenv("SSL_CIPHER"));
		c->tls = 1;
	}
}

int
conn_tls_offered(const struct conn *c)
{
	return !c->tls && (c->cfg->tls_cert != NULL || c->ucspi_ctl >= 0);
}

void
conn_init(struct conn *c, const struct login_config *cfg, int ctl)
{
	memset(c, 0, sizeof *c);
	c->cfg = cfg;
	c->rfd = 0;
	c->wfd = 1;
	c->ctl = ctl;
	io_in_init(&c->in, 0, cfg->timeout_ms);
	conn_copy(c->remote_ip, sizeof c->remote_ip, getenv("TCPREMOTEIP"));
	conn_copy(c->remote_port, 8, getenv("TCPREMOTEPORT"));
	conn_copy(c->local_ip, sizeof c->local_ip, getenv("TCPLOCALIP"));
	conn_copy(c->local_port, 8, getenv("TCPLOCALPORT"));
	if (c->remote_ip[0] == '\0')
		conn_sockaddr(0, 1, c->remote_ip, sizeof c->remote_ip,
		    c->remote_port);
	if (c->local_ip[0] == '\0')
		conn_sockaddr(0, 0, c->local_ip, sizeof c->local_ip,
		    c->local_port);
	log_context("ip", c->remote_ip[0] ? c->remote_ip : "unknown");
	conn_ucspi_init(c);
}

/* read(2) exactly n bytes, no buffering beyond them; 0 or -1. */
static int
conn_read_exact(int fd, unsigned char *b, size_t n, int timeout_ms)
{
	while (n > 0) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		ssize_t r;

		if (poll(&p, 1, timeout_ms) <= 0)
			return -1;
		r = read(fd, b, n);
		if (r <= 0 && !(r < 0 && errno == EINTR))
			return -1;
		if (r > 0) {
			b += r;
			n -= (size_t)r;
		}
	}
	return 0;
}

int
conn_proxy(struct conn *c)
{
	unsigned char b[PROXY_MAX];
	struct proxy_addr pa;
	size_t n = 0, need;
	ssize_t r;

	/* Read exactly what the header lacks: the rest is the client's. */
	while ((r = proxy_parse(b, n, &pa, &need)) == 0) {
		if (conn_read_exact(c->rfd, b + n, need,
		    c->cfg->timeout_ms) < 0) {
			log_info("disconnect", "reason=proxy-eof");
			return -1;
		}
		n += need;
	}
	if (r < 0) {
		log_info("disconnect", "reason=proxy-header-invalid");
		return -1;
	}
	if (!pa.local) {
		conn_copy(c->remote_ip, sizeof c->remote_ip, pa.src_ip);
		snprintf(c->remote_port, 8, "%u", pa.src_port);
		conn_copy(c->local_ip, sizeof c->local_ip, pa.dst_ip);
		snprintf(c->local_port, 8, "%u", pa.dst_port);
		log_context("ip", c->remote_ip);
	}
	return 0;
}

/* Receive the one-byte answer of the root part, maybe with an fd. */
static int
conn_recv(struct conn *c, int *fd)
{
	char byte;
	char cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { &byte, 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cbuf, .msg_controllen = sizeof cbuf };
	struct cmsghdr *cm;
	ssize_t r;

	do
		r = recvmsg(c->ctl, &m, MSG_CMSG_CLOEXEC);
	while (r < 0 && errno == EINTR);
	if (r != 1)
		return -1;
	cm = CMSG_FIRSTHDR(&m);
	if (fd && cm && cm->cmsg_level == SOL_SOCKET &&
	    cm->cmsg_type == SCM_RIGHTS)
		memcpy(fd, CMSG_DATA(cm), sizeof(int));
	return (unsigned char)byte;
}

/* "PROTOCOL CIPHER\n" from the TLS process, before any client byte. */
static int
conn_tls_info(struct conn *c)
{
	char line[160], *sp;
	ssize_t n = conn_getline(c, line, sizeof line - 1);

	if (n <= 0 || line[n - 1] != '\n' || (sp = strchr(line, ' ')) == NULL)
		return -1;
	line[n - 1] = '\0';
	*sp = '\0';
	conn_copy(c->tls_proto, sizeof c->tls_proto, line);
	conn_copy(c->tls_cipher, sizeof c->tls_cipher, sp + 1);
	c->tls = 1;
	log_info("tls", "proto=%s cipher=%s", log_esc(c->tls_proto),
	    log_esc(c->tls_cipher));
	return 0;
}

/* Leave the raw connection for fd (our TLS process or UCSPI-TLS). */
static void
conn_switch(struct conn *c, int rfd, int wfd)
{
	/*
	 * RFC 3207 6, RFC 2595 3.1: whatever the client sent after the
	 * STARTTLS line, before the handshake, is discarded unread.
	 */
	explicit_bzero(c->in.buf, sizeof c->in.buf);
	if (c->wfd != c->rfd)
		close(c->wfd);
	close(c->rfd);
	c->rfd = rfd;
	c->wfd = wfd;
	io_in_init(&c->in, rfd, c->cfg->timeout_ms);
}

/* The "VAR=val\0...\0\0" answer to "Y" on the control socket. */
static int
conn_ucspi_env(struct conn *c)
{
	char env[4096], *p;
	size_t n = 0;

	while (n < 2 || env[n - 1] != '\0' || env[n - 2] != '\0') {
		struct pollfd pf = { .fd = c->ucspi_ctl, .events = POLLIN };
		ssize_t r;

		if (n == sizeof env ||
		    poll(&pf, 1, c->cfg->timeout_ms) <= 0 ||
		    (r = read(c->ucspi_ctl, env + n, sizeof env - n)) <= 0)
			return -1;
		n += (size_t)r;
	}
	for (p = env; *p; p += strlen(p) + 1) {
		if (strncmp(p, "SSL_PROTOCOL=", 13) == 0)
			conn_copy(c->tls_proto, sizeof c->tls_proto, p + 13);
		else if (strncmp(p, "SSL_CIPHER=", 11) == 0)
			conn_copy(c->tls_cipher, sizeof c->tls_cipher, p + 11);
	}
	return 0;
}

static int
conn_ucspi_starttls(struct conn *c)
{
	if (write(c->ucspi_ctl, "Y", 1) != 1 || conn_ucspi_env(c) < 0)
		return -1;
	/* The root part hands these fds to the mail process later. */
	if (write(c->ctl, "U", 1) != 1)
		return -1;
	conn_switch(c, c->ucspi_r, c->ucspi_w);
	c->tls = 1;
	if (c->tls_proto[0] == '\0')
		conn_copy(c->tls_proto, sizeof c->tls_proto, "TLS");
	log_info("tls", "proto=%s cipher=%s via=ucspi-tls",
	    log_esc(c->tls_proto), log_esc(c->tls_cipher));
	return 0;
}

int
conn_starttls(struct conn *c)
{
	int fd = -1;

	if (c->cfg->tls_cert == NULL)
		return c->ucspi_ctl >= 0 ? conn_ucspi_starttls(c) : -1;
	if (write(c->ctl, "T", 1) != 1 || conn_recv(c, &fd) != 'T' || fd < 0)
		return -1;
	conn_switch(c, fd, fd);
	return conn_tls_info(c);
}

ssize_t
conn_getline(struct conn *c, char *buf, size_t max)
{
	size_t n = 0;
	int overlong = 0;

	for (;;) {
		char *start = c->in.buf + c->in.pos;
		size_t avail = c->in.len - c->in.pos;
		char *nl = memchr(start, '\n', avail);
		size_t take = nl ? (size_t)(nl - start) + 1 : avail;

		if (!overlong && n + take > max)
			overlong = 1;
		if (!overlong)
			memcpy(buf + n, start, take);
		n += overlong ? 0 : take;
		c->in.pos += take;
		if (nl)
			break;
		ssize_t r = io_fill(&c->in);
		if (r < 0)
			return -1;
		if (r == 0)
			return overlong ? (errno = ERANGE, -1) : 0;
	}
	if (overlong) {
		errno = ERANGE;
		return -1;
	}
	buf[n] = '\0';
	return (ssize_t)n;
}

int
conn_readn(struct conn *c, char *buf, size_t n)
{
	return io_readn(&c->in, buf, n);
}

void
conn_puts(struct conn *c, const char *s)
{
	if (fd_write_all(c->wfd, s, strlen(s), c->cfg->timeout_ms) < 0) {
		log_info("disconnect", "reason=write-failed state=pre-auth");
		_exit(1);
	}
}

void
conn_printf(struct conn *c, const char *fmt, ...)
{
	char buf[2048];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof buf)
		n = 0;
	buf[n] = '\0';
	conn_puts(c, buf);
}

void
conn_wipe(struct conn *c)
{
	explicit_bzero(c->in.buf, c->in.pos);
}

enum conn_auth
conn_auth(struct conn *c, const struct sasl *s, const char *tag)
{
	static char msg[PM_MSG_MAX];
	char cred[LIM_CRED];
	struct privmsg_auth a = { .cred = cred };
	size_t n;
	int r = -1;

	if (sasl_record(s, cred, sizeof cred, &a.credlen) < 0)
		return CONN_AUTH_FAIL;
	a.field[PM_MECH] = sasl_mech_name(s->mech);
	a.field[PM_TAG] = tag;
	a.field[PM_LOGIN] = s->login;
	a.field[PM_REMOTEIP] = c->remote_ip;
	a.field[PM_REMOTEPORT] = c->remote_port;
	a.field[PM_LOCALIP] = c->local_ip;
	a.field[PM_LOCALPORT] = c->local_port;
	a.field[PM_SSLPROTO] = c->tls ? c->tls_proto : "";
	a.field[PM_SSLCIPHER] = c->tls ? c->tls_cipher : "";
	a.pending = c->in.buf + c->in.pos;
	a.pendlen = c->in.len - c->in.pos;
	n = privmsg_pack(&a, msg);
	/* The deadline is for the client, not for the checkpassword run
	 * (nor for a session that ends before we hear of it). */
	unsigned left = alarm(0);
	if (n > 0 && write(c->ctl, msg, n) == (ssize_t)n)
		r = conn_recv(c, NULL);
	if (r != 'O')
		alarm(left ? left : 1);
	explicit_bzero(cred, sizeof cred);
	explicit_bzero(msg, n);
	if (r == 'O')
		return CONN_AUTH_OK;
	return r == 'F' ? CONN_AUTH_FAIL : CONN_AUTH_TEMP;
}
