/* test-base64.c: login/base64.c */
#include <errno.h>
#include "tap.h"
#include "../../login/base64.h"

static int
dec(const char *in, char *out, size_t max)
{
	size_t n = 0;
	int r = base64_decode(in, strlen(in), (unsigned char *)out, max, &n);

	if (r == 0)
		out[n] = '\0';
	return r;
}

int
main(void)
{
	static const char *const v[][2] = {	/* RFC 4648 10 */
		{ "", "" }, { "f", "Zg==" }, { "fo", "Zm8=" },
		{ "foo", "Zm9v" }, { "foob", "Zm9vYg==" },
		{ "fooba", "Zm9vYmE=" }, { "foobar", "Zm9vYmFy" },
	};
	char out[64];

	plan_lazy();
	for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
		base64_encode((const unsigned char *)v[i][0],
		    strlen(v[i][0]), out);
		is_str(out, v[i][1], "encode \"%s\"", v[i][0]);
		ok(dec(v[i][1], out, sizeof out - 1) == 0 &&
		    strcmp(out, v[i][0]) == 0, "decode %s", v[i][1]);
	}
	ok(dec("Zm9v\r\n", out, 60) < 0, "line end refused");
	ok(dec("Zm9", out, 60) < 0, "length not a multiple of 4");
	ok(dec("Zg=a", out, 60) < 0, "data after padding");
	ok(dec("Zh==", out, 60) < 0, "non-zero trailing bits (RFC 4648 3.5)");
	ok(dec("Zg==Zg==", out, 60) < 0, "padding in the middle");
	ok(dec("Z!==", out, 60) < 0, "character outside the alphabet");
	ok(dec("====", out, 60) < 0, "only padding");
	errno = 0;
	ok(dec("Zm9vYmFy", out, 5) < 0 && errno == ENOSPC,
	    "one byte over the output size");
	ok(dec("Zm9vYmFy", out, 6) == 0, "exactly the output size");
	is_int(BASE64_LEN(4), 8, "BASE64_LEN");
	return done_testing();
}
