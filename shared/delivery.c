/*
 * delivery.c: tmp -> fsync -> link -> fsync dir (qmail-local's six steps,
 * djb maildir.html), with CRLF conversion and the S=/W= sizes counted on
 * the way.
 */
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "delivery.h"
#include "file.h"
#include "io.h"
#include "maildir.h"

/*
 * Sweep stale tmp/ files (maildir_clean_tmp: 36 hours, maildir.html) at
 * most once per directory and hour in a process, so a delivery pays at
 * most one readdir of a normally empty tmp/ and a long-running imapd or
 * lmtpd does not rescan it for every message.
 */
static void
delivery_clean_tmp(const char *dir)
{
	static char last[LIM_PATH];
	static time_t last_time;
	time_t now = time(NULL);

	if (strcmp(last, dir) == 0 && now - last_time < 3600)
		return;
	snprintf(last, sizeof last, "%s", dir);
	last_time = now;
	(void)maildir_clean_tmp(dir);	/* best effort */
}

enum md_status
delivery_errno_status(int errnum)
{
	switch (errnum) {
	case ENAMETOOLONG:
	case EFBIG:
	case ENOTDIR:
	case ELOOP:
		return MD_PERM;
	default:
		return MD_TEMP;	/* ENOSPC, EDQUOT, EIO, EACCES, ENOENT ... */
	}
}

static enum md_status
delivery_fail(struct delivery *d, int errnum)
{
	if (d->errnum == 0)
		d->errnum = errnum;
	delivery_abort(d);
	errno = d->errnum;
	return delivery_errno_status(d->errnum);
}

