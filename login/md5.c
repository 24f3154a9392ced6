/* md5.c: RFC 1321, written from the RFC's description. */
#include <string.h>

#include "md5.h"

#define F(x, y, z) (((x) & (y)) | (~(x) & (z)))
#define G(x, y, z) (((x) & (z)) | ((y) & ~(z)))
#define H(x, y, z) ((x) ^ (y) ^ (z))
#define I(x, y, z) ((y) ^ ((x) | ~(z)))
#define ROTL(x, n) (((x) << (n)) | ((x) >> (32 - (n))))

static const uint32_t md5_t[64] = {
	0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf,
	0x4787c62a, 0xa8304613, 0xfd469501, 0x698098d8, 0x8b44f7af,
	0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e,
	0x49b40821, 0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa,
	0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8, 0x21e1cde6,
	0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8,
	0x676f02d9, 0x8d2a4c8a, 0xfffa3942, 0x8771f681, 0x6d9d6122,
	0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
	0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039,
	0xe6db99e5, 0x1fa27cf8, 0xc4ac5665, 0xf4292244, 0x432aff97,
	0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d,
	0x85845dd1, 0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1,
	0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
};
static const unsigned md5_r[16] = {
	7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21,
};

static uint32_t
md5_round(int i, uint32_t b, uint32_t c, uint32_t d, const uint32_t *x)
{
	switch (i / 16) {
	case 0: return F(b, c, d) + x[i % 16];
	case 1: return G(b, c, d) + x[(5 * i + 1) % 16];
	case 2: return H(b, c, d) + x[(3 * i + 5) % 16];
	default: return I(b, c, d) + x[(7 * i) % 16];
	}
}

static void
md5_block(uint32_t s[4], const unsigned char *p)
{
	uint32_t x[16], a = s[0], b = s[1], c = s[2], d = s[3], t;

	for (int i = 0; i < 16; i++)
		x[i] = (uint32_t)p[4 * i] | (uint32_t)p[4 * i + 1] << 8 |
		    (uint32_t)p[4 * i + 2] << 16 | (uint32_t)p[4 * i + 3] << 24;
	for (int i = 0; i < 64; i++) {
		t = a + md5_round(i, b, c, d, x) + md5_t[i];
		a = d;
		d = c;
		c = b;
		b = b + ROTL(t, md5_r[(i / 16) * 4 + i % 4]);
	}
	s[0] += a;
	s[1] += b;
	s[2] += c;
	s[3] += d;
	explicit_bzero(x, sizeof x);
}

void
md5_init(struct md5 *m)
{
	m->s[0] = 0x67452301;
	m->s[1] = 0xefcdab89;
	m->s[2] = 0x98badcfe;
	m->s[3] = 0x10325476;
	m->len = 0;
}

void
md5_update(struct md5 *m, const void *data, size_t n)
{
	const unsigned char *p = data;
	size_t have = m->len % 64;

	m->len += n;
	if (have) {
		size_t take = 64 - have < n ? 64 - have : n;

		memcpy(m->buf + have, p, take);
		p += take;
		n -= take;
		if (have + take < 64)
			return;
		md5_block(m->s, m->buf);
	}
	for (; n >= 64; p += 64, n -= 64)
		md5_block(m->s, p);
	memcpy(m->buf, p, n);
}

void
md5_final(struct md5 *m, unsigned char digest[16])
{
	static const unsigned char pad[64] = { 0x80 };
	unsigned char lenle[8];
	uint64_t bits = m->len * 8;
	size_t have = m->len % 64;

	for (int i = 0; i < 8; i++)
		lenle[i] = (unsigned char)(bits >> (8 * i));
	md5_update(m, pad, have < 56 ? 56 - have : 120 - have);
	md5_update(m, lenle, 8);
	for (int i = 0; i < 16; i++)
		digest[i] = (unsigned char)(m->s[i / 4] >> (8 * (i % 4)));
	explicit_bzero(m, sizeof *m);
}
