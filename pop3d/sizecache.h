/*
 * sizecache.h: pop3d's own cache of wire sizes it had to measure, in
 * dir/pop3d-sizes, one "base size" line per message: for messages whose
 * names have no W=, an implausible one, or one that RETR proved wrong.
 * Only a cache: it may be deleted at any time (sizes are then measured
 * again), and it is rewritten whole, through rename, when it changed,
 * keeping only messages that still exist.
 */
#ifndef POP3_SIZECACHE_H
#define POP3_SIZECACHE_H

#include <stddef.h>

#include "limits.h"
#include "str.h"

#define SIZECACHE_NAME "pop3d-sizes"
#define SIZECACHE_MAX LIM_POP3_SIZECACHE	/* larger files are ignored */

struct sizecache_ent {
	const char *base;
	size_t len;
	unsigned long long size;
};

struct sizecache {
	struct str data;
	struct sizecache_ent *ents;	/* sorted by base */
	size_t n;
	int dirty;			/* something new to save */
};

/* Parse a cache image (I/O-free); bad lines are skipped. */
int sizecache_parse(struct sizecache *, const char *buf, size_t len);
/* Load dir's cache; a missing or unreadable one is an empty cache. */
void sizecache_load(struct sizecache *, const char *dir);
/* 1 and *size if base is cached, else 0. */
int sizecache_get(const struct sizecache *, const char *base, size_t len,
    unsigned long long *size);
void sizecache_free(struct sizecache *);

#endif
