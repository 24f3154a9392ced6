/* seqset.c: IMAP sequence sets; see seqset.h. */
#include <errno.h>
#include <stdlib.h>

#include "limits.h"
#include "seqset.h"

static const char *
parse_number(const char *s, uint32_t *v)
{
	uint64_t n = 0;

	if (*s == '*') {
		*v = SEQ_STAR;
		return s + 1;
	}
	if (*s < '1' || *s > '9')
		return NULL;
	for (; *s >= '0' && *s <= '9'; s++) {
		n = n * 10 + (uint64_t)(*s - '0');
		if (n >= SEQ_STAR)
			return NULL;
	}
	*v = (uint32_t)n;
	return s;
}

int
seqset_parse(struct seqset *set, const char *s)
{
	size_t cap = 8;

	set->n = 0;
	if ((set->r = malloc(cap * sizeof *set->r)) == NULL)
		return -1;
	for (;;) {
		struct seq_range r;

		if ((s = parse_number(s, &r.lo)) == NULL)
			goto inval;
		r.hi = r.lo;
		if (*s == ':' && (s = parse_number(s + 1, &r.hi)) == NULL)
			goto inval;
		if (set->n == cap) {
			struct seq_range *nr;

			if (cap >= LIM_SEQSET_RANGES) {
				seqset_free(set);
				errno = E2BIG;
				return -1;
			}
			cap *= 2;
			if ((nr = realloc(set->r, cap * sizeof *nr)) == NULL) {
				seqset_free(set);
				return -1;
			}
			set->r = nr;
		}
		set->r[set->n++] = r;
		if (*s == '\0')
			return 0;
		if (*s++ != ',')
			goto inval;
	}
inval:
	seqset_free(set);
	errno = EINVAL;
	return -1;
}

static int
range_cmp(const void *a, const void *b)
{
	const struct seq_range *x = a, *y = b;

	return x->lo < y->lo ? -1 : x->lo > y->lo;
}

void
seqset_resolve(struct seqset *set, uint32_t max)
{
	size_t i, out = 0;

	for (i = 0; i < set->n; i++) {
		struct seq_range *r = &set->r[i];

		if (r->lo == SEQ_STAR)
			r->lo = max;
		if (r->hi == SEQ_STAR)
			r->hi = max;
		if (r->lo > r->hi) {
			uint32_t t = r->lo;
			r->lo = r->hi;
			r->hi = t;
		}
	}
	qsort(set->r, set->n, sizeof *set->r, range_cmp);
	for (i = 0; i < set->n; i++) {
		if (out > 0 && set->r[i].lo <= set->r[out - 1].hi + 1ull) {
			if (set->r[i].hi > set->r[out - 1].hi)
				set->r[out - 1].hi = set->r[i].hi;
		} else
			set->r[out++] = set->r[i];
	}
	set->n = out;
}

int
seqset_contains(const struct seqset *set, uint32_t n)
{
	size_t lo = 0, hi = set->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (n < set->r[mid].lo)
			hi = mid;
		else if (n > set->r[mid].hi)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

void
seqset_free(struct seqset *set)
{
	free(set->r);
	set->r = NULL;
	set->n = 0;
}
