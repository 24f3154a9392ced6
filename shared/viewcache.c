/*
 * viewcache.c: maildir-view.cache, the view of a folder as last seen, so
 * that opening an unchanged folder reads one file instead of stat'ing
 * every message.  Text, written through a temporary file and rename:
 *
 *   MDVIEW1 <uidvalidity> <uidnext> <count>
 *   dirs <new sec> <nsec> <dirty> <cur sec> <nsec> <dirty>
 *   uidlist <ino> <size>
 *   <uid> <size> <vsize> <internaldate> <in new/> <file name>   (count)
 *   end
 *
 * A directory's part of the cache is used only if its mtime is the one
 * recorded and was not too recent to trust when recorded; anything
 * unexpected (version, order, count, missing end line, a uidlist with
 * another UIDVALIDITY or none at all) discards the whole cache.  It holds
 * nothing that is not also on disk elsewhere, so deleting it is safe.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "file.h"
#include "io.h"
#include "mdname.h"
#include "view_int.h"

#define VIEWCACHE_MAX	LIM_VIEWCACHE_FILE

static int
viewcache_path(const struct view *v, char *buf, size_t size,
    const char *suffix)
{
	int n = snprintf(buf, size, "%s/" VIEWCACHE_NAME "%s", v->in->dir,
	    suffix);

	if (n < 0 || (size_t)n >= size) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

/* Read a decimal (optionally "-1") followed by a space; -1 on error. */
static int
viewcache_num(char **pp, long long *out)
{
	char *p = *pp;
	long long v = 0;
	int neg = 0;

	if (*p == '-') {
		neg = 1;
		p++;
	}
	if (*p < '0' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++)
		if ((v = v * 10 + (*p - '0')) > (1LL << 52))
			return -1;
	if (*p != ' ')
		return -1;
	*pp = p + 1;
	*out = neg ? -v : v;
	return 0;
}

static int
viewcache_nums(char **pp, long long *out, int n)
{
	for (int i = 0; i < n; i++)
		if (viewcache_num(pp, &out[i]) < 0)
			return -1;
	return 0;
}

/* Parse one "uid size vsize date innew name" line into msgs[count]. */
static int
viewcache_rec(struct view *v, char *line)
{
	long long f[5];
	struct view_msg *msg;
	char *name;

	if (viewcache_nums(&line, f, 5) < 0 || f[0] <= 0 ||
	    f[0] >= (long long)v->uidnext || (v->count &&
	    f[0] <= (long long)v->msgs[v->count - 1].uid) || f[1] < 0 ||
	    f[2] < -1 || (f[4] != 0 && f[4] != 1) ||
	    view_msgs_reserve(v, 1) < 0)
		return -1;
	name = line;	/* in the file's buffer until viewcache_names */
	msg = &v->msgs[v->count];
	if (view_msg_fill_name(msg, name, (unsigned)f[4]) < 0)
		return -1;
	msg->uid = (uint32_t)f[0];
	msg->size = f[1];
	msg->vsize = f[2];
	msg->internaldate = (time_t)f[3];
	v->count++;
	return 0;
}

