/*
 * envname.h: an extra field of users(5) ("sieve.dir=/x") reaches the
 * mail process as an environment variable: the key uppercased, "." and
 * "-" as "_" (SIEVE_DIR).  Names the exec chain itself uses (USER, HOME,
 * PATH, LD_*, TCP*, SSL* ...) are reserved: mkusers refuses them and
 * checkpassword-cdb never sets them from the table.
 */
#ifndef LOGIN_ENVNAME_H
#define LOGIN_ENVNAME_H

#include <stddef.h>

/* 0, or -1 if key is not [A-Za-z][A-Za-z0-9_.-]* or does not fit. */
int envname_from_key(const char *key, size_t len, char *out, size_t size);
/* 1 if the name is reserved. */
int envname_reserved(const char *name);

#endif
