/* loop.c: find our Delivered-To fields, in and after the trace block. */
#include "header.h"
#include "loop.h"

static int
is_trace_field(const struct header_field *f)
{
	return header_is(f, "Return-Path") || header_is(f, "Delivered-To") ||
	    header_is(f, "X-Original-To");
}

enum loop_verdict
loop_check(const char *hdr, size_t len, const char *addr, int from_line)
{
	struct header_field f;
	size_t pos = 0;
	int leading = from_line, first_dt = 1, mta = 0, seen = 0;

	while (header_next(hdr, len, &pos, &f)) {
		if (leading && !is_trace_field(&f))
			leading = 0;
		if (!header_is(&f, "Delivered-To"))
			continue;
		if (header_value_is_addr(f.value, f.valuelen, addr)) {
			if (leading && first_dt)
				mta = 1;
			else
				seen++;
		}
		first_dt = 0;
	}
	if (seen > 0)
		return LOOP_FOUND;
	return mta ? LOOP_MTA_ADDED : LOOP_NONE;
}
