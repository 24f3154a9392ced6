/*
 * pop3-login: POP3 before authentication; see pop3-login(8).
 *
 *   pop3-login checkpassword-prog [args...] pop3d [args...]
 *
 * Same process design as imap-login: main() hands over to the root part
 * (monitor.c), which forks the unprivileged pop3_proto() below.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "attempt.h"
#include "base64.h"
#include "config.h"
#include "conn.h"
#include "log.h"
#include "monitor.h"
#include "pop3-parse.h"
#include "sasl.h"

#define POP3_BAD_MAX	10	/* unknown commands before goodbye */

struct pop3 {
	struct conn c;
	struct attempt at;
	int bad;
	char user[LIM_LOGIN + 1];	/* from USER, for PASS */
	char line[LIM_LINE_MAX + 1];	/* pop3_cmd points into it */
};

/* RFC 2595 2: no password in the clear unless trusted. */
static int
pop3_plaintext_ok(const struct pop3 *p)
{
	return p->c.tls || p->c.cfg->trusted;
}

static void
pop3_err(struct pop3 *p, const char *text)
{
	conn_printf(&p->c, "-ERR %s\r\n", text);
	if (++p->bad >= POP3_BAD_MAX) {
		log_info("disconnect", "reason=too-many-bad-commands "
		    "state=pre-auth");
		_exit(1);
	}
}

static void
pop3_auth_result(struct pop3 *p, enum conn_auth r)
{
	if (r == CONN_AUTH_OK)
		_exit(0);	/* pop3d has said +OK and owns the client */
	/* RFC 3206: [AUTH] for bad credentials, [SYS/TEMP] for us. */
	if (r == CONN_AUTH_TEMP)
		conn_puts(&p->c, "-ERR [SYS/TEMP] Temporary authentication "
		    "failure, try again later\r\n");
	else
		conn_puts(&p->c, "-ERR [AUTH] Authentication failed\r\n");
	if (attempt_exhausted(&p->at, &p->c)) {
		log_info("disconnect", "reason=too-many-failures "
		    "state=pre-auth");
		_exit(1);
	}
}

static void
pop3_capa(struct pop3 *p, const struct pop3_cmd *cmd)
{
	const struct login_config *cfg = p->c.cfg;

	(void)cmd;	/* RFC 2449 5: CAPA takes no argument; extras ignored */
	conn_puts(&p->c, "+OK Capability list follows\r\nTOP\r\nUIDL\r\n"
	    "RESP-CODES\r\nAUTH-RESP-CODE\r\nPIPELINING\r\n");
	if (pop3_plaintext_ok(p))
		conn_puts(&p->c, "USER\r\n");
	if (conn_tls_offered(&p->c))
		conn_puts(&p->c, "STLS\r\n");
	conn_puts(&p->c, "SASL");
	for (int m = SASL_PLAIN; m <= SASL_CRAM_MD5; m++)
		if ((cfg->mechs & CFG_MECH(m)) && (pop3_plaintext_ok(p) ||
		    !sasl_mech_plaintext((enum sasl_mech)m)))
			conn_printf(&p->c, " %s",
			    sasl_mech_name((enum sasl_mech)m));
	conn_puts(&p->c, "\r\nIMPLEMENTATION pop3-login\r\n.\r\n");
}

static void
pop3_user(struct pop3 *p, const struct pop3_cmd *cmd)
{
	if (!pop3_plaintext_ok(p)) {
		conn_puts(&p->c, "-ERR [AUTH] Plaintext authentication "
		    "disallowed without TLS; use STLS\r\n");
		return;
	}
	if (!cmd->valid) {
		pop3_err(p, "Invalid user name");
		return;
	}
	memcpy(p->user, cmd->name.p, cmd->name.n + 1);
	conn_puts(&p->c, "+OK\r\n");
}

static void
pop3_pass(struct pop3 *p, const struct pop3_cmd *cmd)
{
	struct sasl s;

	if (p->user[0] == '\0' || !pop3_plaintext_ok(p)) {
		explicit_bzero(p->line, sizeof p->line);
		pop3_err(p, "USER first");
		return;
	}
	sasl_begin(&s, SASL_LOGIN, p->at.stamp);
	if (!cmd->valid || sasl_set(&s, p->user, strlen(p->user),
	    cmd->secret.p, cmd->secret.n) < 0) {
		explicit_bzero(p->line, sizeof p->line);
		sasl_wipe(&s);
		attempt_malformed(&p->at, &p->c, "LOGIN");
		pop3_auth_result(p, CONN_AUTH_FAIL);
		return;
	}
	explicit_bzero(p->line, sizeof p->line);
	p->user[0] = '\0';
	pop3_auth_result(p, attempt_check(&p->at, &p->c, &s, ""));
}

