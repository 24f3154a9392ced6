/*
 * checkpassword-cdb: the checkpassword interface over users.cdb.
 * See checkpassword-cdb(8) and the interface in checkpassword(8).
 *
 *   checkpassword-cdb /etc/mail/users.cdb prog [args...]
 *
 * Runs as root: reads at most 512 bytes from fd 3, looks the login up,
 * verifies, applies the policy, switches to the user for good, enters the
 * home and execs prog.  Descriptors 0, 1, 2, 4 and 5 pass through
 * untouched (the login programs' handoff uses 4 and 5).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "authpolicy.h"
#include "cidr.h"
#include "cred.h"
#include "limits.h"
#include "log.h"
#include "privdrop.h"
#include "pwscheme.h"
#include "quota.h"
#include "envname.h"
#include "usertable.h"

#define EXIT_REJECT 1
#define EXIT_USAGE 2
#define EXIT_TEMP 111

/* What the record's second and third fields are (AUTH_MECH). */
enum mech { MECH_PASSWORD, MECH_CRAM_MD5, MECH_APOP };
static const char *const mech_names[] = { "plain", "cram-md5", "apop" };

static char credbuf[LIM_CRED + 1];	/* the secret is in here: wipe */
static struct user_record auth, user;	/* auth: whose password */
static char dummy[LIM_SECRET];		/* the table's dummy secret */

/* Wipe every secret and exit; the caller has logged why. */
static __attribute__((noreturn)) void
quit(int code)
{
	explicit_bzero(credbuf, sizeof credbuf);
	user_record_wipe(&auth);
	user_record_wipe(&user);
	exit(code);
}

/* Read fd 3 to EOF, never past LIM_CRED bytes, then close it. */
static size_t
cred_read(void)
{
	size_t n = 0;
	ssize_t r;

	while (n < LIM_CRED) {
		r = read(3, credbuf + n, LIM_CRED - n);
		if (r == 0)
			break;
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 && errno == EBADF) {
			log_warn("usage", "reason=no-fd3");
			quit(EXIT_USAGE);
		}
		if (r < 0) {
			log_warn("temp-fail", "reason=read-fd3 error=%s",
			    log_esc(strerror(errno)));
			quit(EXIT_TEMP);
		}
		n += (size_t)r;
	}
	close(3);
	return n;
}

/* TCPREMOTEIP, or the peer of fd 0 if it is a socket; NULL if unknown. */
static const char *
remote_ip(void)
{
	static char buf[INET6_ADDRSTRLEN];
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;
	const char *ip = getenv("TCPREMOTEIP");
	const void *a;

	if (ip && *ip)
		return ip;
	if (getpeername(0, (struct sockaddr *)&ss, &len) < 0)
		return NULL;
	if (ss.ss_family == AF_INET)
		a = &((struct sockaddr_in *)&ss)->sin_addr;
	else if (ss.ss_family == AF_INET6)
		a = &((struct sockaddr_in6 *)&ss)->sin6_addr;
	else
		return NULL;
	return inet_ntop(ss.ss_family, a, buf, sizeof buf);
}

/* Look a login up: 0 found, -1 unknown; a broken table ends here. */
static int
lookup(const char *table, const char *login, struct user_record *rec)
{
	if (user_lookup_login(table, login, rec) == 0)
		return 0;
	if (errno != ENOENT) {
		log_warn("temp-fail", "reason=table table=%s error=%s",
		    log_esc(table), log_esc(strerror(errno)));
		quit(EXIT_TEMP);
	}
	return -1;
}

/*
 * Verify the secret against auth (or, if absent, a dummy, so that an
 * unknown login costs the same and gets the same answer).  1 if good.
 */
static int
verify(const struct cred *c, int found, enum mech mech)
{
	if (!found || auth.secret[0] == '\0')
		return pwscheme_verify_dummy(c->secret, c->secret_len,
		    mech != MECH_PASSWORD, dummy);
	switch (mech) {
	case MECH_CRAM_MD5:
		return pwscheme_verify_cram(auth.secret, c->stamp,
		    c->stamp_len, c->secret);
	case MECH_APOP:
		return pwscheme_verify_apop(auth.secret, c->stamp,
		    c->stamp_len, c->secret);
	default:
		return pwscheme_verify(auth.secret, c->secret, c->secret_len);
	}
}

static __attribute__((noreturn)) void
reject(const char *reason)
{
	log_info("login-fail", "reason=%s", reason);
	quit(EXIT_REJECT);
}

/* Master login "user*master": the master's password, the user's entry. */
static void
master_resolve(const char *table, const char *target)
{
	const char *ip;

	if (!auth.master)
		reject("not-master");
	/* The master's own network limits hold too. */
	if (auth.allow_nets[0] && ((ip = remote_ip()) == NULL ||
	    cidr_list_match(auth.allow_nets, ip) != 1))
		reject("master-network");
	if (lookup(table, target, &user) < 0)
		reject("unknown-user");
}

static int
env_set(const char *name, const char *value)
{
	if (setenv(name, value, 1) < 0) {
		log_warn("temp-fail", "reason=setenv error=%s",
		    log_esc(strerror(errno)));
		quit(EXIT_TEMP);
	}
	return 0;
}

