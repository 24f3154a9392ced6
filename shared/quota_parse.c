/*
 * quota_parse.c: the text of a maildirsize file, without I/O.
 *
 *	limits line	10000000S,1000C   (Courier README.maildirquota)
 *	delta lines	"bytes count", whitespace-separated, maybe negative,
 *			maybe padded with spaces to 14 bytes (Courier)
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "quota.h"

/* Parse a decimal at p (optional '-'); advance p.  -1 if no digits. */
static int
quota_number(const char **pp, const char *end, long long *v)
{
	const char *p = *pp;
	int neg = 0, digits = 0;

	*v = 0;
	if (p < end && *p == '-') {
		neg = 1;
		p++;
	}
	for (; p < end && *p >= '0' && *p <= '9'; p++, digits++)
		if (__builtin_mul_overflow(*v, 10, v) ||
		    __builtin_add_overflow(*v, *p - '0', v))
			return -1;
	if (digits == 0)
		return -1;
	if (neg)
		*v = -*v;
	*pp = p;
	return 0;
}

int
quota_parse_limits(const char *line, size_t len, struct quota_limits *lim)
{
	const char *p = line, *end = line + len;
	long long v;

	lim->bytes = lim->count = 0;
	while (p < end && *p != '\n') {
		if (quota_number(&p, end, &v) < 0 || v < 0 || p == end) {
			errno = EINVAL;
			return -1;
		}
		if (*p == 'S')
			lim->bytes = v;
		else if (*p == 'C')
			lim->count = v;
		/* other letters: future quota types, ignored */
		p++;
		if (p < end && *p == ',')
			p++;
	}
	return 0;
}

int
quota_format_limits(char *buf, size_t size, const struct quota_limits *lim)
{
	int n;

	if (lim->count > 0 && lim->bytes > 0)
		n = snprintf(buf, size, "%lldS,%lldC", lim->bytes, lim->count);
	else if (lim->count > 0)
		n = snprintf(buf, size, "%lldC", lim->count);
	else
		n = snprintf(buf, size, "%lldS", lim->bytes);
	if (n < 0 || (size_t)n >= size) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

static const char *
quota_skip_blanks(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/* One "bytes count" line ending at end or '\n'; adds to the sums. */
static int
quota_delta_line(const char **pp, const char *end, long long *bytes,
    long long *count)
{
	const char *p = quota_skip_blanks(*pp, end);
	long long b, c;

	if (quota_number(&p, end, &b) < 0)
		return -1;
	p = quota_skip_blanks(p, end);
	if (quota_number(&p, end, &c) < 0)
		return -1;
	p = quota_skip_blanks(p, end);
	if (p < end && *p != '\n')
		return -1;
	if (__builtin_add_overflow(*bytes, b, bytes) ||
	    __builtin_add_overflow(*count, c, count))
		return -1;
	*pp = p < end ? p + 1 : p;
	return 0;
}

int
quota_sum_deltas(const char *text, size_t len, long long *bytes,
    long long *count)
{
	const char *p = memchr(text, '\n', len), *end = text + len;
	int lines = 0;

	*bytes = *count = 0;
	if (p == NULL)
		return 0;
	for (p++; p < end; lines++) {
		if (quota_delta_line(&p, end, bytes, count) < 0) {
			errno = EINVAL;
			return -1;
		}
	}
	return lines;
}
