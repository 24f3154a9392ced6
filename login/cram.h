/*
 * cram.h: HMAC-MD5 (RFC 2104) for CRAM-MD5 (RFC 2195), from the password
 * or from Dovecot's stored context: the MD5 states after the outer and
 * the inner key block (a b c d each, little-endian), 32 bytes, written as
 * 64 hex digits.  The stored context cannot give the password back, but
 * it is password-equivalent for CRAM-MD5: guard it like a password.
 */
#ifndef LOGIN_CRAM_H
#define LOGIN_CRAM_H

#include <stddef.h>

#define CRAM_CONTEXT_LEN 32

void cram_context(const char *pw, size_t len,
    unsigned char ctx[CRAM_CONTEXT_LEN]);
void cram_hmac(const unsigned char ctx[CRAM_CONTEXT_LEN], const void *msg,
    size_t len, unsigned char digest[16]);

#endif