/* USER HOME MAILDIR SHELL QUOTA MASTER_USER and the extra fields. */
static void
env_export(const char *master)
{
	char q[64], name[64];

	env_set("USER", user.login);
	env_set("HOME", user.home);
	env_set("MAILDIR", user.maildir);
	if (getenv("SHELL") == NULL)
		env_set("SHELL", "/bin/false");
	unsetenv("QUOTA");
	if (user.quota_bytes || user.quota_messages) {
		snprintf(q, sizeof q, "%lldS,%lldC", user.quota_bytes,
		    user.quota_messages);
		env_set("QUOTA", q);
	}
	unsetenv("MASTER_USER");
	if (master)
		env_set("MASTER_USER", master);
	for (const char *e = user.extra; *e; e += strlen(e) + 1) {
		size_t k = strcspn(e, "=");

		if (e[k] == '=' && envname_from_key(e, k, name,
		    sizeof name) == 0 && !envname_reserved(name))
			env_set(name, e + k + 1);
	}
}

/* Rewrite the maildirsize limits line if the table says otherwise. */
static void
quota_sync(void)
{
	struct quota_limits lim = { user.quota_bytes, user.quota_messages };
	struct quota q;

	if (lim.bytes == 0 && lim.count == 0)
		return;
	if (quota_open(&q, user.maildir, &lim) < 0) {
		/* No Maildir yet: the first delivery makes it. */
		log_event(errno == ENOENT ? LOG_DEBUG : LOG_WARNING, "quota",
		    "maildir=%s error=%s", log_esc(user.maildir),
		    log_esc(strerror(errno)));
		return;
	}
	quota_close(&q);
}

static int
env_flag(const char *name)
{
	const char *v = getenv(name);

	return v && *v && strcmp(v, "0") != 0;
}

static void
become_user(void)
{
	if (privdrop(user.uid, user.gid) < 0) {
		log_warn("temp-fail", "reason=setuid uid=%lu gid=%lu error=%s",
		    (unsigned long)user.uid, (unsigned long)user.gid,
		    log_esc(strerror(errno)));
		quit(EXIT_TEMP);
	}
	if (home_enter(user.home, user.maildir, env_flag("MAILDIR_CREATE"))
	    < 0) {
		log_warn("temp-fail", "reason=home home=%s error=%s",
		    log_esc(user.home), log_esc(strerror(errno)));
		quit(EXIT_TEMP);
	}
	quota_sync();
}

static void
authenticate(const char *table, const struct cred *c, enum mech mech)
{
	const char *sep = getenv("MASTER_SEPARATOR"), *why;
	static char target[LIM_LOGIN], master[LIM_LOGIN];
	int m, found;

	m = cred_split_master(c->login, sep ? sep : "*", target,
	    sizeof target, master, sizeof master);
	if (m < 0 || c->login[0] == '\0')
		reject("bad-login");
	if (m)
		log_context("master", master);
	/* Read the dummy for every login, found or not: the same cost. */
	if (user_table_dummy(table, dummy, sizeof dummy) < 0)
		dummy[0] = '\0';	/* an older table: the fixed one */
	found = lookup(table, m ? master : c->login, &auth) == 0;
	if (!verify(c, found, mech))
		reject(!found ? "unknown-user" : auth.secret[0] ?
		    "bad-password" : "no-password");
	if (m)
		master_resolve(table, target);
	else
		user = auth;
	user_record_wipe(&auth);
	user_record_wipe(&user);
	log_context("user", user.login);
	why = authpolicy_check(&user, getenv("SERVICE"), remote_ip(),
	    env_flag("ALLOW_UID0"));
	if (why)
		reject(why);
	become_user();
	env_export(m ? master : NULL);
	log_info("login", "service=%s mech=%s uid=%lu", log_esc(getenv(
	    "SERVICE") ? getenv("SERVICE") : "-"), mech_names[mech],
	    (unsigned long)user.uid);
}

int
main(int argc, char **argv)
{
	const char *m = getenv("AUTH_MECH");
	enum mech mech = MECH_PASSWORD;
	struct cred c;
	size_t n;

	if (m && strcasecmp(m, "CRAM-MD5") == 0)
		mech = MECH_CRAM_MD5;
	else if (m && strcasecmp(m, "APOP") == 0)
		mech = MECH_APOP;

	log_init("checkpassword-cdb");
	if (argc < 3) {
		log_warn("usage", "reason=%s", "usage: checkpassword-cdb "
		    "users.cdb prog [args...]");
		quit(EXIT_USAGE);
	}
	n = cred_read();
	if (cred_parse(credbuf, n, &c) < 0) {
		log_warn("usage", "reason=bad-fd3-record bytes=%zu", n);
		quit(EXIT_USAGE);
	}
	log_context("user", c.login);
	{
		const char *ip = remote_ip();

		if (ip)
			log_context("ip", ip);
	}
	authenticate(argv[1], &c, mech);
	explicit_bzero(credbuf, sizeof credbuf);
	execvp(argv[2], argv + 2);
	log_warn("temp-fail", "reason=exec prog=%s error=%s",
	    log_esc(argv[2]), log_esc(strerror(errno)));
	quit(EXIT_TEMP);
}
