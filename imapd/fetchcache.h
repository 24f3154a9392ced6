/*
 * fetchcache.h: ENVELOPE, BODY and BODYSTRUCTURE texts of a folder's
 * messages, kept in imapd.cache in the folder directory so that a
 * second FETCH (in this or a later session) does not parse the
 * messages again.  Messages never change, so an entry keyed by UID stays
 * right as long as UIDVALIDITY does.
 *
 *   IMAPDCACHE2 <uidvalidity>\n   (2: BODYSTRUCTURE with the text default
 *                                  charset and Content-MD5; a file of
 *                                  another version is replaced)
 *   <uid> <kind> <length>\n<text>\n        (appended, one write each)
 *
 * Reading stops at the first malformed record (a torn tail after a
 * crash); a file with another UIDVALIDITY is replaced.  In memory: a
 * sorted index of 12 bytes per record, built at the first lookup.  The cache is an
 * optimisation only: delete it at any time.  Records appended by other
 * sessions are picked up when a lookup misses and the file has grown.
 */
#ifndef IMAPD_FETCHCACHE_H
#define IMAPD_FETCHCACHE_H

#include "session.h"

enum { FC_ENVELOPE, FC_BODY, FC_BODYSTRUCTURE };

/* 1 and the cached text appended to out, or 0 (not cached). */
int fetchcache_get(struct session *, size_t i, int kind, struct str *out);
/* Is it cached?  (a lookup without copying) */
int fetchcache_has(struct session *, size_t i, int kind);
/* Remember text (the item's value) for message i; failures are ignored. */
void fetchcache_put(struct session *, size_t i, int kind, const char *text,
    size_t len);
/* After each command: drop the mapped pages (an idle session holds none). */
void fetchcache_idle(struct session *);
/*
 * Close; first compact the file when more than half its records are for
 * messages no longer in the folder, or it is over LIM_FETCHCACHE.
 */
void fetchcache_close(struct session *);

#endif
