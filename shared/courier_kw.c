/* courier_kw.c: Courier's courierimapkeywords/ contents (I/O-free). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "courier.h"

static const char *
courier_kw_key(const void *ctx, size_t pos, size_t *len)
{
	const struct courier_kw *kw = ctx;

	*len = strlen(kw->msgs[pos].base);
	return kw->msgs[pos].base;
}

void
courier_kw_init(struct courier_kw *kw)
{
	memset(kw, 0, sizeof *kw);
	basemap_init(&kw->map, courier_kw_key, kw);
}

void
courier_kw_free(struct courier_kw *kw)
{
	for (size_t i = 0; i < kw->n; i++)
		free(kw->msgs[i].base);
	free(kw->msgs);
	keywords_free(&kw->names);
	basemap_free(&kw->map);
	courier_kw_init(kw);
}

/* Record bits for base unless a higher-priority source set them. */
static int
courier_kw_set(struct courier_kw *kw, const char *base, size_t len,
    uint32_t bits, long long prio)
{
	long i = basemap_get(&kw->map, base, len);
	struct courier_kwmsg *m;

	if (i >= 0) {
		if (prio >= kw->msgs[i].prio) {
			kw->msgs[i].bits = bits;
			kw->msgs[i].prio = prio;
		}
		return 0;
	}
	if (kw->n == kw->cap) {
		size_t ncap = kw->cap ? kw->cap * 2 : 64;
		void *p = reallocarray(kw->msgs, ncap, sizeof *kw->msgs);
		if (p == NULL)
			return -1;
		kw->msgs = p;
		kw->cap = ncap;
	}
	m = &kw->msgs[kw->n];
	if ((m->base = strndup(base, len)) == NULL)
		return -1;
	m->bits = bits;
	m->prio = prio;
	kw->n++;
	return basemap_put(&kw->map, kw->n - 1);
}

/* The letter for a keyword name (added if new); -1 if it cannot be. */
static int
courier_kw_letter(struct courier_kw *kw, const char *p, size_t n)
{
	char name[LIM_KEYWORD + 1];

	if (n == 0 || n > LIM_KEYWORD)
		return -1;
	memcpy(name, p, n);
	name[n] = '\0';
	return keywords_add(&kw->names, name);
}

/* "<base>:<n> <n> ..." with n indexing letters[]. */
static int
courier_kw_msgline(struct courier_kw *kw, const char *p, const char *end,
    const int *letters, size_t nletters)
{
	const char *colon = memchr(p, ':', (size_t)(end - p));
	uint32_t bits = 0;

	if (colon == NULL || colon == p)
		return 0;
	for (const char *q = colon + 1; q < end;) {
		size_t idx = 0;
		int digits = 0;
		for (; q < end && *q >= '0' && *q <= '9' && idx < 100000;
		    q++, digits++)
			idx = idx * 10 + (size_t)(*q - '0');
		if (digits && idx < nletters && letters[idx] >= 0)
			bits |= UINT32_C(1) << letters[idx];
		while (q < end && (*q < '0' || *q > '9'))
			q++;
	}
	return courier_kw_set(kw, p, (size_t)(colon - p), bits, 0);
}

int
courier_parse_kwlist(struct courier_kw *kw, const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len, *nl;
	int *letters = NULL;
	size_t n = 0;
	int names = 1, rc = 0;

	for (; rc == 0 && p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if (names && nl == p) {
			names = 0;
		} else if (names) {
			int *np = reallocarray(letters, n + 1, sizeof *np);
			if (np == NULL) {
				rc = -1;
				break;
			}
			letters = np;
			letters[n++] = courier_kw_letter(kw, p,
			    (size_t)(nl - p));
		} else
			rc = courier_kw_msgline(kw, p, nl, letters, n);
	}
	free(letters);
	return rc;
}

int
courier_parse_kwfile(struct courier_kw *kw, const char *base,
    long long prio, const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len, *nl;
	uint32_t bits = 0;

	for (; p < end; p = nl + 1) {
		int letter;
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if ((letter = courier_kw_letter(kw, p, (size_t)(nl - p))) >= 0)
			bits |= UINT32_C(1) << letter;
	}
	return courier_kw_set(kw, base, strlen(base), bits, prio);
}
