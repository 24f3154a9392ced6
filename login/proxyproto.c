/* proxyproto.c: PROXY protocol v1 and v2 header parser. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>

#include "proxyproto.h"

static const unsigned char proxy_v2_sig[12] = {
	0x0d, 0x0a, 0x0d, 0x0a, 0x00, 0x0d, 0x0a, 0x51, 0x55, 0x49, 0x54, 0x0a
};

/* A decimal port without sign or leading zero, 0..65535. */
static int
proxy_port(const char *s, unsigned *port)
{
	unsigned long v = 0;

	if (*s == '\0' || (s[0] == '0' && s[1] != '\0'))
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (unsigned long)(*s - '0');
		if (v > 65535)
			return -1;
	}
	*port = (unsigned)v;
	return 0;
}

/* Split the v1 line (without CRLF, NUL-terminated) at single spaces. */
static int
proxy_v1_fields(char *line, char **f, int max)
{
	int n = 0;

	for (char *p = line; n < max; n++) {
		f[n] = p;
		p = strchr(p, ' ');
		if (p == NULL)
			return n + 1;
		*p++ = '\0';
	}
	return -1;
}

/* Spec 2.1: "PROXY TCP4|TCP6|UNKNOWN src dst sport dport\r\n". */
static int
proxy_v1_line(char *line, struct proxy_addr *pa)
{
	char *f[6];
	unsigned char bin[16];
	int n = proxy_v1_fields(line, f, 6), af;

	if (n < 2 || strcmp(f[0], "PROXY") != 0)
		return -1;
	if (strcmp(f[1], "UNKNOWN") == 0) {
		pa->local = 1;
		return 0;
	}
	if (n != 6)
		return -1;
	if (strcmp(f[1], "TCP4") == 0)
		af = AF_INET;
	else if (strcmp(f[1], "TCP6") == 0)
		af = AF_INET6;
	else
		return -1;
	if (inet_pton(af, f[2], bin) != 1 || inet_pton(af, f[3], bin) != 1 ||
	    proxy_port(f[4], &pa->src_port) < 0 ||
	    proxy_port(f[5], &pa->dst_port) < 0 ||
	    strlen(f[2]) >= sizeof pa->src_ip ||
	    strlen(f[3]) >= sizeof pa->dst_ip)
		return -1;
	memcpy(pa->src_ip, f[2], strlen(f[2]) + 1);
	memcpy(pa->dst_ip, f[3], strlen(f[3]) + 1);
	pa->local = 0;
	return 0;
}

static ssize_t
proxy_v1(const unsigned char *b, size_t n, struct proxy_addr *pa, size_t *need)
{
	const unsigned char *nl = memchr(b, '\n', n);
	char line[PROXY_V1_MAX + 1];
	size_t len;

	if (nl == NULL) {
		*need = 1;
		return n >= PROXY_V1_MAX ? -1 : 0;
	}
	len = (size_t)(nl - b) + 1;
	if (len < 2 || b[len - 2] != '\r' || len > PROXY_V1_MAX ||
	    memchr(b, '\0', len))
		return -1;
	memcpy(line, b, len - 2);
	line[len - 2] = '\0';
	return proxy_v1_line(line, pa) < 0 ? -1 : (ssize_t)len;
}

static void
proxy_v2_addrs(const unsigned char *a, int af, struct proxy_addr *pa)
{
	size_t al = af == AF_INET ? 4 : 16;

	inet_ntop(af, a, pa->src_ip, sizeof pa->src_ip);
	inet_ntop(af, a + al, pa->dst_ip, sizeof pa->dst_ip);
	pa->src_port = (unsigned)a[2 * al] << 8 | a[2 * al + 1];
	pa->dst_port = (unsigned)a[2 * al + 2] << 8 | a[2 * al + 3];
}

/* Spec 2.2: 12-byte signature, ver/cmd, family, length, addresses, TLVs. */
static ssize_t
proxy_v2(const unsigned char *b, size_t n, struct proxy_addr *pa, size_t *need)
{
	size_t total;

	if (n < 16) {
		*need = 16 - n;
		return 0;
	}
	total = 16 + ((size_t)b[14] << 8 | b[15]);
	if ((b[12] & 0xf0) != 0x20 || (b[12] & 0x0f) > 1 || total > PROXY_MAX)
		return -1;
	if (n < total) {
		*need = total - n;
		return 0;
	}
	pa->local = 1;
	if ((b[12] & 0x0f) == 0)	/* LOCAL: health check by the proxy */
		return (ssize_t)total;
	if (b[13] == 0x11 && total >= 16 + 12)
		proxy_v2_addrs(b + 16, AF_INET, pa);
	else if (b[13] == 0x21 && total >= 16 + 36)
		proxy_v2_addrs(b + 16, AF_INET6, pa);
	else if (b[13] == 0x00)		/* UNSPEC: keep our addresses */
		return (ssize_t)total;
	else
		return -1;
	pa->local = 0;
	return (ssize_t)total;
}

ssize_t
proxy_parse(const unsigned char *b, size_t n, struct proxy_addr *pa,
    size_t *need)
{
	size_t k = n < 12 ? n : 12;

	*need = 0;
	if (n < 8) {
		*need = 8 - n;
		return 0;
	}
	if (memcmp(b, proxy_v2_sig, k) == 0) {
		if (n < 12) {
			*need = 12 - n;
			return 0;
		}
		return proxy_v2(b, n, pa, need);
	}
	if (memcmp(b, "PROXY ", 6) == 0)
		return proxy_v1(b, n, pa, need);
	return -1;
}
