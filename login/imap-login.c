/*
 * imap-login: IMAP before authentication; see imap-login(8).
 *
 *   imap-login checkpassword-prog [args...] imapd [args...]
 *
 * main() reads the environment and hands over to the root part
 * (monitor.c), which forks the unprivileged protocol process running
 * imap_proto() below.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "attempt.h"
#include "base64.h"
#include "config.h"
#include "conn.h"
#include "imap-parse.h"
#include "log.h"
#include "monitor.h"
#include "sasl.h"

#define IMAP_BAD_MAX	10	/* bad commands before BYE */

struct imap {
	struct conn c;
	struct attempt at;
	int bad;
	struct imap_cmd cmd;
	char buf[LIM_LINE_MAX + 1];	/* one command, literals inline */
};

static int imap_plaintext_ok(const struct imap *);

/* RFC 7888 5: LITERAL+ or LITERAL-, never both; as imapd(8) says. */
static const char *
imap_literal_cap(void)
{
	const char *v = getenv("IMAP_LITERAL");

	return v != NULL && strcmp(v, "minus") == 0 ? "LITERAL-" : "LITERAL+";
}

static void
imap_caps(const struct imap *im, char *out, size_t size)
{
	const struct login_config *cfg = im->c.cfg;
	size_t n;

	n = (size_t)snprintf(out, size, "IMAP4rev1 %s SASL-IR ID%s%s",
	    imap_literal_cap(), conn_tls_offered(&im->c) ? " STARTTLS" : "",
	    imap_plaintext_ok(im) ? "" : " LOGINDISABLED");
	for (int m = SASL_PLAIN; m <= SASL_CRAM_MD5 && n < size; m++)
		if ((cfg->mechs & CFG_MECH(m)) && (imap_plaintext_ok(im) ||
		    !sasl_mech_plaintext((enum sasl_mech)m)))
			n += (size_t)snprintf(out + n, size - n, " AUTH=%s",
			    sasl_mech_name((enum sasl_mech)m));
}

/* RFC 9051 6.2.3, RFC 2595 3.2: no password in the clear unless trusted. */
static int
imap_plaintext_ok(const struct imap *im)
{
	return im->c.tls || im->c.cfg->trusted;
}

static void
imap_bye(struct imap *im, const char *why, int status)
{
	conn_printf(&im->c, "* BYE %s\r\n", why);
	_exit(status);
}

static void
imap_bad(struct imap *im, const char *tag, const char *text)
{
	conn_printf(&im->c, "%s BAD %s\r\n", tag[0] ? tag : "*", text);
	if (++im->bad >= IMAP_BAD_MAX) {
		log_info("disconnect", "reason=too-many-bad-commands "
		    "state=pre-auth");
		imap_bye(im, "Too many invalid commands", 1);
	}
}

/* The answer after a failed or temporary check, or the end. */
static void
imap_auth_result(struct imap *im, const char *tag, enum conn_auth r)
{
	if (r == CONN_AUTH_OK) {
		/* imapd has answered the tag and owns the connection. */
		_exit(0);
	}
	if (r == CONN_AUTH_TEMP)
		conn_printf(&im->c, "%s NO [UNAVAILABLE] Temporary "
		    "authentication failure, try again later\r\n", tag);
	else
		conn_printf(&im->c, "%s NO [AUTHENTICATIONFAILED] "
		    "Authentication failed\r\n", tag);
	if (attempt_exhausted(&im->at, &im->c)) {
		log_info("disconnect", "reason=too-many-failures "
		    "state=pre-auth");
		imap_bye(im, "Too many authentication failures", 1);
	}
}

static void
imap_read_error(struct imap *im)
{
	if (errno == ETIMEDOUT) {
		log_info("disconnect", "reason=timeout state=pre-auth");
		imap_bye(im, "Autologout; idle for too long", 1);
	}
	log_info("disconnect", "reason=%s state=pre-auth",
	    errno == ENOBUFS ? "overflow" : "read-error");
	_exit(1);
}

/* The tag of a command we could not read in full, for a tagged BAD. */
static const char *
imap_tag_of(struct imap *im, size_t len)
{
	imap_parse(im->buf, len, &im->cmd);
	return im->cmd.tag;
}

/*
 * Read one command, fetching literals (RFC 9051 4.3, RFC 7888); returns
 * its length, or 0 when it was refused (already answered).
 */
