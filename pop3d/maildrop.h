/*
 * maildrop.h: the POP3 view of the INBOX for one session (RFC 1939
 * section 4: the maildrop is fixed at login; messages delivered later
 * appear in the next session).  Message numbers are 1-based indexes into
 * msgs[]; each entry points at a message of the shared folder view
 * (view.h), which gives UIDs, flags and robust opening by UID.
 *
 * Nothing on disk changes until maildrop_update, the UPDATE state after
 * QUIT: deleted messages are unlinked (or, with POP3_DELETE=flag, kept
 * with the T flag and hidden from later sessions), retrieved ones get S
 * and move from new/ to cur/.  A message someone else expunged meanwhile
 * is skipped silently.
 */
#ifndef POP3_MAILDROP_H
#define POP3_MAILDROP_H

#include <stddef.h>

#include "sizecache.h"
#include "uidl.h"

struct view;

struct pop3_msg {
	size_t vi;			/* index in view->msgs */
	unsigned long long size;	/* wire size reported by LIST */
	unsigned sized : 1;		/* size known */
	unsigned from_name : 1;		/* size taken from W=, unverified */
	unsigned cached : 1;		/* size measured: keep in the cache */
	unsigned deleted : 1;
	unsigned retrieved : 1;		/* a whole RETR went out */
};

struct maildrop {
	char *dir;
	struct view *view;
	struct pop3_msg *msgs;
	size_t count;
	enum uidl_mode uidl;
	int delete_flag;		/* POP3_DELETE=flag */
	struct sizecache sizes;		/* pop3d-sizes */
	/* Counts for the log line at logout. */
	unsigned long top_n, retr_n, del_n;
	unsigned long long top_bytes, retr_bytes, del_bytes;
};

/* Open dir's messages; -1 with errno (ENOENT: no such Maildir). */
int maildrop_open(struct maildrop *, const char *dir, enum uidl_mode,
    int delete_flag);
/* Save the size cache if it changed, free everything. */
void maildrop_close(struct maildrop *);

/* The message for number n (1-based), NULL if out of range. */
struct pop3_msg *maildrop_get(struct maildrop *, unsigned long long n);
/* Wire size of m, computing (reading the file) if needed; -1 on error. */
int maildrop_size(struct maildrop *, struct pop3_msg *,
    unsigned long long *size);
/* Count and total size of the messages not marked deleted. */
int maildrop_stat(struct maildrop *, size_t *count,
    unsigned long long *size);
/* The UIDL string of m. */
int maildrop_uidl(struct maildrop *, const struct pop3_msg *, char *buf,
    size_t size);
/* Open m's file read-only; -1 ENOENT if someone expunged it. */
int maildrop_open_msg(struct maildrop *, const struct pop3_msg *);
/*
 * The exact wire size was measured while sending m: if it differs from
 * what LIST said (a wrong W= in the name), log it and use (and cache)
 * the right size from now on.
 */
void maildrop_verified(struct maildrop *, struct pop3_msg *,
    unsigned long long octets);
/* UPDATE state; -1 if some deletions failed (not: already gone). */
int maildrop_update(struct maildrop *);

#endif
