/*
 * io.h: buffered reads and writes on file descriptors for network
 * programs, with a timeout on every wait and no stdio.  A line is read
 * only up to a caller-given maximum; a longer one is reported (ERANGE)
 * and skipped up to its newline, so a client cannot make us buffer more.
 */
#ifndef MD_IO_H
#define MD_IO_H

#include <sys/types.h>
#include <stddef.h>

#include "str.h"

#define IO_INSIZE	16384
#define IO_OUTSIZE	65536

struct io_in {
	int fd;
	int timeout_ms;		/* -1: wait forever */
	size_t pos, len;
	char buf[IO_INSIZE];
};

struct io_out {
	int fd;
	int timeout_ms;
	size_t len;
	unsigned long long total;	/* bytes written, for logs */
	char buf[IO_OUTSIZE];
};

void io_in_init(struct io_in *, int fd, int timeout_ms);
void io_out_init(struct io_out *, int fd, int timeout_ms);

/* Wait for and read more input: >0 bytes, 0 at EOF, -1 (ETIMEDOUT ...). */
ssize_t io_fill(struct io_in *);
/* Bytes already buffered and not yet consumed. */
size_t io_pending(const struct io_in *);
/*
 * Read one line into line (replacing its contents), including the LF;
 * 1 got a line, 0 EOF (a partial last line is returned as a line
 * first), -1 error with errno ERANGE (line over max, skipped), ETIMEDOUT.
 */
int io_getline(struct io_in *, struct str *line, size_t max);
/* Read up to n bytes (buffered first): >0, 0 EOF, -1 error. */
ssize_t io_read(struct io_in *, void *, size_t n);
/* Read exactly n bytes: 0, or -1 (EPIPE at early EOF). */
int io_readn(struct io_in *, void *, size_t n);

int io_write(struct io_out *, const void *, size_t);
int io_puts(struct io_out *, const char *);
int io_printf(struct io_out *, const char *, ...)
    __attribute__((format(printf, 2, 3)));
int io_flush(struct io_out *);

/* Write all of buf to fd (retrying EINTR and short writes, with poll). */
int fd_write_all(int fd, const void *, size_t, int timeout_ms);

#endif
