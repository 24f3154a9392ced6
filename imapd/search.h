/*
 * search.h: evaluating a parsed SEARCH program (search-parse.h) on one
 * message of the selected folder.  Flag, size, date and set keys use the
 * view only; header keys read the header block; BODY and TEXT decode
 * every text part (quoted-printable, base64, charset to UTF-8) and
 * compare case-folded (casefold.h).  The file is opened only when a key
 * that needs it is reached.
 */
#ifndef IMAPD_SEARCH_H
#define IMAPD_SEARCH_H

#include "search-parse.h"
#include "session.h"

/* Resolve '*' in the program's sets against the selected folder. */
void search_prepare(struct session *, struct search_prog *);
/* 1 match, 0 no match; -1 EXPUNGEISSUED-type failure (file gone). */
int search_match(struct session *, struct search_prog *, size_t i);
/* Day number of an RFC 5322 Date value in its own zone, -1 if none. */
long search_date_day(const char *v);

#endif
