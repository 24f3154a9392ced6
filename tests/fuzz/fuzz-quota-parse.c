/*
 * fuzz-quota-parse.c: libFuzzer target for shared/quota_parse.c, which
 * reads maildirsize files any other program may have written.  A limits
 * line that parses must format and parse back to the same limits.
 * fuzz-srcs: shared/quota_parse.c
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "quota.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	struct quota_limits l, back;
	long long b, c;
	char line[64];

	if (quota_parse_limits(in, size, &l) == 0 && (l.bytes || l.count)) {
		if (l.bytes < 0 || l.count < 0 ||
		    quota_format_limits(line, sizeof line, &l) < 0 ||
		    quota_parse_limits(line, strlen(line), &back) < 0 ||
		    back.bytes != l.bytes || back.count != l.count)
			abort();
	}
	if (quota_sum_deltas(in, size, &b, &c) < -1)
		abort();
	return 0;
}
