/*
 * userparse.h: one line of the users(5) source,
 *   login:{SCHEME}secret:uid:gid:gecos:home[:shell[:extra]]
 * into a user_record.  I/O-free: uid and gid names go through a resolver
 * the caller gives (mkusers: getpwnam/getgrnam; tests: a table).
 * The extra field is everything after the seventh colon, so values may
 * hold colons (IPv6 networks).
 */
#ifndef LOGIN_USERPARSE_H
#define LOGIN_USERPARSE_H

#include <stddef.h>

#include "usertable.h"

#define USERPARSE_ERR 160	/* room for one reason */

/* Name to id; 0 or -1 if unknown.  group: 0 user, 1 group. */
typedef int userparse_resolver(const char *name, int group,
    unsigned long *id);

/*
 * Parse one line (no newline).  1: a user (rec filled), 0: blank or
 * comment, -1: bad line (err holds the reason, rec wiped).
 */
int userparse_line(const char *line, userparse_resolver *resolve,
    struct user_record *rec, char err[USERPARSE_ERR]);

/*
 * Format rec back into source form in out (secret shown if show_secret,
 * else "{SCHEME}*").  0 or -1 if it does not fit.
 */
int userparse_format(const struct user_record *rec, int show_secret,
    char *out, size_t size);

#endif
