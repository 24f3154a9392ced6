/* test-basemap.c: shared/basemap.c */
#include <stdio.h>

#include "tap.h"
#include "basemap.h"

static char names[5000][32];

static const char *
key(const void *ctx, size_t pos, size_t *len)
{
	(void)ctx;
	*len = strcspn(names[pos], ":");
	return names[pos];
}

int
main(void)
{
	struct basemap m;
	int good = 1;

	plan_lazy();
	basemap_init(&m, key, NULL);
	is_int(basemap_get(&m, "x", 1), -1, "empty map");
	for (int i = 0; i < 5000; i++) {
		snprintf(names[i], sizeof names[i], "%d.M%dP1.h:2,S", i, i * 7);
		if (basemap_put(&m, (size_t)i) < 0)
			good = 0;
	}
	ok(good, "5000 puts (grows)");
	for (int i = 0; i < 5000; i++)
		if (basemap_get(&m, names[i], strcspn(names[i], ":")) != i)
			good = 0;
	ok(good, "every base found");
	is_int(basemap_get(&m, "1.M7P1.h", 8), 1, "lookup by base only");
	is_int(basemap_get(&m, "1.M7P1", 6), -1, "prefix is not a match");
	snprintf(names[4999], sizeof names[4999], "%s", names[3]);
	basemap_put(&m, 4999);
	is_int(basemap_get(&m, "3.M21P1.h", 9), 4999, "later pos wins");
	basemap_clear(&m);
	is_int(basemap_get(&m, "3.M21P1.h", 9), -1, "cleared");
	basemap_free(&m);
	return done_testing();
}
