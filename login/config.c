/* config.c: environment settings of the login programs. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "log.h"
#include "sasl.h"

int
config_flag(const char *name)
{
	const char *v = getenv(name);

	return v != NULL && *v != '\0' && strcmp(v, "0") != 0;
}

/* An unsigned decimal setting within [lo, hi], or def when unset. */
static int
config_uint(const char *name, long def, long lo, long hi, long *out)
{
	const char *v = getenv(name);
	char *end;
	long n;

	*out = def;
	if (v == NULL || *v == '\0')
		return 0;
	errno = 0;
	n = strtol(v, &end, 10);
	if (errno || *end != '\0' || n < lo || n > hi) {
		log_warn("config", "error=\"bad value\" name=%s value=%s",
		    name, log_esc(v));
		return -1;
	}
	*out = n;
	return 0;
}

static const char *
config_str(const char *name, const char *def)
{
	const char *v = getenv(name);

	return v != NULL && *v != '\0' ? v : def;
}

static int
config_mechs(struct login_config *c)
{
	const char *v = config_str("AUTH_MECHS", "PLAIN LOGIN");

	c->mechs = 0;
	while (*v) {
		size_t n = strcspn(v, " ,");
		int m = sasl_mech_parse(v, n);

		if (n > 0 && m < 0) {
			log_warn("config", "error=\"unknown mechanism\" "
			    "name=AUTH_MECHS value=%s", log_esc(v));
			return -1;
		}
		if (n > 0)
			c->mechs |= CFG_MECH(m);
		v += n;
		v += strspn(v, " ,");
	}
	return 0;
}

static int
config_numbers(struct login_config *c)
{
	long t, f, d, l;

	if (config_uint("LOGIN_TIMEOUT", 60, 1, 86400, &t) < 0 ||
	    config_uint("AUTH_FAILURES", 3, 1, 1000, &f) < 0 ||
	    config_uint("AUTH_DELAY", 2, 0, 60, &d) < 0 ||
	    config_uint("MAX_LINE", LIM_LINE, 512, LIM_LINE_MAX, &l) < 0)
		return -1;
	c->timeout_ms = (int)t * 1000;
	c->auth_failures = (int)f;
	c->auth_delay = (int)d;
	c->max_line = (size_t)l;
	return 0;
}

static void
config_hostname(struct login_config *c)
{
	const char *h = getenv("HOSTNAME");

	if (h && *h && strlen(h) <= LIM_HOSTNAME &&
	    strcspn(h, " <>@\r\n") == strlen(h))
		memcpy(c->hostname, h, strlen(h) + 1);
	else if (gethostname(c->hostname, sizeof c->hostname) < 0)
		memcpy(c->hostname, "localhost", 10);
	c->hostname[LIM_HOSTNAME] = '\0';
}

int
config_load(struct login_config *c, const char *service, int argc,
    char **argv)
{
	const char *tls = getenv("TLS");

	memset(c, 0, sizeof *c);
	c->service = service;
	if (argc < 3) {
		log_warn("config", "error=\"usage: %s-login "
		    "checkpassword-prog [args...] %sd [args...]\"",
		    service, service);
		return -1;
	}
	c->prog = argv + 1;
	c->tls_cert = config_str("TLS_CERT", NULL);
	c->tls_key = config_str("TLS_KEY", NULL);
	c->tls_ciphers = config_str("TLS_CIPHERS",
	    "ECDHE+AESGCM:ECDHE+CHACHA20:DHE+AESGCM:DHE+CHACHA20");
	c->tls_min = config_str("TLS_MIN", "TLSv1.2");
	c->tls_dhparam = config_str("TLS_DHPARAM", NULL);
	c->tls_ticket_key = config_str("TLS_TICKET_KEY", NULL);
	c->tls_sni_dir = config_str("TLS_SNI_DIR", NULL);
	c->tls_implicit = tls != NULL && strcmp(tls, "implicit") == 0;
	if (tls && *tls && !c->tls_implicit) {
		log_warn("config", "error=\"TLS must be implicit or unset\"");
		return -1;
	}
	if (c->tls_implicit && c->tls_cert == NULL) {
		log_warn("config", "error=\"TLS=implicit needs TLS_CERT\"");
		return -1;
	}
	c->trusted = config_flag("TRUSTED");
	c->login_user = config_str("LOGIN_USER", "maillogin");
	c->login_root = config_str("LOGIN_ROOT", "/var/empty");
	c->proxy = config_flag("PROXY_PROTOCOL");
	c->greeting = config_str("GREETING", "Ready");
	c->apop = config_flag("APOP");
	config_hostname(c);
	return config_numbers(c) < 0 || config_mechs(c) < 0 ? -1 : 0;
}