/* "MDVIEW1 ...", "dirs ...", "uidlist ..." lines; count out. */
static int
viewcache_header(struct view *v, char **lines, long long *count,
    const char *ulpath, struct stat *ulst)
{
	long long h[3], d[6], u[2];
	uint32_t uv;
	char *p;

	if (strncmp(lines[0], "MDVIEW1 ", 8) != 0 ||
	    strncmp(lines[1], "dirs ", 5) != 0 ||
	    strncmp(lines[2], "uidlist ", 8) != 0)
		return -1;
	p = lines[0] + 8;
	if (viewcache_nums(&p, h, 3) < 0 || h[0] <= 0 || h[0] > UINT32_MAX ||
	    h[1] <= 0 || h[1] > UINT32_MAX || h[2] < 0)
		return -1;
	p = lines[1] + 5;
	if (viewcache_nums(&p, d, 6) < 0)
		return -1;
	p = lines[2] + 8;
	if (viewcache_nums(&p, u, 2) < 0)
		return -1;
	/* Replaced (Dovecot rewrites it): fine if UIDVALIDITY is the same. */
	if (((ino_t)u[0] != ulst->st_ino || u[1] > ulst->st_size) &&
	    (uidlist_read_uidvalidity(ulpath, &uv) < 0 || uv != h[0]))
		return -1;
	v->uidvalidity = (uint32_t)h[0];
	v->uidnext = (uint32_t)h[1];
	*count = h[2];
	for (unsigned k = 0; k < 2; k++) {
		v->in->mt[k].tv_sec = (time_t)d[3 * k];
		v->in->mt[k].tv_nsec = (long)d[3 * k + 1];
		v->in->dirty[k] = d[3 * k + 2] != 0;
	}
	return 0;
}

/* Split buf into lines in place; the last one must end with '\n'. */
static char **
viewcache_lines(char *buf, size_t len, size_t *n)
{
	size_t cap = 1024, k = 0;
	char **lines = malloc(cap * sizeof *lines), *p = buf, *nl;

	while (lines && p < buf + len &&
	    (nl = memchr(p, '\n', (size_t)(buf + len - p))) != NULL) {
		if (k == cap) {
			char **nw = reallocarray(lines, cap *= 2, sizeof *nw);
			if (nw == NULL) {
				free(lines);
				return NULL;
			}
			lines = nw;
		}
		*nl = '\0';
		lines[k++] = p;
		p = nl + 1;
	}
	*n = k;
	return lines;
}

/*
 * Copy the names, still pointing into the file's buffer, into one block:
 * a malloc'd name costs its length plus 16 to 24 bytes, and an open
 * folder holds one per message.
 */
static int
viewcache_names(struct view *v)
{
	size_t total = 0, off = 0;
	char *block;

	for (size_t i = 0; i < v->count; i++)
		total += strlen(v->msgs[i].name) + 1;
	if ((block = malloc(total ? total : 1)) == NULL)
		return -1;
	for (size_t i = 0; i < v->count; i++) {
		size_t n = strlen(v->msgs[i].name) + 1;

		memcpy(block + off, v->msgs[i].name, n);
		v->msgs[i].name = block + off;
		off += n;
	}
	v->in->names = block;
	v->in->names_len = total;
	return 0;
}

/* Forget what was read; the names still point into the file's buffer. */
static void
viewcache_reset(struct view *v)
{
	v->count = 0;
	v->uidvalidity = v->uidnext = 0;
	memset(v->in->mt, 0, sizeof v->in->mt);
	v->in->dirty[0] = v->in->dirty[1] = 1;
}

static int
viewcache_parse(struct view *v, char *buf, size_t len, const char *ulpath,
    struct stat *ulst)
{
	size_t n;
	long long count;
	char **lines = viewcache_lines(buf, len, &n);
	int rc = -1;

	if (lines && n >= 4 && strcmp(lines[n - 1], "end") == 0 &&
	    viewcache_header(v, lines, &count, ulpath, ulst) == 0 &&
	    (size_t)count == n - 4) {
		rc = view_msgs_reserve(v, (size_t)count);
		for (size_t k = 3; rc == 0 && k < n - 1; k++)
			rc = viewcache_rec(v, lines[k]);
		if (rc == 0)
			rc = viewcache_names(v);
	}
	free(lines);
	if (rc < 0)
		viewcache_reset(v);
	return rc;
}

