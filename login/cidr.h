/*
 * cidr.h: IPv4 and IPv6 networks in CIDR notation ("10.0.0.0/8",
 * "2001:db8::/32", a bare address is /32 or /128) and comma-separated
 * lists of them, for allow_nets= in users(5).  I/O-free.
 * An IPv4-mapped IPv6 address (::ffff:192.0.2.1) matches IPv4 networks.
 */
#ifndef LOGIN_CIDR_H
#define LOGIN_CIDR_H

#include <stddef.h>

struct cidr {
	unsigned char addr[16];	/* IPv4 in the first 4 bytes */
	int family;		/* 4 or 6 */
	unsigned bits;
};

/* Parse one network of len bytes; 0 or -1 EINVAL. */
int cidr_parse(const char *s, size_t len, struct cidr *);
/* 0 if every element of the list parses, else -1 (bad: first offender). */
int cidr_list_check(const char *list, char *bad, size_t badsize);
/* 1 if ip is in one of the networks, 0 if not, -1 if ip is no address. */
int cidr_list_match(const char *list, const char *ip);

#endif
