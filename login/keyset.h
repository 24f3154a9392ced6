/*
 * keyset.h: a set of strings with the line each came from, for mkusers'
 * duplicate check over 100,000s of logins and aliases (open addressing,
 * grows by doubling, bounded by KEYSET_MAX).
 */
#ifndef LOGIN_KEYSET_H
#define LOGIN_KEYSET_H

#include <stddef.h>

#define KEYSET_MAX (1u << 24)

struct keyset {
	struct keyset_slot *slots;
	size_t cap;		/* power of two */
	size_t used;
};

void keyset_init(struct keyset *);
/*
 * Add key from line; 0 added, >0 already there (the first line returned),
 * -1 ENOMEM.
 */
long keyset_add(struct keyset *, const char *key, long line);
void keyset_free(struct keyset *);

#endif
