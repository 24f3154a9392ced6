/*
 * quota.h: Maildir++ quota in the Maildir's `maildirsize` file, as
 * Courier's README.maildirquota describes and Courier and Dovecot write:
 *
 *	10000000S,1000C		limits line: bytes and/or messages
 *	    4242    1		one line per delivery / removal,
 *	   -4242   -1		appended with O_APPEND (no locking)
 *
 * The file is recalculated from the folders (S= from names, stat
 * otherwise; every folder but .Trash) when it is missing, is 5120 bytes
 * or more, or says "over quota" while holding more than one delta line or
 * being older than 15 minutes; the new file is written in tmp/ and
 * renamed over.  Without limits (none given, none in the file) there is
 * no quota: everything fits and nothing is written.
 *
 *	struct quota q;
 *	quota_open(&q, maildir, NULL)	(limits from the file)
 *	quota_open(&q, maildir, &lim)	(limits from the user table; a
 *					 different limits line is rewritten)
 *	if (quota_fits(&q, size, 1) == 1) deliver, then quota_add(&q, size, 1)
 *	quota_close(&q)
 *
 * Grace: a message that does not fit is still accepted when the Maildir
 * is under its byte limit before it and ends at most q.grace_percent of
 * the limit over it (default 10, as Dovecot's quota_grace; 0 is
 * Courier's strict check).  The message count limit has no grace.
 */
#ifndef MD_QUOTA_H
#define MD_QUOTA_H

#include <stddef.h>
#include <time.h>

#include "limits.h"

struct quota_limits {
	long long bytes;	/* 0: no byte limit */
	long long count;	/* 0: no message limit */
};

struct quota {
	struct quota_limits lim;
	long long bytes;	/* current usage */
	long long count;
	int grace_percent;
	int fd;			/* maildirsize, O_APPEND, or -1 */
	int lines;		/* delta lines read (after the limits line) */
	int recalculated;	/* this open already recalculated */
	int readonly;		/* maildirsize readable, not writable */
	time_t mtime;		/* of maildirsize when read */
	char root[LIM_PATH];	/* the Maildir (a folder's parent) */
	char path[LIM_PATH];	/* root/maildirsize */
};

/*
 * Open the quota of the Maildir holding dir (a folder directory is
 * followed up to its parent, as the spec's step 1 says).  want: the
 * configured limits, or NULL to take them from the file.  0 or -1/errno.
 */
int quota_open(struct quota *, const char *dir,
    const struct quota_limits *want);
/* 1 if bytes/count more would be accepted (grace included), 0 if over
 * quota, -1 on error.  May recalculate (see above). */
int quota_fits(struct quota *, long long bytes, long long count);
/* Record a delivery (+) or removal (-): append "bytes count\n". */
int quota_add(struct quota *, long long bytes, long long count);
/* Recalculate from the folders now and rewrite maildirsize. */
int quota_recalc(struct quota *);
/* Highest of bytes and count usage in percent of its limit, 0: none. */
int quota_percent(const struct quota *);
/* Is there any limit at all? */
int quota_enabled(const struct quota *);
void quota_close(struct quota *);

/*
 * I/O-free parsers, for the tests and for imapd's GETQUOTA:
 * "10000000S,1000C" (either part, any order; unknown letters ignored).
 */
int quota_parse_limits(const char *line, size_t len,
    struct quota_limits *);
/* Format a limits line ("0S" when there is no byte limit). */
int quota_format_limits(char *buf, size_t size, const struct quota_limits *);
/* Parse "bytes count" delta lines after the first line of a maildirsize
 * image; returns the number of lines, -1 EINVAL on garbage. */
int quota_sum_deltas(const char *text, size_t len, long long *bytes,
    long long *count);

#endif
