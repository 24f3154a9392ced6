/* pwdummy.c: the user table's dummy hash (see pwdummy.h). */
#include <crypt.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

#include "pwdummy.h"
#include "pwscheme.h"

int
pwdummy_class(const char *stored, char *out, size_t size)
{
	const char *data, *last, *cut;
	enum pwscheme s = pwscheme_split(stored, &data);
	char err[80];
	int n;

	if (s == PW_NONE || pwscheme_check(stored, err, sizeof err) < 0)
		return -1;
	if (s == PW_PLAIN || s == PW_CRAM_MD5)
		cut = data;	/* no cost parameter */
	else if (s == PW_BLF_CRYPT)
		cut = data + 7;	/* "$2b$12$" */
	else {
		/* "$6$[rounds=N$]salt$hash", "$y$params$salt$hash": drop
		 * the last two fields. */
		last = strrchr(data, '$');
		for (cut = last; cut > data && cut[-1] != '$'; cut--)
			;
	}
	n = snprintf(out, size, "%.*s", (int)(cut - stored), stored);
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

void
pwdummy_count(struct pwdummy_tally *t, const char *stored)
{
	char class[PWDUMMY_CLASS];
	size_t i;

	if (pwdummy_class(stored, class, sizeof class) < 0)
		return;
	for (i = 0; i < t->n && strcmp(t->c[i].class, class) != 0; i++)
		;
	if (i == t->n) {
		if (t->n == PWDUMMY_CLASSES ||
		    strlen(stored) >= sizeof t->c[i].sample)
			return;	/* a table this mixed: the rest uncounted */
		memcpy(t->c[i].class, class, sizeof class);
		memcpy(t->c[i].sample, stored, strlen(stored) + 1);
		t->n++;
	}
	t->c[i].count++;
}

/*
 * crypt(3) takes a whole stored hash as its setting and keeps the salt
 * and cost: the dummy shares a salt with one user but hashes a random
 * password nobody knows, so it tells nothing about that user's.
 */
static int
dummy_crypt(const char *sample, const char *pw, char *out, size_t size)
{
	static struct crypt_data cd;
	const char *data, *end = strchr(sample, '}'), *h;
	int n;

	(void)pwscheme_split(sample, &data);
	memset(&cd, 0, sizeof cd);
	h = crypt_r(pw, data, &cd);
	n = h == NULL || h[0] == '*' ? -1 : snprintf(out, size, "%.*s%s",
	    (int)(end - sample + 1), sample, h);
	explicit_bzero(&cd, sizeof cd);
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

int
pwdummy_make(const struct pwdummy_tally *t, char *out, size_t size,
    const char **class_out)
{
	unsigned char rnd[24];
	char pw[2 * sizeof rnd + 1];
	const char *data;
	size_t best = 0;
	int r;

	if (t->n == 0) {
		errno = ENOENT;
		return -1;
	}
	for (size_t i = 1; i < t->n; i++)
		if (t->c[i].count > t->c[best].count)
			best = i;
	if (getrandom(rnd, sizeof rnd, 0) != (ssize_t)sizeof rnd)
		return -1;
	for (size_t i = 0; i < sizeof rnd; i++)
		snprintf(pw + 2 * i, 3, "%02x", rnd[i]);
	switch (pwscheme_split(t->c[best].sample, &data)) {
	case PW_PLAIN:
	case PW_CRAM_MD5:
		r = pwscheme_hash(pwscheme_split(t->c[best].sample, &data),
		    pw, strlen(pw), 0, out, size);
		break;
	default:
		r = dummy_crypt(t->c[best].sample, pw, out, size);
	}
	explicit_bzero(pw, sizeof pw);
	explicit_bzero(rnd, sizeof rnd);
	if (class_out)
		*class_out = t->c[best].class;
	return r;
}

void
pwdummy_wipe(struct pwdummy_tally *t)
{
	explicit_bzero(t, sizeof *t);
}
