/* basemap.c: open addressing, linear probing, FNV-1a (see basemap.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "basemap.h"

static uint32_t
basemap_hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;

	while (n-- > 0)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

void
basemap_init(struct basemap *m, basemap_key_fn *key, const void *ctx)
{
	memset(m, 0, sizeof *m);
	m->key = key;
	m->ctx = ctx;
}

void
basemap_free(struct basemap *m)
{
	free(m->slots);
	m->slots = NULL;
	m->nslots = m->used = 0;
}

void
basemap_clear(struct basemap *m)
{
	if (m->slots)
		memset(m->slots, 0, m->nslots * sizeof *m->slots);
	m->used = 0;
}

/* Slot holding base, or the empty slot where it would go. */
static size_t
basemap_find(const struct basemap *m, const char *base, size_t len)
{
	size_t mask = m->nslots - 1, i = basemap_hash(base, len) & mask;

	for (; m->slots[i]; i = (i + 1) & mask) {
		size_t klen;
		const char *k = m->key(m->ctx, m->slots[i] - 1, &klen);
		if (klen == len && memcmp(k, base, len) == 0)
			break;
	}
	return i;
}

static int
basemap_grow(struct basemap *m)
{
	uint32_t *old = m->slots;
	size_t oldn = m->nslots, n = oldn ? oldn * 2 : 1024;

	if (n > (SIZE_MAX / sizeof *old) / 2 || n > ((size_t)1 << 31)) {
		errno = ENOMEM;
		return -1;
	}
	if ((m->slots = calloc(n, sizeof *m->slots)) == NULL) {
		m->slots = old;
		return -1;
	}
	m->nslots = n;
	m->used = 0;
	for (size_t i = 0; i < oldn; i++)
		if (old[i] && basemap_put(m, old[i] - 1) < 0)
			return -1;	/* cannot happen: no allocation */
	free(old);
	return 0;
}

int
basemap_put(struct basemap *m, size_t pos)
{
	size_t len, i;
	const char *k;

	if (pos >= UINT32_MAX - 1) {
		errno = EOVERFLOW;
		return -1;
	}
	if ((m->used + 1) * 2 > m->nslots && basemap_grow(m) < 0)
		return -1;
	k = m->key(m->ctx, pos, &len);
	i = basemap_find(m, k, len);
	if (m->slots[i] == 0)
		m->used++;
	m->slots[i] = (uint32_t)pos + 1;
	return 0;
}

long
basemap_get(const struct basemap *m, const char *base, size_t len)
{
	size_t i;

	if (m->nslots == 0)
		return -1;
	i = basemap_find(m, base, len);
	return m->slots[i] ? (long)m->slots[i] - 1 : -1;
}
