/*
 * md5.h: MD5 (RFC 1321) with an exposed state, because Dovecot's stored
 * CRAM-MD5 secret is the HMAC-MD5 state after the key block (cram.h).
 * Only for CRAM-MD5; never for anything that needs a secure hash.
 */
#ifndef LOGIN_MD5_H
#define LOGIN_MD5_H

#include <stddef.h>
#include <stdint.h>

struct md5 {
	uint32_t s[4];		/* a b c d */
	uint64_t len;		/* bytes hashed */
	unsigned char buf[64];
};

void md5_init(struct md5 *);
void md5_update(struct md5 *, const void *, size_t);
void md5_final(struct md5 *, unsigned char digest[16]);

#endif
