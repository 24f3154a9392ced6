/* cram.c: HMAC-MD5 through Dovecot's CRAM-MD5 context (see cram.h). */
#include <string.h>

#include "cram.h"
#include "md5.h"

static void
state_put(unsigned char *p, const struct md5 *m)
{
	for (int i = 0; i < 16; i++)
		p[i] = (unsigned char)(m->s[i / 4] >> (8 * (i % 4)));
}

static void
state_get(struct md5 *m, const unsigned char *p)
{
	for (int i = 0; i < 4; i++)
		m->s[i] = (uint32_t)p[4 * i] | (uint32_t)p[4 * i + 1] << 8 |
		    (uint32_t)p[4 * i + 2] << 16 | (uint32_t)p[4 * i + 3] << 24;
	m->len = 64;	/* one key block hashed */
}

/* The key block XOR pad, after RFC 2104's "hash keys over 64 bytes". */
static void
key_block(const char *pw, size_t len, unsigned char pad,
    unsigned char block[64])
{
	unsigned char key[64] = { 0 };
	struct md5 m;

	if (len > 64) {
		md5_init(&m);
		md5_update(&m, pw, len);
		md5_final(&m, key);
	} else {
		memcpy(key, pw, len);
	}
	for (int i = 0; i < 64; i++)
		block[i] = key[i] ^ pad;
	explicit_bzero(key, sizeof key);
}

void
cram_context(const char *pw, size_t len, unsigned char ctx[CRAM_CONTEXT_LEN])
{
	unsigned char block[64];
	struct md5 m;

	key_block(pw, len, 0x5c, block);
	md5_init(&m);
	md5_update(&m, block, 64);
	state_put(ctx, &m);
	key_block(pw, len, 0x36, block);
	md5_init(&m);
	md5_update(&m, block, 64);
	state_put(ctx + 16, &m);
	explicit_bzero(block, sizeof block);
	explicit_bzero(&m, sizeof m);
}

void
cram_hmac(const unsigned char ctx[CRAM_CONTEXT_LEN], const void *msg,
    size_t len, unsigned char digest[16])
{
	unsigned char inner[16];
	struct md5 m;

	state_get(&m, ctx + 16);
	md5_update(&m, msg, len);
	md5_final(&m, inner);
	state_get(&m, ctx);
	md5_update(&m, inner, 16);
	md5_final(&m, digest);
	explicit_bzero(inner, sizeof inner);
}
