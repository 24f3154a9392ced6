/* cidr.c: parse and match CIDR networks (see cidr.h). */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cidr.h"

static int
addr_parse(const char *s, struct cidr *c)
{
	if (strchr(s, ':')) {
		c->family = 6;
		return inet_pton(AF_INET6, s, c->addr) == 1 ? 0 : -1;
	}
	c->family = 4;
	return inet_pton(AF_INET, s, c->addr) == 1 ? 0 : -1;
}

static int
bits_parse(const char *s, unsigned max, unsigned *bits)
{
	unsigned n = 0;

	if (*s == '\0' || strlen(s) > 3)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		n = n * 10 + (unsigned)(*s - '0');
	}
	if (n > max)
		return -1;
	*bits = n;
	return 0;
}

int
cidr_parse(const char *s, size_t len, struct cidr *c)
{
	char buf[64];
	char *slash;

	memset(c, 0, sizeof *c);
	if (len == 0 || len >= sizeof buf)
		goto bad;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if ((slash = strchr(buf, '/')) != NULL)
		*slash = '\0';
	if (addr_parse(buf, c) < 0)
		goto bad;
	c->bits = c->family == 4 ? 32 : 128;
	if (slash && bits_parse(slash + 1, c->bits, &c->bits) < 0)
		goto bad;
	return 0;
bad:
	errno = EINVAL;
	return -1;
}

int
cidr_list_check(const char *list, char *bad, size_t badsize)
{
	struct cidr c;

	for (const char *p = list;; p++) {
		size_t n = strcspn(p, ",");

		if (cidr_parse(p, n, &c) < 0) {
			if (badsize)
				snprintf(bad, badsize, "%.*s", (int)n, p);
			return -1;
		}
		p += n;
		if (*p == '\0')
			return 0;
	}
}

static int
prefix_equal(const unsigned char *a, const unsigned char *b, unsigned bits)
{
	unsigned full = bits / 8, rest = bits % 8;

	if (memcmp(a, b, full) != 0)
		return 0;
	if (rest == 0)
		return 1;
	return ((a[full] ^ b[full]) & (0xff00 >> rest)) == 0;
}

/* ::ffff:a.b.c.d as the IPv4 address a.b.c.d. */
static void
unmap_v4(struct cidr *ip)
{
	static const unsigned char mapped[12] = {
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff
	};

	if (ip->family == 6 && memcmp(ip->addr, mapped, 12) == 0) {
		memmove(ip->addr, ip->addr + 12, 4);
		memset(ip->addr + 4, 0, 12);
		ip->family = 4;
		ip->bits = 32;
	}
}

int
cidr_list_match(const char *list, const char *ipstr)
{
	struct cidr ip, net;

	if (strchr(ipstr, '/') || cidr_parse(ipstr, strlen(ipstr), &ip) < 0)
		return -1;
	unmap_v4(&ip);
	for (const char *p = list; *p;) {
		size_t n = strcspn(p, ",");

		if (cidr_parse(p, n, &net) == 0 && net.family == ip.family &&
		    prefix_equal(ip.addr, net.addr, net.bits))
			return 1;
		p += n;
		if (*p == ',')
			p++;
	}
	return 0;
}
