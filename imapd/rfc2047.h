/*
 * rfc2047.h: decoding for SEARCH, I/O-free: RFC 2047 encoded words in
 * header values, quoted-printable and base64 bodies (RFC 2045 6.7, 6.8),
 * and conversion of a charset to UTF-8 (utf-8 and us-ascii copied,
 * iso-8859-1 mapped, others through iconv(3); unknown charsets are
 * copied as they are).  Malformed input is decoded as far as it makes
 * sense and never an error.
 */
#ifndef IMAPD_RFC2047_H
#define IMAPD_RFC2047_H

#include <stddef.h>

#include "str.h"

int rfc2047_decode(const char *in, size_t n, struct str *out);
int qp_decode(const char *in, size_t n, int header, struct str *out);
int base64_decode(const char *in, size_t n, struct str *out);
int charset_to_utf8(const char *charset, const char *in, size_t n,
    struct str *out);
/* Is charset one SEARCH CHARSET accepts? */
int charset_known(const char *charset);

#endif
