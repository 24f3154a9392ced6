/* test-io.c: shared/io.c line reading with bounds, and output. */
#include <errno.h>
#include <unistd.h>
#include "tap.h"
#include "io.h"
#include "limits.h"

static struct io_in in;
static struct io_out out;

static void
feed(const char *data)
{
	int p[2];

	if (pipe(p) < 0 || write(p[1], data, strlen(data)) < 0)
		abort();
	close(p[1]);
	io_in_init(&in, p[0], 1000);
}

int
main(void)
{
	struct str line = STR_INIT(LIM_LINE);
	char big[200];
	int p[2];

	plan_lazy();
	feed("a1 NOOP\r\nsecond\npartial");
	ok(io_getline(&in, &line, 100) == 1, "first line");
	is_str(line.s, "a1 NOOP\r\n", "with CRLF");
	ok(io_getline(&in, &line, 100) == 1, "second line");
	is_str(line.s, "second\n", "bare LF");
	ok(io_getline(&in, &line, 100) == 1, "partial last line");
	is_str(line.s, "partial", "partial content");
	is_int(io_getline(&in, &line, 100), 0, "EOF");
	close(in.fd);

	memset(big, 'x', sizeof big);
	big[sizeof big - 1] = '\0';
	feed(big);
	errno = 0;
	ok(io_getline(&in, &line, 100) < 0 && errno == ERANGE,
	    "overlong line refused");
	close(in.fd);

	memset(big, 'y', 101);
	strcpy(big + 101, "\nnext\n");
	feed(big);
	ok(io_getline(&in, &line, 101) < 0 && errno == ERANGE,
	    "101+LF over a 101 max");
	ok(io_getline(&in, &line, 101) == 1, "resyncs after overlong");
	is_str(line.s, "next\n", "next line intact");
	close(in.fd);

	if (pipe(p) < 0)
		abort();
	io_in_init(&in, p[0], 50);
	errno = 0;
	ok(io_getline(&in, &line, 100) < 0 && errno == ETIMEDOUT, "timeout");
	close(p[1]);
	close(p[0]);

	if (pipe(p) < 0)
		abort();
	io_out_init(&out, p[1], 1000);
	ok(io_printf(&out, "* %d EXISTS\r\n", 3) == 0 && io_flush(&out) == 0,
	    "printf+flush");
	char got[32] = { 0 };
	ok(read(p[0], got, sizeof got - 1) == 12, "bytes written");
	is_str(got, "* 3 EXISTS\r\n", "content written");
	is_int(out.total, 12, "total counted");
	str_free(&line);
	return done_testing();
}
