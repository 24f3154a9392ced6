/* test-proxyproto.c: login/proxyproto.c */
#include "tap.h"
#include "../../login/proxyproto.h"

/* Feed the header the way conn.c does: only the bytes asked for. */
static ssize_t
feed(const void *hdr, size_t len, struct proxy_addr *pa, size_t *readn)
{
	const unsigned char *h = hdr;
	size_t n = 0, need;
	ssize_t r;

	while ((r = proxy_parse(h, n, pa, &need)) == 0) {
		if (need == 0 || n + need > len) {
			*readn = n;
			return -2;	/* would over-read */
		}
		n += need;
	}
	*readn = n;
	return r;
}

static const unsigned char v2sig[] = "\r\n\r\n\0\r\nQUIT\n";

int
main(void)
{
	struct proxy_addr pa;
	size_t rd;
	const char v1[] = "PROXY TCP4 192.0.2.1 198.51.100.2 5678 143\r\nA";
	unsigned char v2[64];

	plan_lazy();
	is_int(feed(v1, sizeof v1 - 1, &pa, &rd), 44, "v1 TCP4 length");
	is_int(rd, 44, "never reads past the header");
	is_str(pa.src_ip, "192.0.2.1", "v1 source");
	is_int(pa.src_port, 5678, "v1 source port");
	is_str(pa.dst_ip, "198.51.100.2", "v1 destination");
	const char v6[] = "PROXY TCP6 2001:db8::1 ::1 1 2\r\n";
	ok(feed(v6, sizeof v6 - 1, &pa, &rd) > 0 &&
	    strcmp(pa.src_ip, "2001:db8::1") == 0, "v1 TCP6");
	const char unk[] = "PROXY UNKNOWN ffff::1 ::1 1 2\r\n";
	ok(feed(unk, sizeof unk - 1, &pa, &rd) > 0 && pa.local, "UNKNOWN");
	static const char *const bad[] = {
		"PROXY TCP4 192.0.2.1 198.51.100.2 5678 143\n",
		"PROXY TCP4 192.0.2.1 198.51.100.2 65536 143\r\n",
		"PROXY TCP4 192.0.2.1 198.51.100.2 05678 143\r\n",
		"PROXY TCP4 2001:db8::1 ::1 1 2\r\n",
		"PROXY TCP4 192.0.2.1  198.51.100.2 1 2\r\n",
		"PROXY TCP5 192.0.2.1 198.51.100.2 1 2\r\n",
		"PROXY TCP4 192.0.2.1 198.51.100.2 1\r\n",
		"GET / HTTP/1.0\r\n",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		is_int(feed(bad[i], strlen(bad[i]), &pa, &rd), -1,
		    "bad v1 %zu refused", i);
	char longl[200];
	memset(longl, '1', sizeof longl);
	memcpy(longl, "PROXY TCP4 ", 11);
	is_int(feed(longl, sizeof longl, &pa, &rd), -1,
	    "v1 line over 107 bytes refused");
	ok(rd <= PROXY_V1_MAX, "without reading past 107 bytes");

	memcpy(v2, v2sig, 12);
	v2[12] = 0x21;
	v2[13] = 0x11;
	v2[14] = 0;
	v2[15] = 12;
	memcpy(v2 + 16, "\xc0\x00\x02\x09\x0a\x00\x00\x01\x04\xd2\x00\x8f", 12);
	is_int(feed(v2, 28, &pa, &rd), 28, "v2 TCP4");
	ok(!pa.local && strcmp(pa.src_ip, "192.0.2.9") == 0 &&
	    pa.src_port == 1234 && pa.dst_port == 143, "v2 addresses");
	v2[12] = 0x20;
	is_int(feed(v2, 28, &pa, &rd), 28, "v2 LOCAL");
	ok(pa.local, "LOCAL keeps the socket addresses");
	v2[12] = 0x22;
	is_int(feed(v2, 28, &pa, &rd), -1, "v2 unknown command");
	v2[12] = 0x21;
	v2[15] = 4;
	is_int(feed(v2, 20, &pa, &rd), -1, "v2 TCP4 too short");
	v2[14] = 0x10;
	v2[15] = 0;
	is_int(feed(v2, 64, &pa, &rd), -1, "v2 length over PROXY_MAX");
	ok(rd <= 16, "refused before reading the body");
	return done_testing();
}
