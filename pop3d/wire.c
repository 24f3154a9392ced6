/* wire.c: stored message bytes to POP3 wire bytes. */
#include <string.h>

#include "wire.h"

void
wire_init(struct wire *w, unsigned long long body_lines)
{
	memset(w, 0, sizeof *w);
	w->limit = body_lines;
	w->bol = 1;
	/* TOP 0 on a message whose header ends at once still sends it. */
}

/* A line ended (its CRLF was written): track header/body for TOP. */
static void
wire_eol(struct wire *w)
{
	if (!w->in_body && w->bol)
		w->in_body = 1;		/* the empty line ends the header */
	else if (w->in_body)
		w->body_lines++;
	w->bol = 1;
	w->octets += 2;
	if (w->in_body && w->limit != WIRE_ALL && w->body_lines >= w->limit)
		w->done = 1;
}

static size_t
put_crlf(char *out, size_t o)
{
	if (out) {
		out[o] = '\r';
		out[o + 1] = '\n';
	}
	return o + 2;
}

/* Length of the run of bytes other than CR and LF at p. */
static size_t
plain_run(const char *p, size_t n)
{
	size_t i = 0;

	while (i < n && p[i] != '\r' && p[i] != '\n')
		i++;
	return i;
}

size_t
wire_feed(struct wire *w, const char *in, size_t n, char *out, size_t *used)
{
	size_t i = 0, o = 0;

	while (i < n && !w->done) {
		char c = in[i];
		if (w->cr) {
			w->cr = 0;
			o = put_crlf(out, o);
			wire_eol(w);
			if (c == '\n')
				i++;
			continue;
		}
		if (c == '\r' || c == '\n') {
			i++;
			if (c == '\r')
				w->cr = 1;
			else {
				o = put_crlf(out, o);
				wire_eol(w);
			}
			continue;
		}
		if (w->bol && c == '.') {
			if (out)
				out[o] = '.';
			o++;
			w->stuffed++;
		}
		size_t run = plain_run(in + i, n - i);
		if (out)
			memcpy(out + o, in + i, run);
		o += run;
		i += run;
		w->octets += run;
		w->bol = 0;
	}
	*used = i;
	return o;
}

size_t
wire_finish(struct wire *w, char *out)
{
	size_t o = 0;

	if (!w->done && (w->cr || !w->bol)) {
		w->cr = 0;
		o = put_crlf(out, o);
		wire_eol(w);
	}
	memcpy(out + o, ".\r\n", 3);
	return o + 3;
}

unsigned long long
wire_size(const char *msg, size_t n)
{
	struct wire w;
	size_t used;
	char end[5];

	wire_init(&w, WIRE_ALL);
	(void)wire_feed(&w, msg, n, NULL, &used);
	(void)wire_finish(&w, end);
	return w.octets;
}
