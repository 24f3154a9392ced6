/* fetchcache.c: not caching yet; see fetchcache.h. */
#include "fetchcache.h"

int
fetchcache_get(struct session *s, size_t i, int kind, struct str *out)
{
	(void)s;
	(void)i;
	(void)kind;
	(void)out;
	return 0;
}

void
fetchcache_put(struct session *s, size_t i, int kind, const struct str *t)
{
	(void)s;
	(void)i;
	(void)kind;
	(void)t;
}
