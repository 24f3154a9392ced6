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

#define FC_NAME "imapd.cache"
#define FC_MAX_RECORD (1u << 20)

struct fc_slot {
	uint32_t uid;		/* 0: empty */
	uint32_t len;
	uint64_t off;
	int kind;
};

struct fetchcache {
	int fd;
	uint32_t uidvalidity;
	char *map;
	size_t maplen;		/* mapped and parsed up to here */
	struct fc_slot *slot;
	size_t nslot, used;
};

static size_t
slot_index(const struct fetchcache *fc, uint32_t uid, int kind)
{
	uint64_t h = ((uint64_t)uid * 3 + (uint64_t)kind) * 0x9e3779b97f4a7c15ull;

	return (size_t)(h >> 32) & (fc->nslot - 1);
}

static int
slot_add(struct fetchcache *fc, uint32_t uid, int kind, uint64_t off,
    uint32_t len)
{
	size_t i;

	if ((fc->used + 1) * 2 > fc->nslot) {
		struct fc_slot *old = fc->slot;
		size_t n = fc->nslot;

		fc->nslot = n ? n * 2 : 1024;
		if ((fc->slot = calloc(fc->nslot, sizeof *fc->slot)) == NULL) {
			fc->slot = old;
			fc->nslot = n;
			return -1;
		}
		fc->used = 0;
		for (i = 0; i < n; i++)
			if (old[i].uid != 0)
				slot_add(fc, old[i].uid, old[i].kind,
				    old[i].off, old[i].len);
		free(old);
	}
	for (i = slot_index(fc, uid, kind); fc->slot[i].uid != 0;
	    i = (i + 1) & (fc->nslot - 1))
		if (fc->slot[i].uid == uid && fc->slot[i].kind == kind)
			return 0;	/* first record wins */
	fc->slot[i] = (struct fc_slot){ uid, len, off, kind };
	fc->used++;
	return 0;
}

/* Parse records from fc->maplen up to size; stop at a torn record. */
static void
parse_from(struct fetchcache *fc, size_t size)
{
	size_t pos = fc->maplen;

	while (pos < size) {
		unsigned long uid, len;
		int kind, n = 0;
		char head[64];
		size_t hl = size - pos < sizeof head - 1 ? size - pos :
		    sizeof head - 1;

		memcpy(head, fc->map + pos, hl);
		head[hl] = '\0';
		if (sscanf(head, "%lu %d %lu\n%n", &uid, &kind, &len, &n) != 3
		    || n == 0 || head[n - 1] != '\n' || uid == 0 ||
		    uid > UINT32_MAX || kind < 0 || kind > 2 ||
		    len > FC_MAX_RECORD || pos + (size_t)n + len + 1 > size ||
		    fc->map[pos + (size_t)n + len] != '\n')
			break;
		slot_add(fc, (uint32_t)uid, kind, pos + (size_t)n,
		    (uint32_t)len);
		pos += (size_t)n + len + 1;
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
	if (fc->map != NULL)
		munmap(fc->map, fc->maplen);
	p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_SHARED, fc->fd, 0);
	if (p == MAP_FAILED) {
		fc->map = NULL;
		fc->maplen = 0;
		return -1;
	}
	fc->map = p;
	parse_from(fc, (size_t)st.st_size);
	return 0;
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
	n = snprintf(head, sizeof head, "IMAPDCACHE1 %u\n", uidvalidity);
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
	int n = snprintf(want, sizeof want, "IMAPDCACHE1 %u\n", uidvalidity);

	if (r < n || memcmp(head, want, (size_t)n) != 0)
		return -1;
	*hlen = (size_t)n;
	return 0;
}

static struct fetchcache *
open_cache(struct session *s)
{
	struct fetchcache *fc;
	char path[LIM_PATH + 16];
	size_t hlen;
	int fd, tries;

	snprintf(path, sizeof path, "%s/" FC_NAME, s->sel.path);
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
	fc->uidvalidity = s->sel.v->uidvalidity;
	fc->maplen = hlen;
	return fc;
}

static struct fetchcache *
cache(struct session *s)
{
	if (s->sel.fc == NULL && !s->sel.fc_failed &&
	    (s->sel.fc = open_cache(s)) == NULL)
		s->sel.fc_failed = 1;
	return s->sel.fc;
}

static const struct fc_slot *
lookup(struct fetchcache *fc, uint32_t uid, int kind)
{
	if (fc->nslot == 0)
		return NULL;
	for (size_t i = slot_index(fc, uid, kind); fc->slot[i].uid != 0;
	    i = (i + 1) & (fc->nslot - 1))
		if (fc->slot[i].uid == uid && fc->slot[i].kind == kind)
			return &fc->slot[i];
	return NULL;
}

int
fetchcache_get(struct session *s, size_t i, int kind, struct str *out)
{
	struct fetchcache *fc = cache(s);
	uint32_t uid = s->sel.v->msgs[i].uid;
	const struct fc_slot *e;

	if (fc == NULL)
		return 0;
	if ((e = lookup(fc, uid, kind)) == NULL && remap(fc) == 0)
		e = lookup(fc, uid, kind);
	if (e == NULL || fc->map == NULL)
		return 0;
	return str_append(out, fc->map + e->off, e->len) < 0 ? 0 : 1;
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

void
fetchcache_close(struct session *s)
{
	struct fetchcache *fc = s->sel.fc;

	if (fc == NULL)
		return;
	if (fc->map != NULL)
		munmap(fc->map, fc->maplen);
	close(fc->fd);
	free(fc->slot);
	free(fc);
	s->sel.fc = NULL;
}
