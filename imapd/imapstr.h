/*
 * imapstr.h: writing IMAP strings (RFC 3501 4.3, 9): a quoted string
 * where that is possible, a literal where the bytes need it (CR, LF, NUL,
 * 8-bit, or long; a NUL is written as U+FFFD), NIL for absent values.
 * Output goes into a struct str.
 */
#ifndef IMAPD_IMAPSTR_H
#define IMAPD_IMAPSTR_H

#include <stddef.h>

#include "str.h"

/* s == NULL writes NIL. */
int imap_put_nstring(struct str *, const char *s, size_t n);
int imap_put_string(struct str *, const char *s, size_t n);
#define imap_put_nstr(o, s) imap_put_nstring((o), (s), (s) ? strlen(s) : 0)
/* An atom if every byte is an ASTRING-CHAR, else a string. */
int imap_put_astring(struct str *, const char *s, size_t n);

/*
 * Pass n bytes to put in runs, each NUL byte replaced by rep: a literal
 * holds CHAR8, which excludes NUL (RFC 3501 9).
 */
int imap_put_nonul(const char *p, size_t n, const char *rep, size_t replen,
    int (*put)(void *, const char *, size_t), void *ctx);

/* Append a decimal number without printf (hot paths: FETCH FLAGS). */
int imap_put_number(struct str *, unsigned long long);

#endif
