/* attempt.c: one login attempt: check, log, delay, count. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "attempt.h"
#include "log.h"

#define ATTEMPT_DELAY_MAX	15	/* seconds */

void
attempt_init(struct attempt *a, const struct login_config *cfg)
{
	unsigned r = 0;

	if (getentropy(&r, sizeof r) < 0)
		r = (unsigned)clock();
	a->failures = 0;
	snprintf(a->stamp, sizeof a->stamp, "<%ld.%u.%lld@%s>",
	    (long)getpid(), r, (long long)time(NULL), cfg->hostname);
}

static void
attempt_delay(struct attempt *a, const struct conn *c)
{
	unsigned d = (unsigned)c->cfg->auth_delay;

	for (int i = 1; i < a->failures && d < ATTEMPT_DELAY_MAX; i++)
		d *= 2;
	if (d > ATTEMPT_DELAY_MAX)
		d = ATTEMPT_DELAY_MAX;
	while (d > 0)
		d = sleep(d);
}

static const char *
attempt_tls(const struct conn *c)
{
	return c->tls ? c->tls_proto : "none";
}

enum conn_auth
attempt_check(struct attempt *a, struct conn *c, struct sasl *s,
    const char *tag)
{
	char login[LIM_LOGIN + 1];
	const char *mech = sasl_mech_name(s->mech);
	enum conn_auth r;

	memcpy(login, s->login, sizeof login);
	r = conn_auth(c, s, tag);
	sasl_wipe(s);
	conn_wipe(c);
	if (r == CONN_AUTH_OK) {
		log_info("login", "user=%s tls=%s mech=%s", log_esc(login),
		    attempt_tls(c), mech);
		return r;
	}
	a->failures++;
	log_info("login-fail", "user=%s tls=%s mech=%s reason=%s",
	    log_esc(login), attempt_tls(c), mech,
	    r == CONN_AUTH_FAIL ? "rejected" : "temporary");
	attempt_delay(a, c);
	return r;
}

void
attempt_malformed(struct attempt *a, struct conn *c, const char *mech)
{
	a->failures++;
	conn_wipe(c);
	log_info("login-fail", "tls=%s mech=%s reason=malformed",
	    attempt_tls(c), mech);
	attempt_delay(a, c);
}

int
attempt_exhausted(const struct attempt *a, const struct conn *c)
{
	return a->failures >= c->cfg->auth_failures;
}
