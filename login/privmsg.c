/* privmsg.c: pack and unpack the credential-check request. */
#include <string.h>

#include "privmsg.h"

size_t
privmsg_pack(const struct privmsg_auth *a, char *out)
{
	size_t o = 0;

	if (a->credlen > LIM_CRED || a->pendlen > IO_INSIZE)
		return 0;
	out[o++] = 'A';
	for (int i = 0; i < PM_NFIELDS; i++) {
		const char *f = a->field[i] ? a->field[i] : "";
		size_t n = strnlen(f, PM_FIELD_MAX + 1);

		if (n > PM_FIELD_MAX)
			return 0;
		memcpy(out + o, f, n + 1);
		o += n + 1;
	}
	out[o++] = (char)(a->credlen >> 8);
	out[o++] = (char)(a->credlen & 0xff);
	memcpy(out + o, a->cred, a->credlen);
	o += a->credlen;
	if (a->pendlen)
		memcpy(out + o, a->pending, a->pendlen);
	return o + a->pendlen;
}

int
privmsg_unpack(char *msg, size_t n, struct privmsg_auth *a)
{
	size_t o = 1;

	if (n < 1 || msg[0] != 'A')
		return -1;
	for (int i = 0; i < PM_NFIELDS; i++) {
		char *nul = memchr(msg + o, '\0', n - o);
		if (nul == NULL || (size_t)(nul - msg - o) > PM_FIELD_MAX)
			return -1;
		a->field[i] = msg + o;
		o = (size_t)(nul - msg) + 1;
	}
	if (n - o < 2)
		return -1;
	a->credlen = (size_t)(unsigned char)msg[o] << 8 |
	    (unsigned char)msg[o + 1];
	o += 2;
	if (a->credlen > LIM_CRED || n - o < a->credlen)
		return -1;
	a->cred = msg + o;
	o += a->credlen;
	a->pending = msg + o;
	a->pendlen = n - o;
	return a->pendlen > IO_INSIZE ? -1 : 0;
}