/* The whole file in as few reads as its size allows. */
static int
viewcache_read(const char *path, struct str *sp)
{
	struct stat st;
	ssize_t n;
	int fd, rc = -1;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) < 0)
		return -1;
	if (fstat(fd, &st) == 0 && st.st_size > 0 &&
	    (size_t)st.st_size < VIEWCACHE_MAX &&
	    str_reserve(sp, (size_t)st.st_size + 1) == 0) {
		rc = 0;
		while (rc == 0 && sp->len < (size_t)st.st_size) {
			n = read(fd, sp->s + sp->len, (size_t)st.st_size -
			    sp->len);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				rc = -1;
			else
				sp->len += (size_t)n;
		}
		sp->s[sp->len] = '\0';
	}
	(void)close(fd);	/* read-only */
	return rc;
}

int
viewcache_load(struct view *v)
{
	struct str data = STR_INIT(VIEWCACHE_MAX);
	char path[LIM_PATH], ulpath[LIM_PATH];
	struct stat ulst;
	int rc = -1;

	/* No uidlist: the UIDs are gone, so is anything cached about them. */
	if (view_uidlist_path(v, ulpath, sizeof ulpath) < 0 ||
	    stat(ulpath, &ulst) < 0 ||
	    viewcache_path(v, path, sizeof path, "") < 0)
		return -1;
	if (viewcache_read(path, &data) == 0 && data.len > 0)
		rc = viewcache_parse(v, data.s, data.len, ulpath, &ulst);
	str_free(&data);
	if (rc == 0) {
		v->in->ul_st = ulst;
		view_map_rebuild(v);
		v->in->cache_dirty = 0;
	} else
		v->in->cache_dirty = 1;
	return rc;
}

static int
viewcache_format(const struct view *v, struct str *out)
{
	size_t live = 0;
	const struct timespec *mt = v->in->mt;

	for (size_t i = 0; i < v->count; i++)
		live += !v->msgs[i].expunged;
	if (str_printf(out, "MDVIEW1 %lu %lu %zu \n", (unsigned long)
	    v->uidvalidity, (unsigned long)v->uidnext, live) < 0 ||
	    str_printf(out, "dirs %lld %ld %d %lld %ld %d \n",
	    (long long)mt[0].tv_sec, mt[0].tv_nsec, v->in->dirty[0],
	    (long long)mt[1].tv_sec, mt[1].tv_nsec, v->in->dirty[1]) < 0 ||
	    str_printf(out, "uidlist %llu %lld \n",
	    (unsigned long long)v->in->ul_st.st_ino,
	    (long long)v->in->ul_st.st_size) < 0)
		return -1;
	for (size_t i = 0; i < v->count; i++) {
		const struct view_msg *m = &v->msgs[i];
		if (!m->expunged && str_printf(out, "%lu %lld %lld %lld %d %s\n",
		    (unsigned long)m->uid, m->size, m->vsize,
		    (long long)m->internaldate, m->in_new ? 1 : 0, m->name) < 0)
			return -1;
	}
	return str_appends(out, "end\n");
}

/* No fsync: a cache torn by a crash fails to parse and is rebuilt. */
static int
viewcache_write(const char *tmp, const char *path, const struct str *data)
{
	int fd, rc = 0;

	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW |
	    O_CLOEXEC, 0600)) < 0)
		return -1;
	if (fd_write_all(fd, data->s, data->len, -1) < 0)
		rc = -1;
	if (close(fd) < 0)
		rc = -1;
	if (rc == 0 && rename(tmp, path) < 0)
		rc = -1;
	if (rc < 0)
		(void)unlink(tmp);
	return rc;
}

int
viewcache_save(struct view *v)
{
	struct str data = STR_INIT(VIEWCACHE_MAX);
	char path[LIM_PATH], tmp[LIM_PATH], suffix[40];
	int rc = -1;

	snprintf(suffix, sizeof suffix, ".%ld.tmp", (long)getpid());
	if (v->uidvalidity && viewcache_path(v, path, sizeof path, "") == 0 &&
	    viewcache_path(v, tmp, sizeof tmp, suffix) == 0 &&
	    viewcache_format(v, &data) == 0)
		rc = viewcache_write(tmp, path, &data);
	str_free(&data);
	if (rc == 0)
		v->in->cache_dirty = 0;
	return rc;
}
