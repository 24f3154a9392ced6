/*
 * auth-lookup.c: lookups per second through user_lookup() (each call
 * opens the table, as deliver, lmtpd and checkpassword-cdb do).
 * Built and run by tests/bench/auth-table.sh.
 *   auth-lookup users.cdb nusers count
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "usertable.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double
run(const char *table, long nusers, long count, const char *fmt)
{
	static struct user_record rec;
	char addr[128];
	long found = 0;
	double t0 = now();

	for (long i = 0; i < count; i++) {
		snprintf(addr, sizeof addr, fmt, (i * 7919) % nusers + 1);
		if (user_lookup(table, addr, "+", &rec) == 0)
			found++;
		else if (errno != ENOENT)
			return -1;
	}
	if (found != count && fmt[0] != 'n')
		fprintf(stderr, "only %ld of %ld found\n", found, count);
	return (double)count / (now() - t0);
}

int
main(int argc, char **argv)
{
	long nusers, count;

	if (argc != 4)
		return 2;
	nusers = atol(argv[2]);
	count = atol(argv[3]);
	printf("  users=%ld exact:   %9.0f lookups/s\n", nusers,
	    run(argv[1], nusers, count, "user%ld@example.org"));
	printf("  users=%ld alias:   %9.0f lookups/s\n", nusers,
	    run(argv[1], nusers, count, "alias%ld@example.org"));
	printf("  users=%ld +detail: %9.0f lookups/s\n", nusers,
	    run(argv[1], nusers, count, "user%ld+box@example.org"));
	printf("  users=%ld unknown: %9.0f lookups/s\n", nusers,
	    run(argv[1], nusers, count, "nouser%ld@example.com"));
	return 0;
}
