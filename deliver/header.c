/* header.c: find the fields of a message header block. */
#include <string.h>
#include <strings.h>

#include "header.h"

/* The end of the line starting at p (after its LF), or end. */
static const char *
line_end(const char *p, const char *end)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));

	return nl ? nl + 1 : end;
}

static int
line_is_empty(const char *p, const char *end)
{
	return (p < end && *p == '\n') ||
	    (end - p >= 2 && p[0] == '\r' && p[1] == '\n');
}

size_t
header_block_len(const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len;

	while (p < end) {
		const char *next = line_end(p, end);
		if (next == end && end[-1] != '\n')
			return 0;	/* a line still incomplete */
		if (line_is_empty(p, end))
			return (size_t)(next - buf);
		p = next;
	}
	return 0;
}

size_t
header_from_line_len(const char *buf, size_t len)
{
	if (len < 5 || memcmp(buf, "From ", 5) != 0)
		return 0;
	return (size_t)(line_end(buf, buf + len) - buf);
}

/* A field name: printable ASCII but ':' (RFC 5322 2.2), then ':'. */
static size_t
field_name_len(const char *p, const char *end)
{
	const char *q = p;

	while (q < end && *q > ' ' && *q < 127 && *q != ':')
		q++;
	return q > p && q < end && *q == ':' ? (size_t)(q - p) : 0;
}

int
header_next(const char *buf, size_t len, size_t *pos,
    struct header_field *f)
{
	const char *p = buf + *pos, *end = buf + len, *q;
	size_t namelen;

	if (p >= end || line_is_empty(p, end) ||
	    (namelen = field_name_len(p, end)) == 0)
		return 0;
	q = line_end(p, end);
	while (q < end && (*q == ' ' || *q == '\t'))
		q = line_end(q, end);	/* folded continuation */
	f->start = p;
	f->len = (size_t)(q - p);
	f->name = p;
	f->namelen = namelen;
	f->value = p + namelen + 1;
	f->valuelen = (size_t)(q - f->value);
	*pos = (size_t)(q - buf);
	return 1;
}

int
header_is(const struct header_field *f, const char *name)
{
	return strlen(name) == f->namelen &&
	    strncasecmp(f->name, name, f->namelen) == 0;
}

static int
is_fws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

int
header_value_is_addr(const char *value, size_t n, const char *addr)
{
	const char *p = value, *end = value + n;
	size_t alen = strlen(addr);

	while (p < end && is_fws(*p))
		p++;
	while (end > p && is_fws(end[-1]))
		end--;
	if (end - p >= 2 && *p == '<' && end[-1] == '>') {
		p++;
		end--;
	}
	return (size_t)(end - p) == alen && alen > 0 &&
	    strncasecmp(p, addr, alen) == 0;
}
