/* uidlist_io.c: read and append dovecot-uidlist; new UIDVALIDITY values. */
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dotlock.h"
#include "file.h"
#include "io.h"
#include "log.h"
#include "uidlist.h"

static int
uidlist_read_fd(int fd, struct str *sp, size_t max)
{
	char buf[65536];
	ssize_t n;

	while ((n = read(fd, buf, sizeof buf)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (sp->len + (size_t)n > max) {
			errno = EFBIG;
			return -1;
		}
		if (str_append(sp, buf, (size_t)n) < 0)
			return -1;
	}
	return 0;
}

int
uidlist_read(struct uidlist *ul, const char *path, struct stat *st)
{
	struct str data = STR_INIT(UIDLIST_MAX);
	struct stat stbuf;
	int fd, rc = -1, e;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	if (fstat(fd, st ? st : &stbuf) == 0 &&
	    str_reserve(&data, (size_t)(st ? st : &stbuf)->st_size + 1) == 0 &&
	    uidlist_read_fd(fd, &data, UIDLIST_MAX) == 0)
		rc = uidlist_parse(ul, data.s ? data.s : "", data.len);
	e = errno;
	(void)close(fd);	/* read-only */
	str_free(&data);
	errno = e;
	return rc;
}

int
uidlist_append(const char *path, const struct uidlist *ul, size_t from)
{
	struct str out = STR_INIT(UIDLIST_MAX);
	struct stat st;
	int fd, rc = 0, e;

	for (size_t i = from; rc == 0 && i < ul->count; i++)
		rc = uidlist_format_rec(&ul->recs[i], &out);
	if (rc < 0) {
		str_free(&out);
		return -1;
	}
	if ((fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)) < 0 ||
	    fstat(fd, &st) < 0) {
		e = errno;
		if (fd >= 0)
			(void)close(fd);
		str_free(&out);
		errno = e;
		return -1;
	}
	rc = fd_write_all(fd, out.s ? out.s : "", out.len, -1);
	if (rc == 0 && fsync(fd) < 0)
		rc = -1;
	e = errno;
	/* A disk that filled up half way must not leave half a record. */
	if (rc < 0 && ftruncate(fd, st.st_size) < 0)
		log_warn("uidlist-truncate", "path=%s errno=%d", log_esc(path),
		    errno);
	if (close(fd) < 0 && rc == 0) {
		rc = -1;
		e = errno;
	}
	str_free(&out);
	errno = e;
	return rc;
}

static uint32_t
uidlist_read_hex(const char *path)
{
	char buf[32];
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return 0;
	n = read(fd, buf, sizeof buf - 1);
	(void)close(fd);	/* read-only */
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	return (uint32_t)strtoul(buf, NULL, 16);
}

int
uidlist_new_uidvalidity(const char *root, uint32_t *out)
{
	char path[LIM_PATH], hex[16];
	struct dotlock dl;
	uint32_t last, v = (uint32_t)time(NULL);
	int n, rc;

	n = snprintf(path, sizeof path, "%s/dovecot-uidvalidity", root);
	if (n < 0 || (size_t)n >= sizeof path) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if (dotlock_take(&dl, path, DOTLOCK_WAIT) < 0)
		return -1;
	last = uidlist_read_hex(path);
	if (last >= v && last != UINT32_MAX)
		v = last + 1;
	n = snprintf(hex, sizeof hex, "%08x", (unsigned)v);
	rc = dotlock_replace(&dl, hex, (size_t)n);
	if (rc == 0)
		*out = v;
	return rc;
}

int
uidlist_read_uidvalidity(const char *path, uint32_t *out)
{
	struct uidlist ul;
	char buf[1024];
	ssize_t n;
	int fd, rc = -1;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	n = read(fd, buf, sizeof buf);
	(void)close(fd);	/* read-only */
	uidlist_init(&ul);
	if (n > 0 && uidlist_parse(&ul, buf, (size_t)n) == 0) {
		*out = ul.uidvalidity;
		rc = 0;
	} else
		errno = EINVAL;
	uidlist_free(&ul);
	return rc;
}

void
uidlist_new_guid(char guid[33])
{
	unsigned char raw[16];

	if (getentropy(raw, sizeof raw) < 0)
		for (size_t i = 0; i < sizeof raw; i++)
			raw[i] = (unsigned char)random();
	for (size_t i = 0; i < sizeof raw; i++)
		snprintf(guid + 2 * i, 3, "%02x", raw[i]);
}
