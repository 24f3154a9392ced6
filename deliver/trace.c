/* trace.c: Return-Path and Delivered-To lines. */
#include <errno.h>
#include <string.h>

#include "limits.h"
#include "trace.h"

static int
trace_value_ok(const char *v)
{
	if (strlen(v) > LIM_LINE)
		return 0;
	for (; *v; v++)
		if ((unsigned char)*v < 0x20 || *v == 0x7f)
			return 0;
	return 1;
}

int
trace_lines(struct str *out, const char *sender, const char *recipient)
{
	if ((sender && !trace_value_ok(sender)) ||
	    (recipient && !trace_value_ok(recipient))) {
		errno = EINVAL;
		return -1;
	}
	if (sender) {
		size_t n = strlen(sender);
		if (n >= 2 && sender[0] == '<' && sender[n - 1] == '>') {
			sender++;	/* "-f <a@b>" */
			n -= 2;
		}
		if (str_printf(out, "Return-Path: <%.*s>\n", (int)n,
		    sender) < 0)
			return -1;
	}
	if (recipient && str_printf(out, "Delivered-To: %s\n", recipient) < 0)
		return -1;
	return 0;
}
