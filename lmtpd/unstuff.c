/* unstuff.c: dot-unstuffing and CRLF to LF, a byte state machine. */
#include "unstuff.h"

enum { ST_BOL, ST_MID, ST_CR, ST_DOT, ST_DOTCR };

void
unstuff_init(struct unstuff *u, int raw)
{
	u->state = raw ? ST_MID : ST_BOL;
	u->raw = raw;
	u->done = 0;
}

/* One byte in the middle of a line (or after a held CR). */
static int
mid(int state, char c, char *out, size_t *o)
{
	if (state == ST_CR && c != '\n')
		out[(*o)++] = '\r';
	if (c == '\r')
		return ST_CR;
	out[(*o)++] = c;
	return c == '\n' ? ST_BOL : ST_MID;
}

size_t
unstuff_feed(struct unstuff *u, const char *in, size_t n, char *out,
    size_t *outlen)
{
	size_t i, o = 0;
	int st = u->state;

	for (i = 0; i < n && !u->done; i++) {
		char c = in[i];

		if (u->raw || st == ST_MID || st == ST_CR) {
			st = mid(st, c, out, &o);
			if (u->raw && st == ST_BOL)
				st = ST_MID;
		} else if (st == ST_BOL)
			st = c == '.' ? ST_DOT : mid(ST_MID, c, out, &o);
		else if (st == ST_DOT && c == '\r')
			st = ST_DOTCR;
		else if (c == '\n')	/* ".\n" or ".\r\n": the end */
			u->done = 1;
		else	/* a stuffed dot, dropped; ".\rX" keeps the CR */
			st = mid(st == ST_DOTCR ? ST_CR : ST_MID, c, out, &o);
	}
	u->state = st;
	*outlen = o;
	return i;
}

size_t
unstuff_finish(struct unstuff *u, char *out)
{
	if (u->state == ST_CR || u->state == ST_DOTCR) {
		u->state = ST_MID;
		out[0] = '\r';
		return 1;
	}
	return 0;
}
