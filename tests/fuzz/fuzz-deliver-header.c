/*
 * fuzz-deliver-header.c: libFuzzer target for deliver/header.c and
 * loop.c, which see every message byte deliver receives.  Fields must
 * tile the header block without overlap and stay inside the input.
 * fuzz-srcs: deliver/header.c deliver/loop.c
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "../../deliver/header.h"
#include "../../deliver/loop.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data;
	struct header_field f;
	size_t pos = 0, from = header_from_line_len(buf, size);
	size_t block = header_block_len(buf, size);

	if (from > size || block > size)
		abort();
	while (header_next(buf, size, &pos, &f)) {
		if (f.start < buf || f.start + f.len > buf + size ||
		    (size_t)(f.start - buf) + f.len != pos || f.len == 0 ||
		    f.namelen == 0 || f.value + f.valuelen != f.start + f.len)
			abort();
		(void)header_value_is_addr(f.value, f.valuelen, "a@b.example");
	}
	if (pos > size)
		abort();
	(void)loop_check(buf, size, "a@b.example", 0);
	(void)loop_check(buf, size, "a@b.example", 1);
	return 0;
}
