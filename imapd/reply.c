/* reply.c: writing IMAP responses; see session.h. */
#include <stdarg.h>
#include <stdio.h>

#include "session.h"

static int
put_line(struct session *s, const char *prefix, const char *status,
    const char *fmt, va_list ap)
{
	str_truncate(&s->tmp, 0);
	if (str_printf(&s->tmp, "%s%s%s", prefix, status, *status ? " " : "")
	    < 0 || str_vprintf(&s->tmp, fmt, ap) < 0 ||
	    str_append(&s->tmp, "\r\n", 2) < 0)
		return -1;
	return io_write(&s->out, s->tmp.s, s->tmp.len);
}

int
reply(struct session *s, const char *status, const char *fmt, ...)
{
	char prefix[LIM_LINE];
	va_list ap;
	int r;

	snprintf(prefix, sizeof prefix, "%s ", s->tag ? s->tag : "*");
	va_start(ap, fmt);
	r = put_line(s, prefix, status, fmt, ap);
	va_end(ap);
	return r;
}

int
untagged(struct session *s, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = put_line(s, "* ", "", fmt, ap);
	va_end(ap);
	return r;
}
