/*
 * casefold.h: case-insensitive matching of UTF-8 text for SEARCH.
 *
 * casefold_utf8() lowercases ASCII, Latin-1 Supplement, Latin
 * Extended-A, basic Greek and Cyrillic (the scripts of the mail we
 * expect; anything else compares exactly), so a search needle and a
 * haystack folded the same way can be compared with memmem.  Invalid
 * UTF-8 bytes are copied unchanged.  This is the documented subset of
 * the i;unicode-casemap comparator; full Unicode folding is future work.
 */
#ifndef IMAPD_CASEFOLD_H
#define IMAPD_CASEFOLD_H

#include <stddef.h>

#include "str.h"

int casefold_utf8(const char *in, size_t n, struct str *out);
/* Does folded haystack contain folded needle? */
int casefold_contains(const char *hay, size_t hn, const char *needle,
    size_t nn);
/* Encode one code point as UTF-8 into out. */
int utf8_put(struct str *out, unsigned long cp);

#endif
