/*
 * attempt.h: what imap-login and pop3-login share around one login
 * attempt: the challenge/timestamp string, the credential check, its log
 * line, the growing delay after a failure and the failure count.
 */
#ifndef LOGIN_ATTEMPT_H
#define LOGIN_ATTEMPT_H

#include <stddef.h>

#include "conn.h"
#include "sasl.h"

struct attempt {
	int failures;
	char stamp[SASL_STAMP_MAX + 1];	/* <pid.random.time@host> */
};

void attempt_init(struct attempt *, const struct login_config *);
/*
 * Check the credentials in s (wiped afterwards).  On failure, log and
 * sleep the delay before returning so the caller answers late.
 */
enum conn_auth attempt_check(struct attempt *, struct conn *, struct sasl *,
    const char *tag);
/* Count a malformed exchange as a failure (logged, delayed). */
void attempt_malformed(struct attempt *, struct conn *, const char *mech);
/* Whether the limit of failures is reached. */
int attempt_exhausted(const struct attempt *, const struct conn *);

#endif
