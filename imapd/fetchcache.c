/* fetchcache.c: the ENVELOPE/BODYSTRUCTURE cache file; see fetchcache.h. */
#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fetchcache.h"
#include "log.h"

#define FC_NAME "imapd.cache"
#define FC_MAX_RECORD (1u << 20)
#define FC_COMPACT_MIN 64	/* records before compaction is considered */

/*
 * The index: one 12-byte entry per record, sorted by (uid, kind) for a
 * binary search.  Records are appended mostly in UID order, so an entry
 * is nearly always added at the end.  Offsets are 32-bit: the file is
 * kept far below 4 GiB (LIM_FETCHCACHE, fetchcache_close).
 */
struct fc_ent {
	uint32_t uid;
	uint32_t off;		/* of the text */
	uint32_t lenkind;	/* len << 2 | kind */
};

struct fetchcache {
	int fd;
	char *map;
	size_t maplen;		/* mapped and parsed up to here */
	struct fc_ent *ent;
	size_t n, cap;
};

static uint64_t
key(uint32_t uid, int kind)
{
	return (uint64_t)uid << 2 | (uint64_t)kind;
}

static uint64_t
ent_key(const struct fc_ent *e)
{
	return key(e->uid, (int)(e->lenkind & 3));
}

/* Index of the first entry with key >= k. */
static size_t
lower_bound(const struct fetchcache *fc, uint64_t k)
{
	size_t lo = 0, hi = fc->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ent_key(&fc->ent[mid]) < k)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int
ent_add(struct fetchcache *fc, uint32_t uid, int kind, uint32_t off,
    uint32_t len)
{
	uint64_t k = key(uid, kind);
	size_t at = fc->n;

	if (fc->n > 0 && ent_key(&fc->ent[fc->n - 1]) >= k) {
		at = lower_bound(fc, k);
		if (ent_key(&fc->ent[at]) == k)
			return 0;	/* first record wins */
	}
	if (fc->n == fc->cap) {
		size_t cap = fc->cap ? fc->cap * 2 : 256;
		struct fc_ent *p = reallocarray(fc->ent, cap, sizeof *p);

		if (p == NULL)
			return -1;
		fc->ent = p;
		fc->cap = cap;
	}
	memmove(fc->ent + at + 1, fc->ent + at, (fc->n - at) * sizeof *fc->ent);
	fc->ent[at] = (struct fc_ent){ uid, off, len << 2 | (uint32_t)kind };
	fc->n++;
	return 0;
}

/* One record header "<uid> <kind> <len>\n" at pos; its length or 0. */
static size_t
parse_head(const char *p, size_t avail, unsigned long *uid, int *kind,
    unsigned long *len)
{
	char head[64];
	size_t hl = avail < sizeof head - 1 ? avail : sizeof head - 1;
	int n = 0;

	memcpy(head, p, hl);
	head[hl] = '\0';
	if (sscanf(head, "%lu %d %lu\n%n", uid, kind, len, &n) != 3 ||
	    n == 0 || head[n - 1] != '\n' || *uid == 0 ||
	    *uid > UINT32_MAX || *kind < 0 || *kind > 2 ||
	    *len > FC_MAX_RECORD)
		return 0;
	return (size_t)n;
}

/* Parse records from fc->maplen up to size; stop at a torn record. */
static void
parse_from(struct fetchcache *fc, size_t size)
{
	size_t pos = fc->maplen;

	while (pos < size) {
		unsigned long uid, len;
		int kind;
		size_t n = parse_head(fc->map + pos, size - pos, &uid, &kind,
		    &len);

		if (n == 0 || pos + n + len + 1 > size ||
		    pos + n + len + 1 > UINT32_MAX ||
		    fc->map[pos + n + len] != '\n' ||
		    ent_add(fc, (uint32_t)uid, kind, (uint32_t)(pos + n),
		    (uint32_t)len) < 0)
			break;
		pos += n + len + 1;
	}
	fc->maplen = pos;
}

static int
remap(struct fetchcache *fc)
{
	struct stat st;
	void *p;

	if (fstat(fc->fd, &st) < 0 || (size_t)st.st_size <= fc->maplen)
		return 0;
	if (st.st_size > (off_t)UINT32_MAX)
		return 0;	/* compacted at close; don't index more */
	if (fc->map != NULL)
		munmap(fc->map, fc->maplen);
	p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_SHARED, fc->fd, 0);
	if (p == MAP_FAILED) {
		fc->map = NULL;
		fc->maplen = 0;
		fc->n = 0;
		return -1;
	}
	fc->map = p;
	parse_from(fc, (size_t)st.st_size);
	return 0;
}

