/*
 * mutf7.h: modified UTF-7 (RFC 3501 5.1.3), the form of IMAP mailbox
 * names on the wire and, in this suite, on disk.  Both directions are
 * strict: the only accepted mUTF-7 is what mutf7_from_utf8() produces,
 * so every valid name round-trips byte for byte.  Rejected (EINVAL):
 * bytes outside printable ASCII, printable ASCII inside a shift,
 * "/" or "=" in base64, non-zero padding bits, a shift with extra
 * characters, an empty shift other than "&-", two adjacent shifts,
 * an unterminated shift, lone or misordered surrogates, U+0000; on the
 * UTF-8 side overlong forms, surrogates, values above U+10FFFF,
 * truncated sequences and U+0000.  Parsers only: no I/O.
 */
#ifndef MD_MUTF7_H
#define MD_MUTF7_H

#include <stddef.h>

#include "str.h"

/* Decode n bytes of mUTF-7 into out as UTF-8; -1 EINVAL or ENOSPC. */
int mutf7_to_utf8(const char *in, size_t n, struct str *out);
/* Encode n bytes of UTF-8 into out as mUTF-7; -1 EINVAL or ENOSPC. */
int mutf7_from_utf8(const char *in, size_t n, struct str *out);
/* 1 if the n bytes are valid (canonical) mUTF-7, else 0. */
int mutf7_valid(const char *in, size_t n);
/* 1 if the n bytes are valid UTF-8 without U+0000, else 0. */
int utf8_valid(const char *in, size_t n);

#endif
