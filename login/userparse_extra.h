/*
 * userparse_extra.h: inside the users(5) parser: the extra field
 * ("quota=2G alias=a@x,b@x nologin=\"moved\" key=value") and the small
 * helpers the field parsers share.  Not for other programs.
 */
#ifndef LOGIN_USERPARSE_EXTRA_H
#define LOGIN_USERPARSE_EXTRA_H

#include <stddef.h>

#include "userparse.h"

int userparse_extra(const char *s, struct user_record *, char *err);
int userparse_fail(char err[USERPARSE_ERR], const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int userparse_copy(char *dst, size_t size, const char *src, size_t n);
int userparse_address_ok(const char *);
int userparse_path_ok(const char *);
/* "2G", "10M,messages=1000", "1000000S,100C"; 0 or -1. */
int userparse_quota(const char *, long long *bytes, long long *messages);

#endif
