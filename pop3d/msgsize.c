/* msgsize.c: wire sizes from names or by reading the file. */
#include <errno.h>
#include <unistd.h>

#include "msgsize.h"
#include "wire.h"

int
msgsize_from_name(long long size, long long vsize, unsigned long long *out)
{
	if (size < 0 || vsize < size || vsize > 2 * size + 2)
		return 0;
	*out = (unsigned long long)vsize;
	return 1;
}

int
msgsize_read(int fd, unsigned long long *out)
{
	static char buf[65536];
	struct wire w;
	char end[5];
	size_t used;
	ssize_t r;

	wire_init(&w, WIRE_ALL);
	for (;;) {
		r = read(fd, buf, sizeof buf);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		(void)wire_feed(&w, buf, (size_t)r, NULL, &used);
	}
	(void)wire_finish(&w, end);
	*out = w.octets;
	return 0;
}
