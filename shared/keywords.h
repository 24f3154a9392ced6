/*
 * keywords.h: dovecot-keywords, the map from Maildir keyword letters to
 * IMAP keyword names: one "N name" line per keyword, N = 0..25 for the
 * letters a..z.  Read without a lock; written (by rename) only while
 * holding dovecot-uidlist.lock, as Dovecot does.
 */
#ifndef MD_KEYWORDS_H
#define MD_KEYWORDS_H

#include <stddef.h>

#include "limits.h"
#include "str.h"

#define KEYWORDS_NAME	"dovecot-keywords"
#define KEYWORDS_MAX	LIM_KEYWORDS_FILE

struct keywords {
	char *names[LIM_KEYWORDS];	/* NULL: letter unused */
	unsigned count;			/* 1 + highest index in use */
};

void keywords_free(struct keywords *);
/* Parse a file image (I/O-free); bad lines are skipped. */
int keywords_parse(struct keywords *, const char *buf, size_t len);
int keywords_format(const struct keywords *, struct str *);
/* Index of name: exact match first, then ASCII case-insensitive; -1. */
int keywords_find(const struct keywords *, const char *name);
/* Is name a valid IMAP keyword atom (RFC 9051 flag-keyword)? */
int keywords_valid(const char *name);
/* Put name in the first free slot; index, or -1 EOVERFLOW (full) / EINVAL. */
int keywords_add(struct keywords *, const char *name);
/* Read path (missing file: empty table). */
int keywords_read(struct keywords *, const char *path);

#endif
