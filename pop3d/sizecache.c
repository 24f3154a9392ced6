/* sizecache.c: read and look up dir/pop3d-sizes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "file.h"
#include "limits.h"
#include "sizecache.h"

static int
ent_cmp(const void *a, const void *b)
{
	const struct sizecache_ent *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->base, y->base, n);

	return c ? c : (x->len > y->len) - (x->len < y->len);
}

/* One "base size" line into e; -1 if malformed. */
static int
parse_line(const char *p, size_t len, struct sizecache_ent *e)
{
	const char *sp = memchr(p, ' ', len);
	unsigned long long v = 0;

	if (sp == NULL || sp == p || sp + 1 == p + len)
		return -1;
	for (const char *q = sp + 1; q < p + len; q++) {
		if (*q < '0' || *q > '9' || v > (1ULL << 50))
			return -1;
		v = v * 10 + (unsigned)(*q - '0');
	}
	e->base = p;
	e->len = (size_t)(sp - p);
	e->size = v;
	return 0;
}

int
sizecache_parse(struct sizecache *sc, const char *buf, size_t len)
{
	size_t lines = 0, pos = 0;

	for (size_t i = 0; i < len; i++)
		lines += buf[i] == '\n';
	sc->n = 0;
	sc->ents = calloc(lines ? lines : 1, sizeof *sc->ents);
	if (sc->ents == NULL)
		return -1;
	while (pos < len) {
		const char *nl = memchr(buf + pos, '\n', len - pos);
		if (nl == NULL)
			break;	/* an incomplete last line is ignored */
		size_t n = (size_t)(nl - (buf + pos));
		if (parse_line(buf + pos, n, &sc->ents[sc->n]) == 0)
			sc->n++;
		pos += n + 1;
	}
	qsort(sc->ents, sc->n, sizeof *sc->ents, ent_cmp);
	return 0;
}

void
sizecache_load(struct sizecache *sc, const char *dir)
{
	char path[LIM_PATH];
	int n = snprintf(path, sizeof path, "%s/%s", dir, SIZECACHE_NAME);

	memset(sc, 0, sizeof *sc);
	str_init(&sc->data, SIZECACHE_MAX);
	if (n < 0 || (size_t)n >= sizeof path ||
	    file_read_all(path, &sc->data, SIZECACHE_MAX) < 0 ||
	    sizecache_parse(sc, sc->data.s, sc->data.len) < 0) {
		free(sc->ents);
		sc->ents = NULL;
		sc->n = 0;
	}
}

int
sizecache_get(const struct sizecache *sc, const char *base, size_t len,
    unsigned long long *size)
{
	struct sizecache_ent key = { base, len, 0 }, *e;

	if (sc->n == 0)
		return 0;
	e = bsearch(&key, sc->ents, sc->n, sizeof *sc->ents, ent_cmp);
	if (e == NULL)
		return 0;
	*size = e->size;
	return 1;
}

void
sizecache_free(struct sizecache *sc)
{
	free(sc->ents);
	str_free(&sc->data);
	sc->ents = NULL;
	sc->n = 0;
}
