/*
 * config.h: the settings of imap-login and pop3-login, all from the
 * environment (see imap-login(8) ENVIRONMENT).  Read once, in the root
 * part, before any fork.
 */
#ifndef LOGIN_CONFIG_H
#define LOGIN_CONFIG_H

#include <stddef.h>

#include "limits.h"

#define CFG_MECH(m)	(1u << (m))	/* bit per enum sasl_mech */

struct login_config {
	const char *service;		/* "imap" or "pop3" */
	const char *tls_cert, *tls_key, *tls_ciphers, *tls_min;
	const char *tls_dhparam, *tls_ticket_key, *tls_sni_dir;
	int tls_implicit;
	int trusted;
	const char *login_user, *login_root;
	int proxy;
	const char *greeting;
	char hostname[LIM_HOSTNAME + 1];
	int timeout_ms;
	int auth_failures;
	int auth_delay;			/* seconds, first failure */
	size_t max_line;
	unsigned mechs;			/* CFG_MECH bits offered */
	int apop;
	char **prog;			/* checkpassword-prog ... imapd */
};

/* Fill cfg from the environment and argv; 0, or -1 after logging why. */
int config_load(struct login_config *, const char *service, int argc,
    char **argv);
/* Non-empty and not "0". */
int config_flag(const char *name);

#endif
