/*
 * subscriptions.h: the Maildir++ "subscriptions" file in the Maildir
 * root: one client (mUTF-7) folder name per line, as Dovecot before 2.3
 * wrote it.  Dovecot 2.3's versioned form ("V\t2" header, hierarchy as
 * TAB, tab-escaped names) is read too; the plain form, which Dovecot
 * also reads, is written.  Changes hold Dovecot's dotlock
 * (subscriptions.lock, dotlock.h) and go through file_replace(), so readers
 * see the old or the new file, never a mix.  Names are not validated
 * here beyond "no control characters": RFC 3501 6.3.6 allows subscribing
 * to names that do not exist.
 */
#ifndef MD_SUBSCRIPTIONS_H
#define MD_SUBSCRIPTIONS_H

#include <stddef.h>

struct subs {
	char **v;	/* names in file order, without duplicates */
	size_t n;
};

/*
 * Read the list; a missing file is an empty list.  Without a
 * subscriptions file, Courier's courierimapsubscribed is read instead
 * (its "INBOX." prefix removed); the next change writes subscriptions.
 */
int subs_read(const char *root, struct subs *out);
/* Add name (no-op if present). */
int subs_add(const char *root, const char *name);
/* Remove name (no-op if absent). */
int subs_remove(const char *root, const char *name);
/* Replace every name equal to from, or under from + ".", by to. */
int subs_rename(const char *root, const char *from, const char *to);
/* The I/O-free halves: parse a file's bytes, format the plain form. */
int subs_parse(const char *buf, size_t n, struct subs *out);
struct str;
int subs_format(const struct subs *, struct str *out);
/* 1 if name is in the list. */
int subs_has(const struct subs *, const char *name);
void subs_free(struct subs *);

#endif
