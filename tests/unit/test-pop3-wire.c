/* test-pop3-wire.c: pop3d/wire.c (dot-stuffing, line ends, sizes, TOP). */
#include "tap.h"
#include "../../pop3d/wire.h"

/* Transform msg in chunks of chunk bytes; returns a static buffer. */
static const char *
xform(const char *msg, size_t n, unsigned long long lines, size_t chunk,
    size_t *outlen, struct wire *w)
{
	static char out[8192];
	size_t o = 0, i = 0;

	wire_init(w, lines);
	while (i < n && !w->done) {
		size_t take = n - i < chunk ? n - i : chunk, used;
		o += wire_feed(w, msg + i, take, out + o, &used);
		i += used;
	}
	o += wire_finish(w, out + o);
	out[o] = '\0';
	*outlen = o;
	return out;
}

static void
check(const char *msg, const char *want, const char *name)
{
	struct wire w;
	size_t n = strlen(msg), outlen;

	for (size_t chunk = 1; chunk <= n + 1; chunk++) {
		const char *got = xform(msg, n, WIRE_ALL, chunk, &outlen, &w);
		if (strcmp(got, want) != 0) {
			ok(0, "%s (chunk %zu)", name, chunk);
			diag("got \"%s\"", got);
			return;
		}
	}
	ok(1, "%s (every chunking)", name);
	is_int(wire_size(msg, n), outlen - 3 - w.stuffed, "%s: size", name);
}

static void
test_transform(void)
{
	check("", ".\r\n", "empty message");
	check("a\r\n", "a\r\n.\r\n", "CRLF kept");
	check("a\n", "a\r\n.\r\n", "bare LF");
	check("a\rb\r", "a\r\nb\r\n.\r\n", "bare CR");
	check("a\r\r\nb\n", "a\r\n\r\nb\r\n.\r\n", "CR CR LF");
	check("abc", "abc\r\n.\r\n", "no final newline");
	check(".\n", "..\r\n.\r\n", "line of only a dot");
	check("x\n.\n.\n", "x\r\n..\r\n..\r\n.\r\n", "dot lines");
	check("..x\n", "...x\r\n.\r\n", "two dots");
	check("a.b\n", "a.b\r\n.\r\n", "dot inside");
	check("\r.\r", "\r\n..\r\n.\r\n", "dot after bare CR");
	check("\n\n", "\r\n\r\n.\r\n", "empty lines");
	check("h: \xff\xfe\n\nb\x80", "h: \xff\xfe\r\n\r\nb\x80\r\n.\r\n",
	    "8-bit bytes");
}

static void
test_nul(void)
{
	static const char msg[] = "a\0b\n.\0\n";
	struct wire w;
	size_t outlen;
	const char *got = xform(msg, sizeof msg - 1, WIRE_ALL, 3, &outlen, &w);

	is_int(outlen, 13, "NUL: length");
	ok(memcmp(got, "a\0b\r\n..\0\r\n.\r\n", 13) == 0, "NUL passes");
	is_int(wire_size(msg, sizeof msg - 1), 9, "NUL: size");
}

static void
top(const char *msg, unsigned long long lines, const char *want,
    const char *name)
{
	struct wire w;
	size_t outlen;

	for (size_t chunk = 1; chunk <= strlen(msg) + 1; chunk++)
		if (strcmp(xform(msg, strlen(msg), lines, chunk, &outlen, &w),
		    want) != 0) {
			ok(0, "%s (chunk %zu)", name, chunk);
			diag("got \"%s\"", xform(msg, strlen(msg), lines,
			    chunk, &outlen, &w));
			return;
		}
	ok(1, "%s", name);
}

static void
test_top(void)
{
	const char *m = "A: 1\nB: 2\n\nl1\nl2\n.l3\n";

	top(m, 0, "A: 1\r\nB: 2\r\n\r\n.\r\n", "TOP 0");
	top(m, 1, "A: 1\r\nB: 2\r\n\r\nl1\r\n.\r\n", "TOP 1");
	top(m, 3, "A: 1\r\nB: 2\r\n\r\nl1\r\nl2\r\n..l3\r\n.\r\n", "TOP 3");
	top(m, 99, "A: 1\r\nB: 2\r\n\r\nl1\r\nl2\r\n..l3\r\n.\r\n",
	    "TOP more than there is");
	top("A: 1\r\n\r\nx\r\ny", 1, "A: 1\r\n\r\nx\r\n.\r\n", "TOP CRLF");
	top("A: 1\r\rx\ry\r", 1, "A: 1\r\n\r\nx\r\n.\r\n", "TOP bare CR");
	top("A: 1\nB: 2", 0, "A: 1\r\nB: 2\r\n.\r\n", "TOP no body");
	top("\nbody\n", 0, "\r\n.\r\n", "TOP empty header");
}

int
main(void)
{
	plan_lazy();
	test_transform();
	test_nul();
	test_top();
	return done_testing();
}
