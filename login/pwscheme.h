/*
 * pwscheme.h: password schemes of users(5), "{SCHEME}data":
 *   SHA512-CRYPT SHA256-CRYPT BLF-CRYPT YESCRYPT  crypt(3) strings
 *   CRAM-MD5  the HMAC-MD5 inner/outer context pair, 64 hex digits, as
 *             Dovecot stores it
 *   PLAIN     the password itself (tests, migrations)
 * Scheme names are matched case-insensitively.
 */
#ifndef LOGIN_PWSCHEME_H
#define LOGIN_PWSCHEME_H

#include <stddef.h>

enum pwscheme {
	PW_NONE = -1,
	PW_SHA512_CRYPT,
	PW_SHA256_CRYPT,
	PW_BLF_CRYPT,
	PW_YESCRYPT,
	PW_CRAM_MD5,
	PW_PLAIN,
};

/* The scheme named by "{NAME}..." (name: len bytes), or PW_NONE. */
enum pwscheme pwscheme_byname(const char *name, size_t len);
const char *pwscheme_name(enum pwscheme);
/*
 * Check the form of a stored "{SCHEME}data"; 0, or -1 with a reason in
 * err ("password has no {SCHEME} prefix", "unknown scheme {X}",
 * "bad SHA512-CRYPT hash").
 */
int pwscheme_check(const char *stored, char *err, size_t errsize);
/* Split "{SCHEME}data": the scheme, *data set past the brace. */
enum pwscheme pwscheme_split(const char *stored, const char **data);

/*
 * Hash password (len bytes) into out as "{SCHEME}data" with a fresh
 * salt from getrandom(2); rounds 0 is the library default.  0 or -1.
 */
int pwscheme_hash(enum pwscheme, const char *pw, size_t len,
    unsigned long rounds, char *out, size_t outsize);
/* 1 if pw matches stored, 0 if not (also for a malformed stored). */
int pwscheme_verify(const char *stored, const char *pw, size_t len);
/*
 * CRAM-MD5 (RFC 2195): 1 if response (32 hex digits) is the HMAC-MD5 of
 * challenge under the password in stored ({CRAM-MD5} or {PLAIN}).
 */
int pwscheme_verify_cram(const char *stored, const char *challenge,
    size_t clen, const char *response);
/*
 * APOP (RFC 1939 7): 1 if response is the hex MD5 of stamp followed by
 * the password; only a {PLAIN} secret can do this.
 */
int pwscheme_verify_apop(const char *stored, const char *stamp,
    size_t slen, const char *response);
/*
 * Run the work of a verification against a dummy (unknown users take as
 * long as known ones): stored, the table's dummy (see pwdummy.h), or if
 * NULL or empty a fixed SHA512-CRYPT hash; cram: the CRAM-MD5 work
 * instead.  Always 0.
 */
int pwscheme_verify_dummy(const char *pw, size_t len, int cram,
    const char *stored);
/* Constant-time comparison of a and b (lengths na, nb). */
int pwscheme_equal(const void *a, size_t na, const void *b, size_t nb);

#endif
