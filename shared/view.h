/*
 * view.h: one folder (a Maildir or a Maildir++ folder directory) as IMAP
 * and POP3 see it: the messages sorted by UID, with flags, keywords,
 * sizes and internal dates, kept in step with the disk.
 *
 * UIDs live in dovecot-uidlist and keyword names in dovecot-keywords, in
 * Dovecot's formats and under Dovecot's lock, so Dovecot can share the
 * folder.  A folder that has Courier's courierimapuiddb and no uidlist is
 * imported on first open.  A cache of our own (maildir-view.cache) makes
 * opening an unchanged folder cost a few stats and one file read; it may
 * be deleted at any time.
 *
 * Sequence numbers are index + 1 into msgs[].  The array only changes in
 * view_refresh (which appends and marks, never removes) and view_purge
 * (which removes the entries marked expunged), so the caller decides
 * when the client sees EXISTS and EXPUNGE (RFC 9051 7.5.1, 7.5.3).
 *
 * Promises: an entry marked expunged keeps its uid, flags, sizes and last
 * known name until view_purge; view_open_msg on it fails with ENOENT
 * unless the file still exists (a process that opened the file earlier
 * keeps its descriptor valid: Maildir files are never rewritten).
 * Pointers into msgs[] are invalidated by view_refresh and view_purge;
 * keep indexes or UIDs.  Flags this view set (view_set_flags) are not
 * reported back as changes; messages it expunged (view_expunge) are marked
 * but not listed in view_changes.expunged (the caller knows them).
 *
 * A message the caller delivered itself (APPEND, COPY: write it with
 * delivery.h) gets its UID at the next view_refresh: find it with
 * view_find_base for APPENDUID/COPYUID (RFC 4315).
 *
 * Errors: -1 with errno; ENOENT from view_refresh means the folder itself
 * is gone (deleted or renamed by another session), EAGAIN that
 * dovecot-uidlist.lock stayed busy (temporary).  A view is not shared
 * between threads.
 */
#ifndef MD_VIEW_H
#define MD_VIEW_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "limits.h"

struct view_msg {
	uint32_t uid;
	unsigned flags;		/* MDF_* from mdname.h */
	uint32_t keywords;	/* bit i: keyword i of the table ('a' + i) */
	unsigned recent : 1;	/* found in new/ by this view */
	unsigned in_new : 1;	/* the file is in new/ right now */
	unsigned expunged : 1;	/* gone from disk; removed by view_purge */
	unsigned baselen : 16;	/* length of the base (up to ':'), at
				   most MDNAME_MAX: 48 bytes a message */
	long long size;		/* bytes on disk: S= or stat */
	long long vsize;	/* RFC822.SIZE (CRLF); -1: see view_vsize */
	time_t internaldate;	/* mtime of the file (as Dovecot) */
	char *name;		/* current file name: base + info */
};

struct view_int;		/* private to view*.c */

struct view {
	struct view_msg *msgs;	/* sorted by uid, strictly increasing */
	size_t count;
	uint32_t uidvalidity;
	uint32_t uidnext;	/* greater than every uid ever given */
	unsigned nkeywords;	/* keyword names in use, <= LIM_KEYWORDS */
	char *keywords[LIM_KEYWORDS];	/* index i <-> letter 'a' + i */
	struct view_int *in;
};

/* What view_refresh found changed since the previous refresh/open. */
struct view_changes {
	size_t nnew;		/* appended: msgs[count - nnew .. count) */
	uint32_t *expunged;	/* uids newly marked expunged */
	size_t nexpunged;
	uint32_t *changed;	/* uids whose flags/keywords others changed */
	size_t nchanged;
	int keywords_changed;	/* the keyword table grew: send FLAGS */
	int uidvalidity_changed; /* folder was reset: UIDs meaningless now;
				    the session must end or reselect */
};

enum {
	VIEW_KEEPNEW = 1 << 0,	/* leave new/ files in new/ (read-only use) */
	VIEW_NOCACHE = 1 << 1,	/* neither read nor write the cache */
};

/*
 * Open the folder at dir (it holds cur/ new/ tmp/): scan, read or create
 * dovecot-uidlist (importing Courier's files), give UIDs to new files,
 * move new/ files to cur/ (marking them recent) unless VIEW_KEEPNEW.
 * NULL with errno on failure (ENOENT: no such folder).
 */
struct view *view_open(const char *dir, int flags);
/* Write the cache if useful, free everything.  NULL is fine. */
void view_close(struct view *);

/*
 * Rescan what changed on disk: new messages are appended with their
 * UIDs, vanished ones marked expunged, others' flag changes applied.
 * ch (may be NULL) tells what changed; free it with view_changes_free.
 */
int view_refresh(struct view *, struct view_changes *ch);
/* This process renamed the folder: dir is where it is now.  0 or -1. */
int view_moved(struct view *, const char *dir);
void view_changes_free(struct view_changes *);
/* Remove the entries marked expunged from msgs[]; returns how many. */
size_t view_purge(struct view *);

/* Index of uid in msgs[], or -1. */
long view_find(const struct view *, uint32_t uid);
/* Index of the message whose file has this base name, or -1. */
long view_find_base(const struct view *, const char *base, size_t len);

/*
 * Give message i these flags and keywords: rename its file in cur/ (from
 * new/ if it is there).  -1 ENOENT: it was expunged (now marked so).
 */
int view_set_flags(struct view *, size_t i, unsigned flags, uint32_t kw);
/* Unlink message i and mark it expunged; someone else's unlink is fine. */
int view_expunge(struct view *, size_t i);
/* Open message i read-only, following renames by others; -1 ENOENT. */
int view_open_msg(struct view *, size_t i);
/* Path of message i's file as last known (for logs and rename). */
int view_msg_path(const struct view *, size_t i, char *buf, size_t size);
/* vsize of message i, read from the file if not known; -1 on error. */
long long view_vsize(struct view *, size_t i);

/*
 * Hold dovecot-uidlist.lock across several changes (they nest).  Every
 * rename or unlink this library makes in new/ and cur/ happens under the
 * lock, as Dovecot's do: a process listing the folder under the lock
 * then never misses a file that is being renamed (readdir may skip an
 * entry renamed while it runs).  view_set_flags and view_expunge take
 * the lock for one message when it is not held; wrap a loop over many
 * messages in view_lock/view_unlock to take it once.  -1 EAGAIN: busy.
 */
int view_lock(struct view *);
int view_unlock(struct view *);

/* Keyword index of name (case-insensitive, RFC 9051 2.3.2), or -1. */
int view_keyword_find(const struct view *, const char *name);
/*
 * Find or add name to dovecot-keywords; index, or -1: EOVERFLOW when the
 * table is full, ENOSPC/EDQUOT when the disk is, EAGAIN when locked.
 */
int view_keyword_add(struct view *, const char *name);

#endif