static size_t
imap_read_command(struct imap *im)
{
	size_t max = im->c.cfg->max_line, total = 0, lit;
	ssize_t n;
	int r, nonsync;

	for (;;) {
		n = conn_getline(&im->c, im->buf + total, max - total);
		if (n == 0) {
			log_info("disconnect", "reason=eof state=pre-auth");
			_exit(total ? 1 : 0);
		}
		if (n < 0 && errno == ERANGE) {
			imap_bad(im, total ? imap_tag_of(im, total) : "",
			    "Command line too long");
			return 0;
		}
		if (n < 0)
			imap_read_error(im);
		total += (size_t)n;
		r = imap_literal_suffix(im->buf + total - (size_t)n,
		    (size_t)n, &lit, &nonsync);
		if (r == 0)
			return total;
		if (r < 0 || lit > max - total) {
			if (nonsync) {
				/* RFC 7888 4: it is on its way; we cannot
				 * resynchronise, so say so and go. */
				conn_printf(&im->c, "%s BAD Literal too "
				    "big\r\n", imap_tag_of(im, total));
				imap_bye(im, "Literal too big", 1);
			}
			imap_bad(im, imap_tag_of(im, total), "Literal too big");
			return 0;
		}
		if (!nonsync)
			conn_puts(&im->c, "+ Ready for literal data\r\n");
		if (conn_readn(&im->c, im->buf + total, lit) < 0)
			imap_read_error(im);
		total += lit;
	}
}

/* Copy an astring argument into a bounded, NUL-free buffer. */
static int
imap_astring(const struct imap_arg *a, char *out, size_t max)
{
	if ((a->kind != IMAP_ATOM && a->kind != IMAP_QUOTED &&
	    a->kind != IMAP_LITERAL) || a->n > max || memchr(a->p, 0, a->n))
		return -1;
	memcpy(out, a->p, a->n);
	out[a->n] = '\0';
	return 0;
}

static void
imap_capability(struct imap *im)
{
	char caps[512];

	if (im->cmd.nargs != 0) {
		imap_bad(im, im->cmd.tag, "No arguments allowed");
		return;
	}
	imap_caps(im, caps, sizeof caps);
	conn_printf(&im->c, "* CAPABILITY %s\r\n%s OK Capability "
	    "completed\r\n", caps, im->cmd.tag);
}

static void
imap_noop(struct imap *im)
{
	if (im->cmd.nargs != 0) {	/* RFC 3501 9: "NOOP" alone */
		imap_bad(im, im->cmd.tag, "No arguments allowed");
		return;
	}
	conn_printf(&im->c, "%s OK NOOP completed\r\n", im->cmd.tag);
}

static void
imap_logout(struct imap *im)
{
	if (im->cmd.nargs != 0) {
		imap_bad(im, im->cmd.tag, "No arguments allowed");
		return;
	}
	conn_printf(&im->c, "* BYE Logging out\r\n%s OK Logout "
	    "completed\r\n", im->cmd.tag);
	log_info("disconnect", "reason=logout state=pre-auth");
	_exit(0);
}

static void
imap_starttls(struct imap *im)
{
	if (!conn_tls_offered(&im->c)) {
		imap_bad(im, im->cmd.tag, "STARTTLS not available");
		return;
	}
	if (im->cmd.nargs != 0) {
		imap_bad(im, im->cmd.tag, "No arguments allowed");
		return;
	}
	conn_printf(&im->c, "%s OK Begin TLS negotiation now\r\n",
	    im->cmd.tag);
	if (conn_starttls(&im->c) < 0) {
		log_info("disconnect", "reason=tls-failed state=pre-auth");
		_exit(1);
	}
}

/*
 * RFC 2971 3.1: NIL, or a parenthesised list of field-value pairs, at
 * most 30, no nesting.  (Atoms are let through where strings belong:
 * the list is only informational.)
 */
static int
id_args_ok(const struct imap_cmd *cmd)
{
	const struct imap_arg *a = cmd->arg;
	int n = cmd->nargs;

	if (n == 1 && imap_arg_is(&a[0], "NIL"))
		return 1;
	if (n < 2 || a[0].kind != IMAP_LPAREN || a[n - 1].kind != IMAP_RPAREN ||
	    (n - 2) % 2 != 0 || (n - 2) / 2 > 30)
		return 0;
	for (int i = 1; i < n - 1; i++)
		if (a[i].kind == IMAP_LPAREN || a[i].kind == IMAP_RPAREN)
			return 0;
	return 1;
}

