/* reply.c: status lines. */
#include <stdarg.h>
#include <stdio.h>

#include "reply.h"

static int
reply_line(struct session *s, const char *status, const char *fmt,
    va_list ap)
{
	char text[512];		/* RFC 2449 4: responses up to 512 octets */
	int n = vsnprintf(text, sizeof text - 16, fmt, ap);

	if (n < 0)
		return -1;
	return io_printf(s->out, "%s%s%s\r\n", status, n > 0 ? " " : "",
	    text);
}

int
reply_ok(struct session *s, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = reply_line(s, "+OK", fmt, ap);
	va_end(ap);
	return r;
}

int
reply_err(struct session *s, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = reply_line(s, "-ERR", fmt, ap);
	va_end(ap);
	return r;
}

struct pop3_msg *
reply_msg(struct session *s, unsigned long long n, int *rc)
{
	struct pop3_msg *m = maildrop_get(s->md, n);

	if (m == NULL) {
		*rc = reply_err(s, "No such message") < 0 ? -1 : 0;
		return NULL;
	}
	if (m->deleted) {
		*rc = reply_err(s, "Message %llu already deleted", n) < 0 ?
		    -1 : 0;
		return NULL;
	}
	*rc = 0;
	return m;
}
