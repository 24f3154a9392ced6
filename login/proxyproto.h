/*
 * proxyproto.h: the PROXY protocol header, versions 1 (text) and 2
 * (binary), as HAProxy, nginx and Traefik send it before the client's
 * first byte.  I/O-free: the caller reads exactly the bytes asked for, so
 * nothing after the header (a TLS ClientHello, say) is consumed.
 */
#ifndef LOGIN_PROXYPROTO_H
#define LOGIN_PROXYPROTO_H

#include <stddef.h>
#include <sys/types.h>

#define PROXY_V1_MAX	107	/* spec 2.1: the longest v1 line */
#define PROXY_MAX	1024	/* v2 header with TLVs we accept */

struct proxy_addr {
	int local;		/* LOCAL or UNKNOWN: keep the socket's own */
	char src_ip[46], dst_ip[46];
	unsigned src_port, dst_port;
};

/*
 * Look at the n bytes read so far.  Returns the header length when it is
 * complete and valid (pa filled in), 0 when *need more bytes must be read
 * (never more than the header still lacks), -1 when it is not a valid
 * header.
 */
ssize_t proxy_parse(const unsigned char *b, size_t n, struct proxy_addr *pa,
    size_t *need);

#endif
