/*
 * send.c: read the file in large blocks, transform, write in large
 * blocks.  Memory is the two static buffers, whatever the message size.
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "send.h"

#define SEND_BLOCK 65536

int
send_message(struct io_out *out, int fd, struct wire *w)
{
	static char in[SEND_BLOCK], wbuf[WIRE_OUT(SEND_BLOCK)];
	size_t used, n;
	ssize_t r;

	(void)posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	while (!w->done) {
		r = read(fd, in, sizeof in);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return SEND_READ_ERROR;
		if (r == 0)
			break;
		n = wire_feed(w, in, (size_t)r, wbuf, &used);
		if (io_write(out, wbuf, n) < 0)
			return -1;
	}
	n = wire_finish(w, wbuf);
	return io_write(out, wbuf, n);
}
