/* base64.c: strict RFC 4648 base64 for SASL exchanges. */
#include <errno.h>

#include "base64.h"

static const char b64_alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

size_t
base64_encode(const unsigned char *in, size_t n, char *out)
{
	size_t i, o = 0;

	for (i = 0; i + 2 < n; i += 3) {
		unsigned v = (unsigned)in[i] << 16 | (unsigned)in[i + 1] << 8 |
		    in[i + 2];
		out[o++] = b64_alphabet[v >> 18 & 63];
		out[o++] = b64_alphabet[v >> 12 & 63];
		out[o++] = b64_alphabet[v >> 6 & 63];
		out[o++] = b64_alphabet[v & 63];
	}
	if (i < n) {
		unsigned v = (unsigned)in[i] << 16;
		if (i + 1 < n)
			v |= (unsigned)in[i + 1] << 8;
		out[o++] = b64_alphabet[v >> 18 & 63];
		out[o++] = b64_alphabet[v >> 12 & 63];
		out[o++] = i + 1 < n ? b64_alphabet[v >> 6 & 63] : '=';
		out[o++] = '=';
	}
	out[o] = '\0';
	return o;
}

static int
b64_value(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/* Decode one group of four characters (pad = number of '='). */
static int
b64_group(const char *g, unsigned char *out, size_t *nout)
{
	int pad = (g[3] == '=') + (g[2] == '=' && g[3] == '=');
	unsigned v = 0;

	for (int i = 0; i < 4 - pad; i++) {
		int d = b64_value(g[i]);
		if (d < 0)
			return -1;
		v = v << 6 | (unsigned)d;
	}
	v <<= 6 * pad;
	/* RFC 4648 3.5: the unused bits of the last group must be zero. */
	if ((pad == 1 && (v & 0xff)) || (pad == 2 && (v & 0xffff)))
		return -1;
	out[0] = (unsigned char)(v >> 16);
	out[1] = (unsigned char)(v >> 8);
	out[2] = (unsigned char)v;
	*nout = (size_t)(3 - pad);
	return 0;
}

int
base64_decode(const char *in, size_t n, unsigned char *out, size_t max,
    size_t *outlen)
{
	unsigned char grp[3];
	size_t o = 0, got;

	if (n % 4 != 0) {
		errno = EINVAL;
		return -1;
	}
	for (size_t i = 0; i < n; i += 4) {
		if (b64_group(in + i, grp, &got) < 0 ||
		    (got < 3 && i + 4 != n)) {
			errno = EINVAL;
			return -1;
		}
		if (o + got > max) {
			errno = ENOSPC;
			return -1;
		}
		for (size_t k = 0; k < got; k++)
			out[o++] = grp[k];
	}
	*outlen = o;
	return 0;
}