static int
head_line(char *buf, size_t size, uint32_t uidvalidity)
{
	return snprintf(buf, size, "IMAPDCACHE2 %u\n", uidvalidity);
}

/* A fresh file with the header, renamed into place. */
static int
create_file(const char *path, uint32_t uidvalidity)
{
	char tmp[LIM_PATH + 32], head[64];
	int fd, n;

	snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid());
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600)) < 0)
		return -1;
	n = head_line(head, sizeof head, uidvalidity);
	if (fd_write_all(fd, head, (size_t)n, -1) < 0 || close(fd) < 0 ||
	    rename(tmp, path) < 0) {
		unlink(tmp);
		return -1;
	}
	return 0;
}

static int
check_header(int fd, uint32_t uidvalidity, size_t *hlen)
{
	char head[64], want[64];
	ssize_t r = pread(fd, head, sizeof head - 1, 0);
	int n = head_line(want, sizeof want, uidvalidity);

	if (r < n || memcmp(head, want, (size_t)n) != 0)
		return -1;
	*hlen = (size_t)n;
	return 0;
}

static void
cache_path(const struct session *s, char *buf, size_t size)
{
	snprintf(buf, size, "%s/" FC_NAME, s->sel.path);
}

static struct fetchcache *
open_cache(struct session *s)
{
	struct fetchcache *fc;
	char path[LIM_PATH + 16];
	size_t hlen = 0;
	int fd, tries;

	cache_path(s, path, sizeof path);
	for (tries = 0; tries < 2; tries++) {
		fd = open(path, O_RDWR | O_APPEND | O_CLOEXEC);
		if (fd >= 0 && check_header(fd, s->sel.v->uidvalidity, &hlen)
		    == 0)
			break;
		if (fd >= 0)
			close(fd);
		fd = -1;
		if (create_file(path, s->sel.v->uidvalidity) < 0)
			return NULL;
	}
	if (fd < 0 || (fc = calloc(1, sizeof *fc)) == NULL) {
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	fc->fd = fd;
	fc->maplen = hlen;
	return fc;
}

/* Opened at the first lookup, not at SELECT: most sessions never need it. */
static struct fetchcache *
cache(struct session *s)
{
	if (s->sel.fc == NULL && !s->sel.fc_failed &&
	    (s->sel.fc = open_cache(s)) == NULL)
		s->sel.fc_failed = 1;
	return s->sel.fc;
}

static const struct fc_ent *
lookup(struct fetchcache *fc, uint32_t uid, int kind)
{
	size_t at = lower_bound(fc, key(uid, kind));

	if (at < fc->n && ent_key(&fc->ent[at]) == key(uid, kind))
		return &fc->ent[at];
	return NULL;
}

int
fetchcache_get(struct session *s, size_t i, int kind, struct str *out)
{
	struct fetchcache *fc = cache(s);
	uint32_t uid = s->sel.v->msgs[i].uid;
	const struct fc_ent *e;

	if (fc == NULL)
		return 0;
	if ((e = lookup(fc, uid, kind)) == NULL && remap(fc) == 0)
		e = lookup(fc, uid, kind);
	if (e == NULL || fc->map == NULL)
		return 0;
	return str_append(out, fc->map + e->off, e->lenkind >> 2) < 0 ? 0 : 1;
}

int
fetchcache_has(struct session *s, size_t i, int kind)
{
	struct fetchcache *fc = cache(s);
	uint32_t uid = s->sel.v->msgs[i].uid;

	if (fc == NULL)
		return 0;
	if (lookup(fc, uid, kind) == NULL && remap(fc) < 0)
		return 0;
	return lookup(fc, uid, kind) != NULL && fc->map != NULL;
}

void
fetchcache_put(struct session *s, size_t i, int kind, const char *text,
    size_t len)
{
	struct fetchcache *fc = cache(s);
	struct str rec = STR_INIT(FC_MAX_RECORD + 64);

	if (fc == NULL || len > FC_MAX_RECORD)
		return;
	if (str_printf(&rec, "%u %d %zu\n", s->sel.v->msgs[i].uid, kind,
	    len) == 0 && str_append(&rec, text, len) == 0 &&
	    str_appendc(&rec, '\n') == 0)
		/* one write with O_APPEND: records of sessions don't mix */
		if (write(fc->fd, rec.s, rec.len) != (ssize_t)rec.len)
			s->sel.fc_failed = 1;
	str_free(&rec);
}

/*
 * Between commands: give the mapped pages back (they stay in the page
 * cache and fault in again on the next lookup), so an idle session
 * holds none of the file.
 */
void
fetchcache_idle(struct session *s)
{
	struct fetchcache *fc = s->sel.fc;

	if (fc != NULL && fc->map != NULL)
		(void)madvise(fc->map, fc->maplen, MADV_DONTNEED);
}

/* Is entry e for a message still in the folder? */
static int
ent_live(const struct view *v, const struct fc_ent *e)
{
	long j = view_find(v, e->uid);

	return j >= 0 && !v->msgs[j].expunged;
}

/* Copy the live records after the header into fd; -1 on error. */
static int
write_live(const struct session *s, const struct fetchcache *fc, int fd)
{
	struct str buf = STR_INIT(FC_MAX_RECORD + (1u << 16) + 64);
	char head[64];
	int r = 0, n = head_line(head, sizeof head, s->sel.v->uidvalidity);

	if (str_append(&buf, head, (size_t)n) < 0)
		r = -1;
	for (size_t k = 0; r == 0 && k < fc->n; k++) {
		const struct fc_ent *e = &fc->ent[k];

		if (!ent_live(s->sel.v, e))
			continue;
		if (str_printf(&buf, "%u %u %u\n", e->uid, e->lenkind & 3,
		    e->lenkind >> 2) < 0 || str_append(&buf, fc->map + e->off,
		    e->lenkind >> 2) < 0 || str_appendc(&buf, '\n') < 0)
			r = -1;
		else if (buf.len >= (1u << 16)) {
			r = fd_write_all(fd, buf.s, buf.len, -1);
			str_truncate(&buf, 0);
		}
	}
	if (r == 0 && buf.len > 0)
		r = fd_write_all(fd, buf.s, buf.len, -1);
	str_free(&buf);
	return r;
}

/*
 * Rewrite the file with only the records of messages still there.  A
 * record another session appends meanwhile to the old file is lost:
 * this is only a cache.  Over LIM_FETCHCACHE even when compacted, the
 * cache starts again empty.
 */
static void
compact(const struct session *s, const struct fetchcache *fc, int fresh)
{
	char path[LIM_PATH + 16], tmp[LIM_PATH + 48];
	int fd;

	cache_path(s, path, sizeof path);
	if (fresh) {
		if (create_file(path, s->sel.v->uidvalidity) < 0)
			log_warn("cache-compact", "folder=%s errno=%d",
			    log_esc(s->sel.name), errno);
		return;
	}
	snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid());
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0600)) < 0)
		return;
	if (write_live(s, fc, fd) < 0 || close(fd) < 0 ||
	    rename(tmp, path) < 0) {
		log_warn("cache-compact", "folder=%s errno=%d",
		    log_esc(s->sel.name), errno);
		unlink(tmp);
	}
}

/* Compact when most records are for expunged messages, or too big. */
static void
maybe_compact(const struct session *s, const struct fetchcache *fc)
{
	struct stat st;
	size_t dead = 0;
	uint64_t live_bytes = 0;

	if (fstat(fc->fd, &st) < 0)
		return;
	for (size_t k = 0; k < fc->n; k++)
		if (!ent_live(s->sel.v, &fc->ent[k]))
			dead++;
		else
			live_bytes += (fc->ent[k].lenkind >> 2) + 32;
	if ((uint64_t)st.st_size > LIM_FETCHCACHE)
		compact(s, fc, live_bytes > LIM_FETCHCACHE / 2);
	else if (fc->n >= FC_COMPACT_MIN && dead * 2 > fc->n)
		compact(s, fc, 0);
}

void
fetchcache_close(struct session *s)
{
	struct fetchcache *fc = s->sel.fc;

	if (fc == NULL)
		return;
	if (s->sel.v != NULL && remap(fc) == 0 && fc->map != NULL)
		maybe_compact(s, fc);
	if (fc->map != NULL)
		munmap(fc->map, fc->maplen);
	close(fc->fd);
	free(fc->ent);
	free(fc);
	s->sel.fc = NULL;
}
