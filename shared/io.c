/* io.c: buffered fd input and output with timeouts. */
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "io.h"

void
io_in_init(struct io_in *in, int fd, int timeout_ms)
{
	in->fd = fd;
	in->timeout_ms = timeout_ms;
	in->pos = in->len = 0;
}

void
io_out_init(struct io_out *out, int fd, int timeout_ms)
{
	out->fd = fd;
	out->timeout_ms = timeout_ms;
	out->len = 0;
	out->total = 0;
}

static int
io_wait(int fd, short events, int timeout_ms)
{
	struct pollfd p = { .fd = fd, .events = events };
	int r;

	do
		r = poll(&p, 1, timeout_ms);
	while (r < 0 && errno == EINTR);
	if (r == 0) {
		errno = ETIMEDOUT;
		return -1;
	}
	return r < 0 ? -1 : 0;
}

ssize_t
io_fill(struct io_in *in)
{
	ssize_t r;

	if (in->pos == in->len)
		in->pos = in->len = 0;
	else if (in->pos > 0 && in->len == sizeof in->buf) {
		memmove(in->buf, in->buf + in->pos, in->len - in->pos);
		in->len -= in->pos;
		in->pos = 0;
	}
	if (in->len == sizeof in->buf) {
		errno = ENOBUFS;
		return -1;
	}
	if (io_wait(in->fd, POLLIN, in->timeout_ms) < 0)
		return -1;
	do
		r = read(in->fd, in->buf + in->len, sizeof in->buf - in->len);
	while (r < 0 && errno == EINTR);
	if (r > 0)
		in->len += (size_t)r;
	return r;
}

size_t
io_pending(const struct io_in *in)
{
	return in->len - in->pos;
}

int
io_getline(struct io_in *in, struct str *line, size_t max)
{
	int overlong = 0;

	str_truncate(line, 0);
	for (;;) {
		char *start = in->buf + in->pos;
		char *nl = memchr(start, '\n', in->len - in->pos);
		size_t n = nl ? (size_t)(nl - start) + 1 : in->len - in->pos;

		if (!overlong && (line->len + n > max ||
		    str_append(line, start, n) < 0)) {
			overlong = 1;
			str_truncate(line, 0);
		}
		in->pos += n;
		if (nl)
			break;
		ssize_t r = io_fill(in);
		if (r < 0)
			return -1;
		if (r == 0) {
			if (overlong)
				break;
			return line->len > 0 ? 1 : 0;
		}
	}
	if (overlong) {
		errno = ERANGE;
		return -1;
	}
	return 1;
}

ssize_t
io_read(struct io_in *in, void *p, size_t n)
{
	size_t have = in->len - in->pos;

	if (have == 0) {
		ssize_t r = io_fill(in);
		if (r <= 0)
			return r;
		have = in->len - in->pos;
	}
	if (n > have)
		n = have;
	memcpy(p, in->buf + in->pos, n);
	in->pos += n;
	return (ssize_t)n;
}

int
io_readn(struct io_in *in, void *p, size_t n)
{
	char *c = p;

	while (n > 0) {
		ssize_t r = io_read(in, c, n);
		if (r < 0)
			return -1;
		if (r == 0) {
			errno = EPIPE;
			return -1;
		}
		c += r;
		n -= (size_t)r;
	}
	return 0;
}

int
fd_write_all(int fd, const void *buf, size_t n, int timeout_ms)
{
	const char *p = buf;

	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && errno == EAGAIN) {
			if (io_wait(fd, POLLOUT, timeout_ms) < 0)
				return -1;
			continue;
		}
		if (w < 0)
			return -1;
		if (w == 0) {	/* no progress and no reason: don't spin */
			errno = EIO;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int
io_flush(struct io_out *out)
{
	if (out->len == 0)
		return 0;
	if (fd_write_all(out->fd, out->buf, out->len, out->timeout_ms) < 0)
		return -1;
	out->total += out->len;
	out->len = 0;
	return 0;
}

int
io_write(struct io_out *out, const void *p, size_t n)
{
	if (out->len + n > sizeof out->buf && io_flush(out) < 0)
		return -1;
	if (n >= sizeof out->buf) {
		if (fd_write_all(out->fd, p, n, out->timeout_ms) < 0)
			return -1;
		out->total += n;
		return 0;
	}
	memcpy(out->buf + out->len, p, n);
	out->len += n;
	return 0;
}

int
io_puts(struct io_out *out, const char *s)
{
	return io_write(out, s, strlen(s));
}

int
io_printf(struct io_out *out, const char *fmt, ...)
{
	char line[4096];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof line) {
		errno = EOVERFLOW;
		return -1;
	}
	return io_write(out, line, (size_t)n);
}