static int
delivery_path(char *buf, const char *dir, const char *sub, const char *name)
{
	int n = snprintf(buf, LIM_PATH, "%s/%s/%s", dir, sub, name);

	if (n < 0 || n >= LIM_PATH) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

enum md_status
delivery_open(struct delivery *d, const char *dir, unsigned opts)
{
	char base[MDNAME_MAX + 1];
	size_t dlen = strlen(dir);

	memset(d, 0, offsetof(struct delivery, buf));
	d->fd = -1;
	d->opts = opts;
	while (dlen > 1 && dir[dlen - 1] == '/')
		dlen--;	/* "./Maildir/" as qmail writes it */
	if (dlen == 0)
		return delivery_fail(d, ENOENT);	/* never "/tmp/..." */
	if (dlen >= sizeof d->dir)
		return delivery_fail(d, ENAMETOOLONG);
	memcpy(d->dir, dir, dlen);
	d->dir[dlen] = '\0';
	if (!(opts & DELIVERY_NOCLEAN))
		delivery_clean_tmp(d->dir);
	for (int tries = 0; d->fd < 0; tries++) {
		if (mdname_unique(base, sizeof base, -1, -1) < 0 ||
		    delivery_path(d->tmppath, d->dir, "tmp", base) < 0)
			return delivery_fail(d, errno);
		d->fd = open(d->tmppath, O_WRONLY | O_CREAT | O_EXCL |
		    O_CLOEXEC | O_NOFOLLOW, 0600);
		if (d->fd < 0 && (errno != EEXIST || tries >= 5)) {
			d->tmppath[0] = '\0';
			return delivery_fail(d, errno);
		}
	}
	return MD_OK;
}

static int
delivery_flush(struct delivery *d)
{
	if (d->buflen == 0)
		return 0;
	if (fd_write_all(d->fd, d->buf, d->buflen, -1) < 0)
		return -1;
	d->buflen = 0;
	return 0;
}

/*
 * Append bytes that need no conversion, counting S= and W= (every LF not
 * preceded by a CR on disk counts twice).
 */
static int
delivery_put_run(struct delivery *d, const char *p, size_t n)
{
	const char *end = p + n, *nl;
	long long bare = 0;
	size_t k;

	if (n == 0)
		return 0;
	for (const char *q = p; (nl = memchr(q, '\n', (size_t)(end - q)));
	    q = nl + 1)
		if (nl > p ? nl[-1] != '\r' : !d->last_cr)
			bare++;
	d->size += (long long)n;
	d->vsize += (long long)n + bare;
	d->last_cr = end[-1] == '\r';
	for (; n > 0; p += k, n -= k) {
		if (d->buflen == sizeof d->buf && delivery_flush(d) < 0)
			return -1;
		k = sizeof d->buf - d->buflen < n ? sizeof d->buf - d->buflen : n;
		memcpy(d->buf + d->buflen, p, k);
		d->buflen += k;
	}
	return 0;
}

/* CR LF becomes LF, a lone CR is kept; a CR ending a chunk waits. */
static int
delivery_put_converted(struct delivery *d, const char *p, size_t n)
{
	const char *end = p + n, *cr;

	if (d->pending_cr && n > 0) {
		d->pending_cr = 0;
		if (*p != '\n' && delivery_put_run(d, "\r", 1) < 0)
			return -1;
	}
	while (p < end) {
		if ((cr = memchr(p, '\r', (size_t)(end - p))) == NULL)
			return delivery_put_run(d, p, (size_t)(end - p));
		if (delivery_put_run(d, p, (size_t)(cr - p)) < 0)
			return -1;
		if (cr + 1 == end) {
			d->pending_cr = 1;
			return 0;
		}
		if (cr[1] != '\n' && delivery_put_run(d, "\r", 1) < 0)
			return -1;
		p = cr + 1;
	}
	return 0;
}

enum md_status
delivery_write(struct delivery *d, const void *data, size_t n)
{
	int r;

	if (d->fd < 0)
		return delivery_fail(d, d->errnum ? d->errnum : EBADF);
	if (d->opts & DELIVERY_CRLF)
		r = delivery_put_converted(d, data, n);
	else
		r = delivery_put_run(d, data, n);
	if (r == 0 && d->size > LIM_MESSAGE) {
		errno = EFBIG;
		r = -1;
	}
	return r < 0 ? delivery_fail(d, errno) : MD_OK;
}

void
delivery_set_mtime(struct delivery *d, time_t t)
{
	d->mtime = t;
}

/* Everything up to "the bytes are safe on disk in tmp/". */
static int
delivery_finish_file(struct delivery *d)
{
	if (d->pending_cr) {
		d->pending_cr = 0;
		if (delivery_put_run(d, "\r", 1) < 0)
			return -1;
	}
	if (delivery_flush(d) < 0)
		return -1;
	if (d->mtime > 0) {
		struct timespec ts[2] = {
			{ d->mtime, 0 }, { d->mtime, 0 }
		};
		if (futimens(d->fd, ts) < 0)
			return -1;
	}
	if (fsync(d->fd) < 0)
		return -1;
	if (close(d->fd) < 0) {
		d->fd = -1;
		return -1;
	}
	d->fd = -1;
	return 0;
}

/*
 * link() keeps an existing name from being overwritten (EEXIST: pick
 * another); some file systems (AFS, some FUSE, vfat) refuse hard links,
 * then rename() it is, as Dovecot and Courier do.
 */
static int
delivery_place(const char *from, const char *to, int *renamed)
{
	if (link(from, to) == 0)
		return 0;
	if (errno != EXDEV && errno != EPERM && errno != ENOSYS &&
	    errno != EOPNOTSUPP && errno != EMLINK)
		return -1;
	if (access(to, F_OK) == 0) {
		errno = EEXIST;
		return -1;
	}
	if (rename(from, to) < 0)
		return -1;
	*renamed = 1;
	return 0;
}

/*
 * Link the finished tmp file into dir/sub under a fresh unique name with
 * S=, W= and info (the name and path go to name/path), then drop the tmp
 * name.  -1 with errno, and nothing placed, on failure.
 */
static int
delivery_place_unique(const char *tmppath, const char *dir, const char *sub,
    long long size, long long vsize, const char *info, char *name,
    size_t namesize, char *path)
{
	char base[MDNAME_MAX + 1];
	int renamed = 0, n;

	for (int tries = 0;; tries++) {
		if (mdname_unique(base, sizeof base, size, vsize) < 0)
			return -1;
		n = snprintf(name, namesize, "%s%s", base, info);
		if (n < 0 || (size_t)n >= namesize) {
			errno = ENAMETOOLONG;
			return -1;
		}
		if (delivery_path(path, dir, sub, name) < 0)
			return -1;
		if (delivery_place(tmppath, path, &renamed) == 0)
			break;
		if (errno != EEXIST || tries >= 5)
			return -1;
	}
	if (!renamed && unlink(tmppath) < 0 && errno != ENOENT) {
		int saved = errno;
		unlink(path);
		errno = saved;
		return -1;
	}
	return 0;
}

static enum md_status
delivery_link(struct delivery *d, const char *sub, unsigned flags,
    uint32_t keywords, int with_info)
{
	char info[MDNAME_INFO_MAX], sdir[LIM_PATH];
	int n;

	info[0] = '\0';
	if (with_info)
		mdname_info(info, flags, keywords);
	if (delivery_place_unique(d->tmppath, d->dir, sub, d->size, d->vsize,
	    info, d->name, sizeof d->name, d->path) < 0)
		return delivery_fail(d, errno);
	d->tmppath[0] = '\0';
	n = snprintf(sdir, sizeof sdir, "%s/%s", d->dir, sub);
	if (n < 0 || (size_t)n >= sizeof sdir || file_fsync_dir(sdir) < 0) {
		int saved = errno;
		unlink(d->path);
		return delivery_fail(d, saved);
	}
	return MD_OK;
}

enum md_status
delivery_stage(struct delivery *d)
{
	if (d->fd < 0)
		return delivery_fail(d, d->errnum ? d->errnum : EBADF);
	if (delivery_finish_file(d) < 0)
		return delivery_fail(d, errno);
	return MD_OK;
}

int
delivery_publish(const struct delivery_staged *st, const char *dir,
    unsigned flags, uint32_t keywords, char *name, size_t namesize)
{
	char info[MDNAME_INFO_MAX], path[LIM_PATH];

	mdname_info(info, flags, keywords);
	return delivery_place_unique(st->tmppath, dir, "cur", st->size,
	    st->vsize, info, name, namesize, path);
}

static enum md_status
delivery_commit_in(struct delivery *d, const char *sub, unsigned flags,
    uint32_t keywords, int with_info)
{
	if (d->fd < 0)
		return delivery_fail(d, d->errnum ? d->errnum : EBADF);
	if (delivery_finish_file(d) < 0)
		return delivery_fail(d, errno);
	return delivery_link(d, sub, flags, keywords, with_info);
}

enum md_status
delivery_commit(struct delivery *d, unsigned flags, uint32_t keywords)
{
	if (flags == 0 && keywords == 0)
		return delivery_commit_in(d, "new", 0, 0, 0);
	return delivery_commit_in(d, "cur", flags, keywords, 1);
}

void
delivery_abort(struct delivery *d)
{
	int saved = errno;

	if (d->fd >= 0) {
		close(d->fd);
		d->fd = -1;
	}
	if (d->tmppath[0]) {
		unlink(d->tmppath);
		d->tmppath[0] = '\0';
	}
	d->buflen = 0;
	errno = saved;
}
