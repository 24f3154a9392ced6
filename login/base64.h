/*
 * base64.h: RFC 4648 base64, as SASL uses it (RFC 4422, RFC 3501 6.2.2).
 * Decoding is strict: no whitespace, correct padding, no trailing bits.
 */
#ifndef LOGIN_BASE64_H
#define LOGIN_BASE64_H

#include <stddef.h>

/* Bytes needed to encode n bytes, without the NUL. */
#define BASE64_LEN(n)	((((n) + 2) / 3) * 4)

/* Encode; out needs BASE64_LEN(n) + 1 bytes.  Returns the length. */
size_t base64_encode(const unsigned char *in, size_t n, char *out);
/* Decode into out (room for max bytes), set *outlen; 0, or -1 with errno
 * EINVAL (not strict base64) or ENOSPC. */
int base64_decode(const char *in, size_t n, unsigned char *out, size_t max,
    size_t *outlen);

#endif
