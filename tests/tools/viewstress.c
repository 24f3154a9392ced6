/*
 * viewstress.c: one of several processes hammering one folder through
 * shared/view.h for tests/e2e/maildir-concurrency.t.  It delivers (tmp/ +
 * rename into new/), refreshes, changes the flags of and expunges the
 * messages it delivered itself (so the last flags it set must survive),
 * and reopens the view now and then.  Every event is a line on stdout:
 *
 *   deliver BASE TOKEN | seen UID BASE | flags BASE LETTERS | expunge BASE
 *   error WHAT BASE ERRNO
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "mdname.h"
#include "view.h"

int stress(const char *dir, int seconds, unsigned seed);

struct own {
	char base[MDNAME_MAX + 1];
	int gone;
};

static struct own owned[100000];
static size_t nowned;

static void
show_seen(const struct view *v, size_t from)
{
	for (size_t i = from; i < v->count; i++)
		printf("seen %lu %.*s\n", (unsigned long)v->msgs[i].uid,
		    (int)v->msgs[i].baselen, v->msgs[i].name);
}

static int
deliver(const char *dir)
{
	char base[MDNAME_MAX + 1], tmp[8192], dst[8192];
	char body[128];
	int fd, n;

	if (nowned >= sizeof owned / sizeof owned[0])
		return 0;
	n = snprintf(body, sizeof body, "Subject: P%ldN%zu\n\nbody\n",
	    (long)getpid(), nowned);
	if (mdname_unique(base, sizeof base, n, n + 3) < 0)
		return -1;
	snprintf(tmp, sizeof tmp, "%s/tmp/%s", dir, base);
	snprintf(dst, sizeof dst, "%s/new/%s", dir, base);
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0600)) < 0 ||
	    write(fd, body, (size_t)n) != n || close(fd) < 0 ||
	    rename(tmp, dst) < 0)
		return -1;
	snprintf(owned[nowned++].base, sizeof owned[0].base, "%s", base);
	printf("deliver %s P%ldN%zu\n", base, (long)getpid(), nowned - 1);
	return 0;
}

static void
flag_letters(unsigned flags, char *buf)
{
	static const char l[] = "DFPRST";
	char *p = buf;

	for (int i = 0; l[i]; i++)
		if (flags & (1u << i))
			*p++ = l[i];
	if (p == buf)
		*p++ = '-';
	*p = '\0';
}

/* A random message of ours that the view has; -1 if none. */
static long
pick_own(const struct view *v, size_t *which)
{
	for (int tries = 0; nowned && tries < 8; tries++) {
		size_t k = (size_t)random() % nowned;
		long i;
		if (owned[k].gone)
			continue;
		i = view_find_base(v, owned[k].base, strlen(owned[k].base));
		if (i >= 0 && !v->msgs[i].expunged) {
			*which = k;
			return i;
		}
	}
	return -1;
}

static void
op_flags(struct view *v)
{
	unsigned flags = (unsigned)random() & MDF_ALL;
	char fl[8];
	size_t k;
	long i = pick_own(v, &k);

	if (i < 0)
		return;
	flag_letters(flags, fl);
	if (view_set_flags(v, (size_t)i, flags, 0) == 0)
		printf("flags %s %s\n", owned[k].base, fl);
	else
		printf("error flags %s %d\n", owned[k].base, errno);
}

static void
op_expunge(struct view *v)
{
	size_t k;
	long i = pick_own(v, &k);

	if (i < 0)
		return;
	if (view_expunge(v, (size_t)i) == 0) {
		owned[k].gone = 1;
		printf("expunge %s\n", owned[k].base);
	} else
		printf("error expunge %s %d\n", owned[k].base, errno);
}

static int
op_refresh(struct view *v)
{
	struct view_changes ch;
	size_t from = v->count;

	if (view_refresh(v, &ch) < 0) {
		printf("error refresh - %d\n", errno);
		return -1;
	}
	if (ch.uidvalidity_changed)
		printf("error uidvalidity - 0\n");
	show_seen(v, from);
	view_changes_free(&ch);
	if (random() % 4 == 0)
		view_purge(v);
	return 0;
}

static struct view *
reopen(struct view *v, const char *dir)
{
	view_close(v);
	if ((v = view_open(dir, 0)) == NULL) {
		printf("error open - %d\n", errno);
		return NULL;
	}
	show_seen(v, 0);
	return v;
}

int
stress(const char *dir, int seconds, unsigned seed)
{
	time_t until = time(NULL) + seconds;
	struct view *v = NULL;
	int rc = 0;

	srandom(seed);
	setvbuf(stdout, NULL, _IOFBF, 1 << 16);
	if ((v = reopen(v, dir)) == NULL)
		return 1;
	while (rc == 0 && time(NULL) < until) {
		long r = random() % 100;
		if (r < 30)
			rc = deliver(dir) < 0 ? (perror("deliver"), 1) : 0;
		else if (r < 55)
			rc = op_refresh(v) < 0;
		else if (r < 80)
			op_flags(v);
		else if (r < 90)
			op_expunge(v);
		else if (r < 95 && (v = reopen(v, dir)) == NULL)
			rc = 1;
		else if (r >= 95)
			(void)view_keyword_add(v, (const char *[]){ "$Junk",
			    "$NonJunk", "Work" }[random() % 3]);
	}
	if (v && op_refresh(v) < 0)
		rc = 1;
	view_close(v);
	if (fflush(stdout) != 0)
		rc = 1;
	return rc;
}
