/*
 * lmtpd: LMTP delivery (RFC 2033) into Maildirs, one connection on fds
 * 0 and 1, started per connection by tcpserver, a UNIX socket server or
 * systemd (Accept=yes):
 *
 *	tcpserver -HRl0 127.0.0.1 24 lmtpd /etc/mail/users.cdb
 *
 * Everything is configured from the environment; see lmtpd(8).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "limits.h"
#include "log.h"
#include "session.h"

/* A number from the environment in [lo, hi], or def when unset. */
static long long
env_number(const char *name, long long def, long long lo, long long hi)
{
	const char *v = getenv(name);
	char *end;
	long long n;

	if (v == NULL || *v == '\0')
		return def;
	errno = 0;
	n = strtoll(v, &end, 10);
	if (errno || *end != '\0' || n < lo || n > hi)
		log_die(111, "config", "variable=%s value=%s range=%lld-%lld",
		    name, log_esc(v), lo, hi);
	return n;
}

static const char *
env_or(const char *name, const char *def)
{
	const char *v = getenv(name);

	return v && *v ? v : def;
}

static void
config_host(struct config *c)
{
	const char *h = getenv("LMTP_HOSTNAME");

	if (h && *h)
		snprintf(c->host, sizeof c->host, "%s", h);
	else if (gethostname(c->host, sizeof c->host - 1) < 0)
		snprintf(c->host, sizeof c->host, "localhost");
	c->host[sizeof c->host - 1] = '\0';
}

static void
config_load(struct config *c, const char *table)
{
	memset(c, 0, sizeof *c);
	c->table = table;
	config_host(c);
	c->delims = env_or("RECIPIENT_DELIMITER", "+");
	c->spooldir = env_or("LMTP_SPOOL", env_or("TMPDIR", "/tmp"));
	c->max_size = env_number("LMTP_MAX_SIZE", 0, 0, LIM_MESSAGE);
	c->max_rcpt = (size_t)env_number("LMTP_MAX_RECIPIENTS",
	    LIM_LMTP_RCPT_DEFAULT, 1, LIM_LMTP_RCPT);
	c->timeout_ms = (int)env_number("LMTP_TIMEOUT", 300, 1, 86400) *
	    1000;
	c->quota_perm = env_number("LMTP_QUOTA_PERMANENT", 0, 0, 1) == 1;
	c->detail_folder = env_number("LMTP_DETAIL_FOLDER", 0, 0, 1) == 1;
	c->warn_percent = (int)env_number("LMTP_QUOTA_WARN", 0, 0, 100);
	c->warn_template = env_or("LMTP_QUOTA_WARN_TEMPLATE",
	    "/etc/mail/quotawarn.msg");
	c->switch_uid = geteuid() == 0;
}

/* The client's address: TCPREMOTEIP (UCSPI), else the socket's peer. */
static void
remote_ip(char *ip, size_t size)
{
	const char *env = getenv("TCPREMOTEIP");
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;

	ip[0] = '\0';
	if (env && *env) {
		snprintf(ip, size, "%s", env);
		return;
	}
	if (getpeername(0, (struct sockaddr *)&ss, &len) < 0)
		return;
	if (ss.ss_family == AF_INET)
		inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr,
		    ip, (socklen_t)size);
	else if (ss.ss_family == AF_INET6)
		inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr,
		    ip, (socklen_t)size);
}

int
main(int argc, char **argv)
{
	struct config cfg;
	char ip[64];

	log_init("lmtpd");
	if (argc != 2 || argv[1][0] == '\0')
		log_die(100, "usage", "usage=%s",
		    log_esc("lmtpd /etc/mail/users.cdb"));
	signal(SIGPIPE, SIG_IGN);	/* a gone client is a write error */
	config_load(&cfg, argv[1]);
	remote_ip(ip, sizeof ip);
	if (ip[0])
		log_context("ip", ip);
	return session_run(&cfg, ip);
}
