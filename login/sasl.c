/* sasl.c: PLAIN, LOGIN and CRAM-MD5 server steps, no I/O. */
#include <errno.h>
#include <string.h>
#include <strings.h>

#include "sasl.h"

static const char *const sasl_names[] = {
	[SASL_PLAIN] = "PLAIN", [SASL_LOGIN] = "LOGIN",
	[SASL_CRAM_MD5] = "CRAM-MD5", [SASL_APOP] = "APOP",
};

int
sasl_mech_parse(const char *name, size_t n)
{
	for (int m = SASL_PLAIN; m <= SASL_CRAM_MD5; m++)
		if (strlen(sasl_names[m]) == n &&
		    strncasecmp(name, sasl_names[m], n) == 0)
			return m;
	return -1;
}

const char *
sasl_mech_name(enum sasl_mech m)
{
	return sasl_names[m];
}

int
sasl_mech_plaintext(enum sasl_mech m)
{
	return m == SASL_PLAIN || m == SASL_LOGIN;
}

int
sasl_mech_allows_ir(enum sasl_mech m)
{
	/* CRAM-MD5 is server-first: the challenge must come before. */
	return m != SASL_CRAM_MD5;
}

int
sasl_begin(struct sasl *s, enum sasl_mech mech, const char *stamp)
{
	sasl_wipe(s);
	s->mech = mech;
	if (strlen(stamp) > SASL_STAMP_MAX) {
		errno = ENOSPC;
		return -1;
	}
	memcpy(s->stamp, stamp, strlen(stamp) + 1);
	return 0;
}

const char *
sasl_first_challenge(const struct sasl *s)
{
	switch (s->mech) {
	case SASL_LOGIN:
		return "Username:";
	case SASL_CRAM_MD5:
		return s->stamp;
	default:
		return "";
	}
}

/* Copy a field that must be free of NULs and fit; 0 or -1. */
static int
sasl_field(char *dst, size_t max, const unsigned char *src, size_t n,
    int may_be_empty)
{
	if (n > max || (n == 0 && !may_be_empty) || memchr(src, '\0', n))
		return -1;
	memcpy(dst, src, n);
	dst[n] = '\0';
	return 0;
}

/* RFC 4616 2: [authzid] NUL authcid NUL passwd. */
static enum sasl_result
sasl_plain(struct sasl *s, const unsigned char *r, size_t n)
{
	const unsigned char *nul1 = memchr(r, '\0', n), *nul2;
	size_t zlen, clen;

	if (nul1 == NULL)
		return SASL_FAIL;
	zlen = (size_t)(nul1 - r);
	nul2 = memchr(nul1 + 1, '\0', n - zlen - 1);
	if (nul2 == NULL)
		return SASL_FAIL;
	clen = (size_t)(nul2 - nul1 - 1);
	if (sasl_field(s->login, LIM_LOGIN, nul1 + 1, clen, 0) < 0 ||
	    sasl_field(s->secret, LIM_SECRET, nul2 + 1,
	    n - zlen - clen - 2, 0) < 0)
		return SASL_FAIL;
	/* No proxy authorization: authzid empty or equal to authcid. */
	if (zlen != 0 && (zlen != clen || memcmp(r, nul1 + 1, zlen) != 0))
		return SASL_FAIL;
	return SASL_DONE;
}

static int
sasl_is_hex32(const unsigned char *p, size_t n)
{
	if (n != 32)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((p[i] >= '0' && p[i] <= '9') ||
		    (p[i] >= 'a' && p[i] <= 'f')))
			return 0;
	return 1;
}

/* RFC 2195 2: "user SP digest", the digest 32 lowercase hex digits. */
static enum sasl_result
sasl_cram(struct sasl *s, const unsigned char *r, size_t n)
{
	const unsigned char *sp = n ? r + n - 1 : r;

	while (sp > r && *sp != ' ')
		sp--;
	if (sp == r || *sp != ' ')
		return SASL_FAIL;
	if (!sasl_is_hex32(sp + 1, n - (size_t)(sp - r) - 1) ||
	    sasl_field(s->login, LIM_LOGIN, r, (size_t)(sp - r), 0) < 0 ||
	    sasl_field(s->secret, LIM_SECRET, sp + 1, 32, 0) < 0)
		return SASL_FAIL;
	return SASL_DONE;
}

enum sasl_result
sasl_step(struct sasl *s, const unsigned char *r, size_t n,
    const char **challenge)
{
	int step = s->step++;

	*challenge = NULL;
	switch (s->mech) {
	case SASL_PLAIN:
		return step == 0 ? sasl_plain(s, r, n) : SASL_FAIL;
	case SASL_CRAM_MD5:
		return step == 0 ? sasl_cram(s, r, n) : SASL_FAIL;
	case SASL_LOGIN:
		if (step == 0) {
			if (sasl_field(s->login, LIM_LOGIN, r, n, 0) < 0)
				return SASL_FAIL;
			*challenge = "Password:";
			return SASL_CONTINUE;
		}
		if (step == 1 &&
		    sasl_field(s->secret, LIM_SECRET, r, n, 0) == 0)
			return SASL_DONE;
		return SASL_FAIL;
	default:
		return SASL_FAIL;
	}
}

int
sasl_set(struct sasl *s, const char *login, size_t ln, const char *secret,
    size_t sn)
{
	if (sasl_field(s->login, LIM_LOGIN, (const unsigned char *)login, ln,
	    0) < 0 || sasl_field(s->secret, LIM_SECRET,
	    (const unsigned char *)secret, sn, 0) < 0) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

int
sasl_record(const struct sasl *s, char *out, size_t max, size_t *len)
{
	size_t a = strlen(s->login), b = strlen(s->secret);
	size_t c = strlen(s->stamp);

	if (a + b + c + 3 > max) {
		errno = ENOSPC;
		return -1;
	}
	memcpy(out, s->login, a + 1);
	memcpy(out + a + 1, s->secret, b + 1);
	memcpy(out + a + b + 2, s->stamp, c + 1);
	*len = a + b + c + 3;
	return 0;
}

void
sasl_wipe(struct sasl *s)
{
	explicit_bzero(s, sizeof *s);
}
