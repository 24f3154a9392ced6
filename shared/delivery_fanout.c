/*
 * delivery_fanout.c: one spooled message to many Maildirs (lmtpd).  The
 * spool is read once, whatever the number of recipients: either every
 * recipient's tmp file is written in the same pass, or (identical
 * prefixes, DELIVERY_LINK) one file is written and hard-linked.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "delivery.h"
#include "file.h"

#define FANOUT_CHUNK 65536

static void
fanout_result(struct delivery_target *t, const struct delivery *d,
    enum md_status st)
{
	t->status = st;
	t->errnum = st == MD_OK ? 0 : d->errnum;
	t->size = d->size;
	t->vsize = d->vsize;
	snprintf(t->name, sizeof t->name, "%s", st == MD_OK ? d->name : "");
}

/* Open every target and write its prefix; failures are recorded. */
static void
fanout_open_all(struct delivery *d, struct delivery_target *t, size_t n,
    unsigned opts)
{
	for (size_t i = 0; i < n; i++) {
		t[i].status = delivery_open(&d[i], t[i].dir, opts);
		if (t[i].status == MD_OK && t[i].prefixlen > 0)
			t[i].status = delivery_write(&d[i], t[i].prefix,
			    t[i].prefixlen);
		if (t[i].status != MD_OK)
			fanout_result(&t[i], &d[i], t[i].status);
	}
}

/* Copy the spool into every target still alive; -1 on a read error. */
static int
fanout_copy(int spoolfd, struct delivery *d, struct delivery_target *t,
    size_t n, char *chunk)
{
	off_t off = 0;
	ssize_t r;

	while ((r = pread(spoolfd, chunk, FANOUT_CHUNK, off)) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		off += r;
		for (size_t i = 0; i < n; i++)
			if (t[i].status == MD_OK) {
				t[i].status = delivery_write(&d[i], chunk,
				    (size_t)r);
				if (t[i].status != MD_OK)
					fanout_result(&t[i], &d[i],
					    t[i].status);
			}
	}
	return 0;
}

static void
fanout_parallel(int spoolfd, struct delivery *d, struct delivery_target *t,
    size_t n, unsigned opts, char *chunk)
{
	int readerr = 0;

	fanout_open_all(d, t, n, opts);
	if (fanout_copy(spoolfd, d, t, n, chunk) < 0)
		readerr = errno;
	for (size_t i = 0; i < n; i++) {
		if (t[i].status != MD_OK)
			continue;
		if (readerr) {
			d[i].errnum = readerr;
			delivery_abort(&d[i]);
			t[i].status = MD_TEMP;
		} else
			t[i].status = delivery_commit(&d[i], 0, 0);
		fanout_result(&t[i], &d[i], t[i].status);
	}
}

static int
fanout_same_prefix(const struct delivery_target *t, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (t[i].prefixlen != t[0].prefixlen || (t[0].prefixlen &&
		    memcmp(t[i].prefix, t[0].prefix, t[0].prefixlen) != 0))
			return 0;
	return 1;
}

/* Hard-link an already delivered file into dir/new under a fresh name. */
static enum md_status
fanout_link(const struct delivery *src, struct delivery_target *t)
{
	char base[MDNAME_MAX + 1], path[LIM_PATH], ndir[LIM_PATH];
	int r;

	t->size = src->size;
	t->vsize = src->vsize;
	for (int tries = 0;; tries++) {
		if (mdname_unique(base, sizeof base, src->size,
		    src->vsize) < 0)
			return t->errnum = errno, MD_PERM;
		r = snprintf(path, sizeof path, "%s/new/%s", t->dir, base);
		if (r < 0 || (size_t)r >= sizeof path)
			return t->errnum = ENAMETOOLONG, MD_PERM;
		if (link(src->path, path) == 0)
			break;
		if (errno != EEXIST || tries >= 5)
			return t->errnum = errno,
			    delivery_errno_status(errno);
	}
	snprintf(ndir, sizeof ndir, "%s/new", t->dir);
	if (file_fsync_dir(ndir) < 0) {
		t->errnum = errno;
		unlink(path);
		return MD_TEMP;
	}
	snprintf(t->name, sizeof t->name, "%s", base);
	t->errnum = 0;
	return MD_OK;
}

static void
fanout_linked(int spoolfd, struct delivery *d, struct delivery_target *t,
    size_t n, unsigned opts, char *chunk)
{
	size_t src;

	/* The first target that takes the message is the source. */
	for (src = 0; src < n; src++) {
		fanout_parallel(spoolfd, &d[src], &t[src], 1, opts, chunk);
		if (t[src].status == MD_OK)
			break;
	}
	for (size_t i = src + 1; i < n; i++) {
		t[i].status = fanout_link(&d[src], &t[i]);
		if (t[i].status != MD_OK && (t[i].errnum == EXDEV ||
		    t[i].errnum == EPERM || t[i].errnum == EMLINK))
			fanout_parallel(spoolfd, &d[i], &t[i], 1, opts, chunk);
	}
}

enum md_status
delivery_fanout(int spoolfd, struct delivery_target *t, size_t n,
    unsigned opts)
{
	enum md_status worst = MD_OK;
	struct delivery *d;
	char *chunk;

	if (n > DELIVERY_FANOUT_MAX) {
		errno = E2BIG;
		return MD_PERM;
	}
	d = calloc(n ? n : 1, sizeof *d);
	chunk = malloc(FANOUT_CHUNK);
	if (d == NULL || chunk == NULL) {
		for (size_t i = 0; i < n; i++)
			t[i].status = MD_TEMP, t[i].errnum = ENOMEM;
		free(d);
		free(chunk);
		return n ? MD_TEMP : MD_OK;
	}
	if ((opts & DELIVERY_LINK) && fanout_same_prefix(t, n))
		fanout_linked(spoolfd, d, t, n, opts, chunk);
	else
		fanout_parallel(spoolfd, d, t, n, opts, chunk);
	for (size_t i = 0; i < n; i++)
		if (t[i].status < worst)
			worst = t[i].status;
	free(d);
	free(chunk);
	return worst;
}
