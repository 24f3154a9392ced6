/*
 * quota.c: reading, checking and appending to maildirsize (Courier
 * README.maildirquota, "Calculating the quota for a Maildir++").  The
 * recalculation from the folders is in quota_scan.c.
 */
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "io.h"
#include "quota.h"

int quota_scan_recalc(struct quota *);	/* quota_scan.c */

/* Step 1 of the recalculation: a folder's quota is its parent's. */
static int
quota_find_root(char *root, const char *dir)
{
	char marker[LIM_PATH];
	size_t n = strlen(dir);
	char *slash;

	while (n > 1 && dir[n - 1] == '/')
		n--;
	if (n == 0) {
		errno = ENOENT;	/* never "/maildirsize" */
		return -1;
	}
	if (n >= LIM_PATH) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(root, dir, n);
	root[n] = '\0';
	if (snprintf(marker, sizeof marker, "%s/maildirfolder", root) >=
	    (int)sizeof marker || access(marker, F_OK) < 0)
		return 0;
	if ((slash = strrchr(root, '/')) == NULL)
		memcpy(root, ".", 2);
	else if (slash == root)
		root[1] = '\0';
	else
		*slash = '\0';
	return 0;
}

/*
 * Read maildirsize into q.  1: read and usable; 0: must be recalculated
 * (missing, 5120 bytes or more, unparsable); -1 error.
 */
static int
quota_read(struct quota *q, struct quota_limits *filelim)
{
	char buf[LIM_QUOTA_FILE + 1];
	const char *nl;
	struct stat st;
	size_t len = 0;
	ssize_t r;

	q->fd = open(q->path, O_RDWR | O_APPEND | O_CLOEXEC | O_NOFOLLOW);
	if (q->fd < 0 && (errno == EACCES || errno == EROFS)) {
		/* Readable only: enforce it, record nothing (no fd). */
		q->fd = open(q->path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
		q->readonly = 1;
	}
	if (q->fd < 0)
		return errno == ENOENT ? 0 : -1;
	while (len < LIM_QUOTA_FILE && (r = read(q->fd, buf + len,
	    LIM_QUOTA_FILE - len)) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		len += (size_t)r;
	}
	if (fstat(q->fd, &st) < 0)
		return -1;
	q->mtime = st.st_mtime;
	/* The limits line counts even when the totals must be redone. */
	nl = memchr(buf, '\n', len);
	if (nl == NULL ||
	    quota_parse_limits(buf, (size_t)(nl - buf), filelim) < 0 ||
	    len >= LIM_QUOTA_FILE ||
	    (q->lines = quota_sum_deltas(buf, len, &q->bytes,
	    &q->count)) < 0)
		return 0;
	return 1;
}

static int
quota_limits_differ(const struct quota_limits *a, const struct quota_limits *b)
{
	return a->bytes != b->bytes || a->count != b->count;
}

int
quota_open(struct quota *q, const char *dir, const struct quota_limits *want)
{
	struct quota_limits filelim = { 0, 0 };
	int r;

	memset(q, 0, sizeof *q);
	q->fd = -1;
	q->grace_percent = 10;
	if (quota_find_root(q->root, dir) < 0)
		return -1;
	if (strlen(q->root) + sizeof "/maildirsize" > sizeof q->path) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(q->path, q->root, strlen(q->root));
	memcpy(q->path + strlen(q->root), "/maildirsize",
	    sizeof "/maildirsize");
	if ((r = quota_read(q, &filelim)) < 0) {
		quota_close(q);
		return -1;
	}
	if (q->readonly) {
		close(q->fd);
		q->fd = -1;
	}
	q->lim = want ? *want : filelim;
	if (!quota_enabled(q))
		return 0;	/* no limits: nothing to count or write */
	if (r == 0 || (want && quota_limits_differ(want, &filelim)))
		return quota_recalc(q);
	return 0;
}

int
quota_enabled(const struct quota *q)
{
	return q->lim.bytes > 0 || q->lim.count > 0;
}

/* Courier's qcalc() plus Dovecot-style grace for the crossing message. */
static int
quota_check(const struct quota *q, long long bytes, long long count)
{
	long long after, grace;

	if (q->lim.count > 0 && count > 0 &&
	    (__builtin_add_overflow(q->count, count, &after) ||
	    after > q->lim.count))
		return 0;
	if (q->lim.bytes <= 0 || bytes <= 0)
		return 1;
	if (__builtin_add_overflow(q->bytes, bytes, &after))
		return 0;
	if (after <= q->lim.bytes)
		return 1;
	if (q->bytes >= q->lim.bytes)
		return 0;
	grace = q->lim.bytes / 100 * q->grace_percent;
	return after - q->lim.bytes <= grace;
}

int
quota_fits(struct quota *q, long long bytes, long long count)
{
	if (!quota_enabled(q) || quota_check(q, bytes, count))
		return 1;
	/* Step 4: an "over quota" answer from stale deltas is re-checked. */
	if (!q->recalculated && (q->lines > 1 ||
	    q->mtime + LIM_QUOTA_AGE < time(NULL))) {
		if (quota_recalc(q) < 0)
			return -1;
		return quota_check(q, bytes, count);
	}
	return 0;
}

int
quota_add(struct quota *q, long long bytes, long long count)
{
	char line[64];
	int n;

	if (q->fd < 0 || !quota_enabled(q))
		return 0;	/* spec: only if a descriptor was opened */
	/* Courier pads each line to 14 bytes (NFS append bugs). */
	n = snprintf(line, sizeof line, "%8lld %4lld\n", bytes, count);
	/* One write(2) on an O_APPEND descriptor: lines never interleave. */
	if (fd_write_all(q->fd, line, (size_t)n, -1) < 0)
		return -1;
	q->bytes += bytes;
	q->count += count;
	q->lines++;
	return 0;
}

int
quota_recalc(struct quota *q)
{
	if (q->fd >= 0) {
		close(q->fd);
		q->fd = -1;
	}
	q->recalculated = 1;
	return quota_scan_recalc(q);
}

int
quota_percent(const struct quota *q)
{
	double pb = 0, pc = 0;

	if (q->lim.bytes > 0)
		pb = (double)q->bytes * 100.0 / (double)q->lim.bytes;
	if (q->lim.count > 0)
		pc = (double)q->count * 100.0 / (double)q->lim.count;
	pb = pb > pc ? pb : pc;
	return pb > 1e6 ? 1000000 : pb < 0 ? 0 : (int)pb;
}

void
quota_close(struct quota *q)
{
	if (q->fd >= 0)
		close(q->fd);
	q->fd = -1;
}
