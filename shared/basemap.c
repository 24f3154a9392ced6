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
	/* FNV's low bits are weak for masking: mix (murmur3 fmix32). */
	h ^= h >> 16;
	h *= 0x85ebca6bu;
	h ^= h >> 13;
	h *= 0xc2b2ae35u;
	h ^= h >> 16;
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
basemap_find(const struct basemap *m, uint32_t h, const char *base,
    size_t len)
{
	size_t mask = m->nslots - 1, i = h & mask;

	for (; m->slots[i].pos1; i = (i + 1) & mask) {
		size_t klen;
		const char *k;
		if (m->slots[i].hash != h)
			continue;
		k = m->key(m->ctx, m->slots[i].pos1 - 1, &klen);
		if (klen == len && memcmp(k, base, len) == 0)
			break;
	}
	return i;
}

static int
basemap_resize(struct basemap *m, size_t n)
{
	struct basemap_slot *old = m->slots;
	size_t oldn = m->nslots;

	if (n > ((size_t)1 << 31)) {
		errno = ENOMEM;
		return -1;
	}
	if ((m->slots = calloc(n, sizeof *m->slots)) == NULL) {
		m->slots = old;
		return -1;
	}
	m->nslots = n;
	for (size_t i = 0; i < oldn; i++) {
		size_t j;
		if (old[i].pos1 == 0)
			continue;
		for (j = old[i].hash & (n - 1); m->slots[j].pos1;
		    j = (j + 1) & (n - 1))
			;
		m->slots[j] = old[i];
	}
	free(old);
	return 0;
}

int
basemap_reserve(struct basemap *m, size_t n)
{
	size_t want = m->nslots ? m->nslots : 1024;

	/* A load of at most two thirds keeps the probes short. */
	while (want < n + n / 2 && want <= ((size_t)1 << 31))
		want *= 2;
	return want == m->nslots ? 0 : basemap_resize(m, want);
}

int
basemap_put(struct basemap *m, size_t pos)
{
	size_t len, i;
	const char *k;
	uint32_t h;

	if (pos >= UINT32_MAX - 1) {
		errno = EOVERFLOW;
		return -1;
	}
	if ((m->used + 1) * 3 > m->nslots * 2 &&
	    basemap_reserve(m, m->used + 1) < 0)
		return -1;
	k = m->key(m->ctx, pos, &len);
	h = basemap_hash(k, len);
	i = basemap_find(m, h, k, len);
	if (m->slots[i].pos1 == 0)
		m->used++;
	m->slots[i].hash = h;
	m->slots[i].pos1 = (uint32_t)pos + 1;
	return 0;
}

long
basemap_get(const struct basemap *m, const char *base, size_t len)
{
	size_t i;

	if (m->nslots == 0)
		return -1;
	i = basemap_find(m, basemap_hash(base, len), base, len);
	return m->slots[i].pos1 ? (long)m->slots[i].pos1 - 1 : -1;
}
