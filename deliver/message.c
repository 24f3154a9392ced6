/* message.c: standard input into a delivery. */
#include <errno.h>
#include <unistd.h>

#include "header.h"
#include "limits.h"
#include "message.h"

#define MESSAGE_CHUNK 65536

static ssize_t
message_read(int fd, char *buf, size_t n)
{
	ssize_t r;

	while ((r = read(fd, buf, n)) < 0 && errno == EINTR)
		;
	return r;
}

int
message_read_head(struct message *m, int fd)
{
	ssize_t r;

	m->fd = fd;
	m->eof = 0;
	m->read_errno = 0;
	m->from_len = 0;
	str_init(&m->head, LIM_HEADER + MESSAGE_CHUNK);
	for (;;) {
		if (str_reserve(&m->head, MESSAGE_CHUNK) < 0)
			return -1;
		r = message_read(fd, m->head.s + m->head.len, MESSAGE_CHUNK);
		if (r < 0)
			return -1;
		if (r == 0) {
			m->eof = 1;
			break;
		}
		m->head.len += (size_t)r;
		m->head.s[m->head.len] = '\0';
		m->from_len = header_from_line_len(m->head.s, m->head.len);
		if (m->head.len >= LIM_HEADER || header_block_len(m->head.s +
		    m->from_len, m->head.len - m->from_len) > 0)
			break;
	}
	m->from_len = header_from_line_len(m->head.s, m->head.len);
	return 0;
}

const char *
message_header(const struct message *m, size_t *len)
{
	*len = m->head.len - m->from_len;
	return m->head.s ? m->head.s + m->from_len : "";
}

/* The header fields, without Return-Path if asked, then the rest. */
static enum md_status
message_write_head(struct message *m, struct delivery *d, int drop_rp)
{
	struct header_field f;
	size_t len, pos = 0;
	const char *h = message_header(m, &len);
	enum md_status st = MD_OK;

	while (st == MD_OK && header_next(h, len, &pos, &f))
		if (!(drop_rp && header_is(&f, "Return-Path")))
			st = delivery_write(d, f.start, f.len);
	if (st == MD_OK && pos < len)
		st = delivery_write(d, h + pos, len - pos);
	return st;
}

static enum md_status
message_copy_rest(struct message *m, struct delivery *d)
{
	char buf[MESSAGE_CHUNK];
	enum md_status st = MD_OK;
	ssize_t r;

	while (st == MD_OK && !m->eof) {
		if ((r = message_read(m->fd, buf, sizeof buf)) < 0) {
			m->read_errno = errno;
			d->errnum = errno;
			delivery_abort(d);
			return MD_TEMP;
		}
		if (r == 0)
			m->eof = 1;
		else
			st = delivery_write(d, buf, (size_t)r);
	}
	return st;
}

enum md_status
message_write(struct message *m, struct delivery *d, const char *prefix,
    size_t prefixlen, int drop_return_path)
{
	enum md_status st = MD_OK;

	if (prefixlen > 0)
		st = delivery_write(d, prefix, prefixlen);
	if (st == MD_OK)
		st = message_write_head(m, d, drop_return_path);
	if (st == MD_OK)
		st = message_copy_rest(m, d);
	return st;
}

void
message_free(struct message *m)
{
	str_free(&m->head);
}
