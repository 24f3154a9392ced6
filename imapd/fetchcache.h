/*
 * fetchcache.h: ENVELOPE / BODY / BODYSTRUCTURE results of the selected
 * folder kept so a second FETCH does not parse the messages again.
 * (Memory only for now; a file beside the folder is the next step.)
 * get returns 1 and appends the cached text to out, or 0 (not cached).
 */
#ifndef IMAPD_FETCHCACHE_H
#define IMAPD_FETCHCACHE_H

#include "session.h"

int fetchcache_get(struct session *, size_t i, int kind, struct str *out);
void fetchcache_put(struct session *, size_t i, int kind,
    const struct str *text);

#endif
