/*
 * notify.c: pick the implementation.  inotify tells us at once and costs
 * nothing while idle; polling works everywhere, including NFS where
 * inotify never hears of other hosts' changes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "notify.h"
#include "notify_impl.h"

static int
interval_from_env(void)
{
	const char *v = getenv("NOTIFY_INTERVAL");
	char *end;
	long n;

	if (v == NULL || *v == '\0')
		return NOTIFY_DEFAULT_INTERVAL;
	errno = 0;
	n = strtol(v, &end, 10);
	if (errno != 0 || *end != '\0' || n < 1 || n > 3600)
		return NOTIFY_DEFAULT_INTERVAL;
	return (int)n;
}

struct notify *
notify_open(const char *dir)
{
	const char *want = getenv("NOTIFY");
	struct notify *n;
	int r;

	if ((n = calloc(1, sizeof *n)) == NULL)
		return NULL;
	n->fd = -1;
	n->interval = interval_from_env();
	r = snprintf(n->dir, sizeof n->dir, "%s", dir);
	if (r < 0 || (size_t)r >= sizeof n->dir) {
		free(n);
		errno = ENAMETOOLONG;
		return NULL;
	}
	if (want != NULL && strcmp(want, "poll") == 0)
		r = notify_poll_open(n);
	else if ((r = notify_inotify_open(n)) < 0 && errno != ENOENT)
		r = notify_poll_open(n);
	if (r < 0) {
		int saved = errno;
		free(n);
		errno = saved;
		return NULL;
	}
	return n;
}

int
notify_fd(const struct notify *n)
{
	return n->fd;
}

int
notify_interval(const struct notify *n)
{
	return n->interval;
}

const char *
notify_method(const struct notify *n)
{
	return n->method;
}

int
notify_check(struct notify *n)
{
	return n->fd >= 0 ? notify_inotify_check(n) : notify_poll_check(n);
}

void
notify_close(struct notify *n)
{
	if (n == NULL)
		return;
	/* Nothing was written through it: a close error changes nothing. */
	if (n->fd >= 0)
		(void)close(n->fd);
	free(n);
}