/* RFC 1939 7: APOP name digest, digest = MD5(timestamp secret) in hex. */
static void
pop3_apop(struct pop3 *p, const struct pop3_cmd *cmd)
{
	struct sasl s;

	if (!p->c.cfg->apop) {
		pop3_err(p, "APOP not available");
		return;
	}
	if (!cmd->valid) {
		pop3_err(p, "Invalid APOP arguments");
		return;
	}
	sasl_begin(&s, SASL_APOP, p->at.stamp);
	if (sasl_set(&s, cmd->name.p, cmd->name.n, cmd->secret.p,
	    cmd->secret.n) < 0) {
		sasl_wipe(&s);
		pop3_err(p, "Invalid APOP arguments");
		return;
	}
	pop3_auth_result(p, attempt_check(&p->at, &p->c, &s, ""));
}

/* One SASL response line: 1 decoded, 0 cancelled, -1 bad base64. */
static int
pop3_sasl_read(struct pop3 *p, unsigned char *out, size_t *n)
{
	char line[LIM_SASL + 3];
	ssize_t len = conn_getline(&p->c, line, LIM_SASL + 2);
	size_t b64;
	int r;

	if (len == 0 || (len < 0 && errno != ERANGE)) {
		log_info("disconnect", "reason=%s state=pre-auth",
		    len == 0 ? "eof" : "read-error");
		_exit(1);
	}
	if (len < 0)
		r = -1;		/* over LIM_SASL: no base64 we could take */
	else if (pop3_sasl_line(line, (size_t)len, &b64) == 0)
		r = 0;
	else
		r = base64_decode(line, b64, out, LIM_SASL, n) == 0 ? 1 : -1;
	explicit_bzero(line, sizeof line);
	return r;
}

static int
pop3_sasl_run(struct pop3 *p, struct sasl *s, unsigned char *resp,
    size_t n, int have)
{
	const char *ch = sasl_first_challenge(s);
	char b64[BASE64_LEN(SASL_STAMP_MAX) + 1];
	enum sasl_result r = SASL_CONTINUE;

	while (r == SASL_CONTINUE) {
		if (!have) {
			base64_encode((const unsigned char *)ch, strlen(ch),
			    b64);
			conn_printf(&p->c, "+ %s\r\n", b64);
			int got = pop3_sasl_read(p, resp, &n);
			if (got <= 0) {
				pop3_err(p, got == 0 ? "Authentication "
				    "cancelled" : "Invalid base64 response");
				return -1;
			}
		}
		have = 0;
		r = sasl_step(s, resp, n, &ch);
		explicit_bzero(resp, LIM_SASL);
	}
	return (int)r;
}

static void
pop3_auth_list(struct pop3 *p)
{
	conn_puts(&p->c, "+OK\r\n");
	for (int m = SASL_PLAIN; m <= SASL_CRAM_MD5; m++)
		if ((p->c.cfg->mechs & CFG_MECH(m)) && (pop3_plaintext_ok(p) ||
		    !sasl_mech_plaintext((enum sasl_mech)m)))
			conn_printf(&p->c, "%s\r\n",
			    sasl_mech_name((enum sasl_mech)m));
	conn_puts(&p->c, ".\r\n");
}

/* RFC 5034 4: AUTH mechanism [initial-response]. */
static void
pop3_auth(struct pop3 *p, const struct pop3_cmd *cmd)
{
	unsigned char resp[LIM_SASL];
	size_t n = 0;
	struct sasl s;
	int mech, r;

	if (cmd->mech.p == NULL) {
		pop3_auth_list(p);
		return;
	}
	mech = sasl_mech_parse(cmd->mech.p, cmd->mech.n);
	if (mech < 0 || !(p->c.cfg->mechs & CFG_MECH(mech))) {
		pop3_err(p, "Unsupported authentication mechanism");
		return;
	}
	if (sasl_mech_plaintext((enum sasl_mech)mech) &&
	    !pop3_plaintext_ok(p)) {
		conn_puts(&p->c, "-ERR [AUTH] Plaintext authentication "
		    "disallowed without TLS; use STLS\r\n");
		return;
	}
	if (cmd->ir.p != NULL && (!sasl_mech_allows_ir((enum sasl_mech)mech) ||
	    base64_decode(cmd->ir.p, cmd->ir.n, resp, LIM_SASL, &n) < 0)) {
		explicit_bzero(p->line, sizeof p->line);
		pop3_err(p, "Invalid initial response");
		return;
	}
	explicit_bzero(p->line, sizeof p->line);
	sasl_begin(&s, (enum sasl_mech)mech, p->at.stamp);
	r = pop3_sasl_run(p, &s, resp, n, cmd->ir.p != NULL);
	if (r == SASL_DONE)
		pop3_auth_result(p, attempt_check(&p->at, &p->c, &s, ""));
	else {
		sasl_wipe(&s);
		if (r == SASL_FAIL) {
			attempt_malformed(&p->at, &p->c,
			    sasl_mech_name((enum sasl_mech)mech));
			pop3_auth_result(p, CONN_AUTH_FAIL);
		}
	}
}

