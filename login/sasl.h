/*
 * sasl.h: the server side of the SASL mechanisms PLAIN (RFC 4616), LOGIN
 * (draft-murchison-sasl-login) and CRAM-MD5 (RFC 2195), I/O-free.  The
 * caller moves base64 lines; this module turns decoded responses into a
 * login name and a secret, and those into the checkpassword record:
 *   login\0password\0timestamp\0     (PLAIN, LOGIN, IMAP LOGIN, USER/PASS)
 *   login\0digest\0challenge\0       (CRAM-MD5, APOP)
 * Secrets live in fixed buffers; sasl_wipe() clears them.
 */
#ifndef LOGIN_SASL_H
#define LOGIN_SASL_H

#include <stddef.h>

#include "limits.h"

enum sasl_mech { SASL_PLAIN, SASL_LOGIN, SASL_CRAM_MD5, SASL_APOP };
enum sasl_result { SASL_CONTINUE, SASL_DONE, SASL_FAIL };

#define SASL_STAMP_MAX	(LIM_HOSTNAME + 64)

struct sasl {
	enum sasl_mech mech;
	int step;
	char login[LIM_LOGIN + 1];
	char secret[LIM_SECRET + 1];
	char stamp[SASL_STAMP_MAX + 1];	/* timestamp or CRAM challenge */
};

/* Mechanism by name (any case), or -1. */
int sasl_mech_parse(const char *name, size_t n);
const char *sasl_mech_name(enum sasl_mech);
/* Whether the mechanism sends a password a listener could read. */
int sasl_mech_plaintext(enum sasl_mech);
/* Whether an initial response (RFC 4959) makes sense for the mechanism. */
int sasl_mech_allows_ir(enum sasl_mech);

/* Start an exchange; stamp is the <pid.time@host> string. 0 or -1. */
int sasl_begin(struct sasl *, enum sasl_mech, const char *stamp);
/* The first challenge when the client gave no initial response. */
const char *sasl_first_challenge(const struct sasl *);
/*
 * Feed one decoded client response.  CONTINUE sets *challenge to the
 * next challenge to send; DONE means login and secret are set; FAIL
 * means the response was malformed.
 */
enum sasl_result sasl_step(struct sasl *, const unsigned char *resp, size_t n,
    const char **challenge);
/* Set the credentials of a LOGIN command or USER/PASS directly. */
int sasl_set(struct sasl *, const char *login, size_t ln, const char *secret,
    size_t sn);
/* Build the fd 3 record; 0 or -1 (ENOSPC). */
int sasl_record(const struct sasl *, char *out, size_t max, size_t *len);
void sasl_wipe(struct sasl *);

#endif
