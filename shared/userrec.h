/*
 * userrec.h: the value stored under each key of users.cdb.
 *
 * A user (key: the lowercased login):  "u\0" then "k=value\0" fields,
 *   p secret  u uid  g gid  c gecos  h home  s shell  m maildir (as
 *   written)  q quota bytes  n quota messages  N nologin reason (present:
 *   nologin)  d disable bits  M master (present)  a allow_nets  A aliases
 *   H host  P port  x "key=value" extra field (repeated).
 * An alias or catch-all (key: the address, or "@domain"): "a\0login\0".
 * The table's dummy secret (key: USERREC_DUMMY_KEY, which starts with a
 *   NUL byte, so no login or address can ever name it): "{SCHEME}data",
 *   a hash of a random password in the most common scheme and cost.
 * Readers ignore field letters they do not know, so fields can be added.
 */
#ifndef MD_USERREC_H
#define MD_USERREC_H

#include <stddef.h>

#include "str.h"
#include "usertable.h"

enum { USERREC_USER = 0, USERREC_ALIAS = 1 };

#define USERREC_DUMMY_KEY "\0dummy"
#define USERREC_DUMMY_KEYLEN (sizeof USERREC_DUMMY_KEY - 1)

/* Append the value for rec (a user) to out.  0 or -1/errno. */
int userrec_encode(const struct user_record *rec, struct str *out);
/* The value for an alias of login. */
int userrec_encode_alias(const char *login, struct str *out);
/*
 * Decode a value found under key: USERREC_USER (rec filled, login = key),
 * USERREC_ALIAS (rec->login = the canonical login, nothing else), or -1
 * with errno EBADMSG for a corrupt value.
 */
int userrec_decode(const char *val, size_t len, const char *key,
    struct user_record *rec);

#endif
