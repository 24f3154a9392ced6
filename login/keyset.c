/* keyset.c: string set with line numbers (see keyset.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <cdb.h>

#include "keyset.h"

struct keyset_slot {
	char *key;
	long line;
};

void
keyset_init(struct keyset *ks)
{
	memset(ks, 0, sizeof *ks);
}

static struct keyset_slot *
slot_find(struct keyset_slot *slots, size_t cap, const char *key)
{
	size_t i = cdb_hash(key, (unsigned)strlen(key)) & (cap - 1);

	while (slots[i].key && strcmp(slots[i].key, key) != 0)
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

static int
keyset_grow(struct keyset *ks)
{
	size_t cap = ks->cap ? ks->cap * 2 : 1024;
	struct keyset_slot *n;

	if (cap > KEYSET_MAX || (n = calloc(cap, sizeof *n)) == NULL) {
		errno = ENOMEM;
		return -1;
	}
	for (size_t i = 0; i < ks->cap; i++)
		if (ks->slots[i].key)
			*slot_find(n, cap, ks->slots[i].key) = ks->slots[i];
	free(ks->slots);
	ks->slots = n;
	ks->cap = cap;
	return 0;
}

long
keyset_add(struct keyset *ks, const char *key, long line)
{
	struct keyset_slot *s;

	if ((ks->used + 1) * 2 > ks->cap && keyset_grow(ks) < 0)
		return -1;
	s = slot_find(ks->slots, ks->cap, key);
	if (s->key)
		return s->line;
	if ((s->key = strdup(key)) == NULL)
		return -1;
	s->line = line;
	ks->used++;
	return 0;
}

void
keyset_free(struct keyset *ks)
{
	for (size_t i = 0; i < ks->cap; i++)
		free(ks->slots[i].key);
	free(ks->slots);
	keyset_init(ks);
}
