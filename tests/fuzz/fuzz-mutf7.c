/*
 * fuzz-mutf7.c: libFuzzer target for shared/mutf7.c.  Any input that
 * decodes must re-encode to itself (one spelling per name), any UTF-8
 * that encodes must decode back to itself.
 * fuzz-srcs: shared/mutf7.c shared/str.c
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mutf7.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct str a = STR_INIT(8 * size + 16), b = STR_INIT(8 * size + 16);
	const char *in = (const char *)data;

	if (mutf7_to_utf8(in, size, &a) == 0) {
		if (!utf8_valid(a.s, a.len) || !mutf7_valid(in, size))
			abort();
		if (mutf7_from_utf8(a.s, a.len, &b) < 0 || b.len != size ||
		    memcmp(b.s, in, size) != 0)
			abort();
	} else if (mutf7_valid(in, size))
		abort();
	if (mutf7_from_utf8(in, size, &a) == 0) {
		if (!utf8_valid(in, size) || !mutf7_valid(a.s, a.len))
			abort();
		if (mutf7_to_utf8(a.s, a.len, &b) < 0 || b.len != size ||
		    memcmp(b.s, in, size) != 0)
			abort();
	} else if (utf8_valid(in, size))
		abort();
	str_free(&a);
	str_free(&b);
	return 0;
}
