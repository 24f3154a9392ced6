/*
 * auth-lookup.c: lookups per second through user_lookup() (each call
 * opens the table, as deliver, lmtpd and checkpassword-cdb do).
 * Built and run by tests/bench/auth-table.sh.
 *   auth-lookup users.cdb nusers count
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cdb.h>
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

/* The CDB probe alone, table held open: shows the O(1) lookup. */
static double
run_held(const char *table, long nusers, long count)
{
	struct cdb db;
	char addr[128];
	long found = 0;
	int fd = open(table, O_RDONLY);
	double t0;

	if (fd < 0 || cdb_init(&db, fd) < 0)
		return -1;
	t0 = now();
	for (long i = 0; i < count; i++) {
		snprintf(addr, sizeof addr, "user%ld@example.org",
		    (i * 7919) % nusers + 1);
		found += cdb_find(&db, addr, (unsigned)strlen(addr)) > 0;
	}
	t0 = (double)count / (now() - t0);
	cdb_free(&db);
	close(fd);
	return found == count ? t0 : -1;
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
	printf("  users=%ld held open, cdb_find only: %9.0f lookups/s\n",
	    nusers, run_held(argv[1], nusers, count * 10));
	return 0;
}