/* RFC 2971: answer with our name; the client's list is only logged. */
static void
imap_id(struct imap *im)
{
	const struct imap_cmd *cmd = &im->cmd;

	if (!id_args_ok(cmd)) {
		imap_bad(im, cmd->tag, "Invalid ID arguments");
		return;
	}
	conn_printf(&im->c, "* ID (\"name\" \"imap-login\")\r\n"
	    "%s OK ID completed\r\n", cmd->tag);
}

static void
imap_login(struct imap *im)
{
	const struct imap_cmd *cmd = &im->cmd;
	char user[LIM_LOGIN + 1], pass[LIM_SECRET + 1];
	struct sasl s;

	if (cmd->nargs != 2 ||
	    imap_astring(&cmd->arg[0], user, LIM_LOGIN) < 0 ||
	    imap_astring(&cmd->arg[1], pass, LIM_SECRET) < 0 ||
	    user[0] == '\0') {
		explicit_bzero(im->buf, sizeof im->buf);
		imap_bad(im, cmd->tag, "Invalid LOGIN arguments");
		return;
	}
	explicit_bzero(im->buf, sizeof im->buf);
	if (!imap_plaintext_ok(im)) {
		explicit_bzero(pass, sizeof pass);
		conn_printf(&im->c, "%s NO [PRIVACYREQUIRED] Plaintext "
		    "login disallowed without TLS; use STARTTLS\r\n",
		    cmd->tag);
		return;
	}
	sasl_begin(&s, SASL_LOGIN, im->at.stamp);
	sasl_set(&s, user, strlen(user), pass, strlen(pass));
	explicit_bzero(pass, sizeof pass);
	imap_auth_result(im, cmd->tag, attempt_check(&im->at, &im->c, &s,
	    cmd->tag));
}

/* One SASL response line: decoded into out; 1 ok, 0 cancelled, -1 bad. */
static int
imap_sasl_read(struct imap *im, unsigned char *out, size_t *n)
{
	char line[LIM_SASL + 3];
	ssize_t len = conn_getline(&im->c, line, LIM_SASL + 2);
	int r;

	if (len == 0 || (len < 0 && errno != ERANGE))
		imap_read_error(im);
	while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		len--;
	if (len == 1 && line[0] == '*')
		r = 0;
	else
		r = len >= 0 && base64_decode(line, (size_t)len, out,
		    LIM_SASL, n) == 0 ? 1 : -1;
	explicit_bzero(line, sizeof line);
	return r;
}

static void
imap_sasl_challenge(struct imap *im, const char *ch)
{
	char b64[BASE64_LEN(SASL_STAMP_MAX) + 1];

	base64_encode((const unsigned char *)ch, strlen(ch), b64);
	conn_printf(&im->c, "+ %s\r\n", b64);
}

/* Decode the SASL-IR argument ("=" is an empty response); 0 or -1. */
static int
imap_sasl_ir(const struct imap_arg *a, unsigned char *out, size_t *n)
{
	if (a->kind != IMAP_ATOM)
		return -1;
	if (a->n == 1 && a->p[0] == '=') {
		*n = 0;
		return 0;
	}
	return base64_decode(a->p, a->n, out, LIM_SASL, n);
}

/* Run the exchange; returns the final sasl_step result, or -1 when
 * the client cancelled or sent bad base64 (already answered). */
static int
imap_sasl_run(struct imap *im, struct sasl *s, unsigned char *resp,
    size_t n, int have)
{
	const char *ch = sasl_first_challenge(s);
	enum sasl_result r = SASL_CONTINUE;

	while (r == SASL_CONTINUE) {
		if (!have) {
			imap_sasl_challenge(im, ch);
			int got = imap_sasl_read(im, resp, &n);
			if (got <= 0) {
				imap_bad(im, im->cmd.tag, got == 0 ?
				    "Authentication cancelled" :
				    "Invalid base64 response");
				return -1;
			}
		}
		have = 0;
		r = sasl_step(s, resp, n, &ch);
		explicit_bzero(resp, LIM_SASL);
	}
	return (int)r;
}

static int
imap_mech_check(struct imap *im, int mech)
{
	const char *tag = im->cmd.tag;

	if (mech < 0 || !(im->c.cfg->mechs & CFG_MECH(mech))) {
		conn_printf(&im->c, "%s NO [CANNOT] Unsupported "
		    "authentication mechanism\r\n", tag);
		return -1;
	}
	if (sasl_mech_plaintext((enum sasl_mech)mech) &&
	    !imap_plaintext_ok(im)) {
		conn_printf(&im->c, "%s NO [PRIVACYREQUIRED] Plaintext "
		    "authentication disallowed without TLS\r\n", tag);
		return -1;
	}
	return 0;
}

