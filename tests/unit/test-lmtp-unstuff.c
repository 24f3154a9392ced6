/* test-lmtp-unstuff.c: lmtpd/unstuff.c */
#include <string.h>

#include "tap.h"
#include "../../lmtpd/unstuff.h"

static char got[4096];

/* Feed in chunks of step bytes; returns consumed total, got = output. */
static size_t
run(const char *in, size_t n, size_t step, int raw, int *done)
{
	struct unstuff u;
	char out[4096];
	size_t pos = 0, glen = 0;

	unstuff_init(&u, raw);
	while (pos < n && !u.done) {
		size_t k = n - pos < step ? n - pos : step, olen;
		size_t used = unstuff_feed(&u, in + pos, k, out, &olen);
		memcpy(got + glen, out, olen);
		glen += olen;
		pos += used;
	}
	if (raw)
		glen += unstuff_finish(&u, got + glen);
	got[glen] = '\0';
	*done = u.done;
	return pos;
}

static void
both(const char *in, const char *want, const char *name)
{
	size_t n = strlen(in), step, consumed;
	int done, all = 1;

	for (step = 1; step <= n; step++) {
		consumed = run(in, n, step, 0, &done);
		if (!done || strcmp(got, want) != 0 || consumed != n)
			all = 0;
	}
	ok(all, "%s (every chunking)", name);
	if (!all)
		diag("got %s", got);
}

int
main(void)
{
	const char *in;
	size_t consumed;
	int done;

	plan_lazy();
	both(".\r\n", "", "empty message");
	both("a\r\nb\r\n.\r\n", "a\nb\n", "CRLF to LF");
	both("..x\r\n.\r\n", ".x\n", "stuffed dot removed");
	both("...\r\n.\r\n", "..\n", "two dots stay two");
	both("..\r\n.\r\n", ".\n", "dot line");
	both("a\rb\r\n.\r\n", "a\rb\n", "bare CR kept");
	both("a\r\r\n.\r\n", "a\r\n", "CR CR LF");
	both("a\nb\n.\n", "a\nb\n", "bare LF line ends");
	both("x. \r\n.\r\n", "x. \n", "dot inside line");
	both(".\rx\r\n.\r\n", "\rx\n", "dot CR x: dot dropped, CR kept");
	both("\xff\x80z\r\n.\r\n", "\xff\x80z\n", "8-bit bytes");
	in = "a\r\n.\r\nMAIL FROM:<>\r\n";
	consumed = run(in, strlen(in), 3, 0, &done);
	ok(done && consumed == 6 && strcmp(got, "a\n") == 0,
	    "stops right after the end line");
	in = "a\r\n";
	consumed = run(in, strlen(in), 1, 0, &done);
	ok(!done && consumed == 3, "no end line: not done");
	in = "a\r\n.\r\nb\r";
	run(in, strlen(in), 1, 1, &done);
	ok(!done && strcmp(got, "a\n.\nb\r") == 0, "BDAT raw: dots kept, "
	    "held CR finished");
	in = "x\r";
	run(in, 2, 1, 1, &done);
	is_str(got, "x\r", "raw trailing CR");
	{
		struct unstuff u;
		char out[8];
		size_t olen;

		unstuff_init(&u, 1);
		unstuff_feed(&u, "a\r", 2, out, &olen);
		ok(olen == 1, "CR held at chunk end");
		unstuff_feed(&u, "\nb", 2, out, &olen);
		ok(olen == 2 && memcmp(out, "\nb", 2) == 0,
		    "CRLF across chunks");
	}
	return done_testing();
}