static void
pop3_stls(struct pop3 *p, const struct pop3_cmd *cmd)
{
	(void)cmd;
	if (!conn_tls_offered(&p->c)) {
		pop3_err(p, "STLS not available");
		return;
	}
	conn_puts(&p->c, "+OK Begin TLS negotiation\r\n");
	if (conn_starttls(&p->c) < 0) {
		log_info("disconnect", "reason=tls-failed state=pre-auth");
		_exit(1);
	}
	p->user[0] = '\0';
}

static void
pop3_quit(struct pop3 *p, const struct pop3_cmd *cmd)
{
	(void)cmd;
	conn_puts(&p->c, "+OK Bye\r\n");
	log_info("disconnect", "reason=quit state=pre-auth");
	_exit(0);
}

static void
pop3_noop(struct pop3 *p, const struct pop3_cmd *cmd)
{
	(void)cmd;
	conn_puts(&p->c, "+OK\r\n");
}

static void
pop3_invalid(struct pop3 *p, const struct pop3_cmd *cmd)
{
	(void)cmd;
	pop3_err(p, "Invalid command");
}

static void
pop3_unknown(struct pop3 *p, const struct pop3_cmd *cmd)
{
	log_debug("bad-command", "name=%s", log_esc(cmd->word.p));
	pop3_err(p, "Command not allowed before authentication");
}

static void (*const pop3_commands[POP3_KINDS])(struct pop3 *,
    const struct pop3_cmd *) = {
	[POP3_UNKNOWN] = pop3_unknown, [POP3_INVALID] = pop3_invalid,
	[POP3_CAPA] = pop3_capa, [POP3_USER] = pop3_user,
	[POP3_PASS] = pop3_pass, [POP3_APOP] = pop3_apop,
	[POP3_AUTH] = pop3_auth, [POP3_STLS] = pop3_stls,
	[POP3_QUIT] = pop3_quit, [POP3_NOOP] = pop3_noop,
};

static void
pop3_dispatch(struct pop3 *p, size_t len)
{
	struct pop3_cmd cmd;

	pop3_commands[pop3_parse(p->line, len, &cmd)](p, &cmd);
}

static void
pop3_read_error(void)
{
	log_info("disconnect", "reason=%s state=pre-auth",
	    errno == ETIMEDOUT ? "timeout" : "read-error");
	_exit(1);
}

static int
pop3_proto(const struct login_config *cfg, int ctl)
{
	static struct pop3 p;
	ssize_t n;

	conn_init(&p.c, cfg, ctl);
	attempt_init(&p.at, cfg);
	/* Idle reads time out after LOGIN_TIMEOUT; a client that keeps
	 * dripping bytes gets five times that in all. */
	conn_deadline(&p.c, (unsigned)(cfg->timeout_ms / 1000) * 5);
	if (cfg->proxy && conn_proxy(&p.c) < 0)
		return 1;
	if (cfg->tls_implicit && conn_starttls(&p.c) < 0) {
		log_info("disconnect", "reason=tls-failed state=pre-auth");
		return 1;
	}
	/* RFC 1939 7: the timestamp announces APOP. */
	conn_printf(&p.c, "+OK %s%s%s\r\n", cfg->greeting,
	    cfg->apop ? " " : "", cfg->apop ? p.at.stamp : "");
	for (;;) {
		n = conn_getline(&p.c, p.line, cfg->max_line);
		if (n == 0) {
			log_info("disconnect", "reason=eof state=pre-auth");
			return 0;
		}
		if (n < 0 && errno == ERANGE)
			pop3_err(&p, "Line too long");
		else if (n < 0)
			pop3_read_error();
		else
			pop3_dispatch(&p, (size_t)n);
		explicit_bzero(p.line, sizeof p.line);
		conn_wipe(&p.c);
	}
}

int
main(int argc, char **argv)
{
	static struct login_config cfg;

	log_init("pop3-login");
	if (config_load(&cfg, "pop3", argc, argv) < 0)
		return 111;
	return monitor_main(&cfg, pop3_proto);
}
