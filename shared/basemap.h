/*
 * basemap.h: a hash index from Maildir base names to array positions.
 * The map stores only positions; the caller's key function gives the
 * base name at a position, so renames that keep the base need no update.
 */
#ifndef MD_BASEMAP_H
#define MD_BASEMAP_H

#include <stddef.h>
#include <stdint.h>

typedef const char *basemap_key_fn(const void *ctx, size_t pos, size_t *len);

struct basemap_slot {
	uint32_t hash;
	uint32_t pos1;		/* pos + 1; 0 empty */
};

struct basemap {
	struct basemap_slot *slots;	/* the hash saves key lookups */
	size_t nslots;		/* power of two */
	size_t used;
	basemap_key_fn *key;
	const void *ctx;
};

void basemap_init(struct basemap *, basemap_key_fn *, const void *ctx);
void basemap_free(struct basemap *);
void basemap_clear(struct basemap *);
/* Make room for n entries in all (saves rehashing while filling). */
int basemap_reserve(struct basemap *, size_t n);
/* Index pos under its key (a later pos with the same key wins). */
int basemap_put(struct basemap *, size_t pos);
/* Position of base, or -1. */
long basemap_get(const struct basemap *, const char *base, size_t len);

#endif