static void
imap_authenticate(struct imap *im)
{
	struct imap_cmd *cmd = &im->cmd;
	unsigned char resp[LIM_SASL];
	size_t n = 0;
	struct sasl s;
	int mech, r;

	if (cmd->nargs < 1 || cmd->nargs > 2 || cmd->arg[0].kind != IMAP_ATOM) {
		imap_bad(im, cmd->tag, "Invalid AUTHENTICATE arguments");
		return;
	}
	mech = sasl_mech_parse(cmd->arg[0].p, cmd->arg[0].n);
	if (imap_mech_check(im, mech) < 0)
		return;
	if (cmd->nargs == 2 && (!sasl_mech_allows_ir((enum sasl_mech)mech) ||
	    imap_sasl_ir(&cmd->arg[1], resp, &n) < 0)) {
		explicit_bzero(im->buf, sizeof im->buf);
		imap_bad(im, cmd->tag, "Invalid initial response");
		return;
	}
	explicit_bzero(im->buf, sizeof im->buf);
	sasl_begin(&s, (enum sasl_mech)mech, im->at.stamp);
	r = imap_sasl_run(im, &s, resp, n, cmd->nargs == 2);
	if (r == SASL_DONE) {
		imap_auth_result(im, cmd->tag, attempt_check(&im->at,
		    &im->c, &s, cmd->tag));
	} else if (r == SASL_FAIL) {
		sasl_wipe(&s);
		attempt_malformed(&im->at, &im->c,
		    sasl_mech_name((enum sasl_mech)mech));
		imap_auth_result(im, cmd->tag, CONN_AUTH_FAIL);
	} else
		sasl_wipe(&s);
}

static const struct {
	const char *name;
	void (*run)(struct imap *);
} imap_commands[] = {
	{ "CAPABILITY", imap_capability },
	{ "NOOP", imap_noop },
	{ "LOGOUT", imap_logout },
	{ "STARTTLS", imap_starttls },
	{ "LOGIN", imap_login },
	{ "AUTHENTICATE", imap_authenticate },
	{ "ID", imap_id },
};

static void
imap_dispatch(struct imap *im, size_t len)
{
	if (imap_parse(im->buf, len, &im->cmd) < 0) {
		explicit_bzero(im->buf, len);
		imap_bad(im, im->cmd.tag, "Syntax error");
		return;
	}
	for (size_t i = 0; i < sizeof imap_commands / sizeof *imap_commands;
	    i++)
		if (strcmp(im->cmd.name, imap_commands[i].name) == 0) {
			imap_commands[i].run(im);
			return;
		}
	log_debug("bad-command", "name=%s", log_esc(im->cmd.name));
	imap_bad(im, im->cmd.tag, "Command not allowed before "
	    "authentication");
}

static void
imap_greeting(struct imap *im)
{
	char caps[512];

	imap_caps(im, caps, sizeof caps);
	conn_printf(&im->c, "* OK [CAPABILITY %s] %s\r\n", caps,
	    im->c.cfg->greeting);
}

static int
imap_proto(const struct login_config *cfg, int ctl)
{
	static struct imap im;
	size_t len;

	conn_init(&im.c, cfg, ctl);
	attempt_init(&im.at, cfg);
	/* Idle reads time out after LOGIN_TIMEOUT; a client that keeps
	 * dripping bytes gets five times that in all. */
	conn_deadline(&im.c, (unsigned)(cfg->timeout_ms / 1000) * 5);
	if (cfg->proxy && conn_proxy(&im.c) < 0)
		return 1;
	if (cfg->tls_implicit && conn_starttls(&im.c) < 0) {
		log_info("disconnect", "reason=tls-failed state=pre-auth");
		return 1;
	}
	log_debug("connect", "tls=%s", im.c.tls ? im.c.tls_proto : "none");
	imap_greeting(&im);
	for (;;) {
		len = imap_read_command(&im);
		if (len > 0)
			imap_dispatch(&im, len);
		conn_wipe(&im.c);
	}
}

int
main(int argc, char **argv)
{
	static struct login_config cfg;

	log_init("imap-login");
	if (config_load(&cfg, "imap", argc, argv) < 0)
		return 111;
	return monitor_main(&cfg, imap_proto);
}
