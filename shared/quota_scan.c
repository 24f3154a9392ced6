/*
 * quota_scan.c: recalculate maildirsize from the folders, Courier
 * README.maildirquota "Calculating maildirsize" steps 2-5: count new/ and
 * cur/ of the Maildir and of every folder except .Trash, S= from the name
 * or stat(2); write tmp/ then rename; if a directory changed meanwhile,
 * do it again (twice at most), then give up and remove the file.
 */
#include <sys/stat.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "io.h"
#include "mdname.h"
#include "quota.h"

int quota_scan_recalc(struct quota *);

struct quota_scan {
	long long bytes, count;
	struct timespec newest;	/* latest mtime of a scanned directory */
	int stat_only;		/* only collect the directory mtimes */
};

static void
quota_newer(struct timespec *newest, const struct timespec *t)
{
	if (t->tv_sec > newest->tv_sec || (t->tv_sec == newest->tv_sec &&
	    t->tv_nsec > newest->tv_nsec))
		*newest = *t;
}

/* Count the messages of one new/ or cur/ directory. */
static int
quota_scan_dir(const char *path, struct quota_scan *sc)
{
	struct mdname mn;
	struct dirent *de;
	struct stat st;
	DIR *dp;

	if (stat(path, &st) < 0)
		return errno == ENOENT ? 0 : -1;
	quota_newer(&sc->newest, &st.st_mtim);
	if (sc->stat_only)
		return 0;
	if ((dp = opendir(path)) == NULL)
		return errno == ENOENT ? 0 : -1;
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.' || mdname_parse(de->d_name, &mn) < 0)
			continue;
		if (mn.size < 0) {
			/* not a Maildir++ writer's name: ask the disk */
			if (fstatat(dirfd(dp), de->d_name, &st, 0) < 0)
				continue;	/* raced with a removal */
			mn.size = st.st_size;
		}
		sc->bytes += mn.size;
		sc->count++;
	}
	return closedir(dp);
}

static int
quota_scan_folder(const char *dir, struct quota_scan *sc)
{
	char path[LIM_PATH];

	if (snprintf(path, sizeof path, "%s/new", dir) >= (int)sizeof path ||
	    quota_scan_dir(path, sc) < 0)
		return -1;
	snprintf(path, sizeof path, "%s/cur", dir);
	return quota_scan_dir(path, sc);
}

/* The Maildir and every .Folder but .Trash (the spec's step 2). */
static int
quota_scan_all(const char *root, struct quota_scan *sc, int stat_only)
{
	char path[LIM_PATH];
	struct dirent *de;
	DIR *dp;
	int r = 0;

	memset(sc, 0, sizeof *sc);
	sc->stat_only = stat_only;
	if (quota_scan_folder(root, sc) < 0 || (dp = opendir(root)) == NULL)
		return -1;
	while (r == 0 && (de = readdir(dp)) != NULL) {
		if (de->d_name[0] != '.' || strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0 ||
		    strcmp(de->d_name, ".Trash") == 0 ||
		    (de->d_type != DT_DIR && de->d_type != DT_UNKNOWN &&
		    de->d_type != DT_LNK))
			continue;
		if (snprintf(path, sizeof path, "%s/%s", root, de->d_name) >=
		    (int)sizeof path)
			continue;
		r = quota_scan_folder(path, sc);
	}
	closedir(dp);
	return r;
}

/* Did any scanned directory change after the scan started? */
static int
quota_changed(const char *root, const struct timespec *newest)
{
	struct quota_scan again;

	if (quota_scan_all(root, &again, 1) < 0)
		return 1;
	return again.newest.tv_sec != newest->tv_sec ||
	    again.newest.tv_nsec != newest->tv_nsec;
}

/* Write tmp/<unique> with the limits and the totals, rename it over. */
static int
quota_write(struct quota *q, const struct quota_scan *sc)
{
	char tmp[LIM_PATH], base[MDNAME_MAX + 1];
	char text[128], lim[64];
	int fd, n;

	if (quota_format_limits(lim, sizeof lim, &q->lim) < 0 ||
	    mdname_unique(base, sizeof base, -1, -1) < 0)
		return -1;
	n = snprintf(text, sizeof text, "%s\n%lld %lld\n", lim, sc->bytes,
	    sc->count);
	if (snprintf(tmp, sizeof tmp, "%s/tmp/%s", q->root, base) >=
	    (int)sizeof tmp)
		return errno = ENAMETOOLONG, -1;
	fd = open(tmp, O_RDWR | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC,
	    0600);
	if (fd < 0)
		return -1;
	if (fd_write_all(fd, text, (size_t)n, -1) < 0 || fsync(fd) < 0 ||
	    rename(tmp, q->path) < 0) {
		int saved = errno;
		close(fd);
		unlink(tmp);
		return errno = saved, -1;
	}
	q->fd = fd;
	return 0;
}

int
quota_scan_recalc(struct quota *q)
{
	struct quota_scan sc;

	for (int tries = 0; tries < 3; tries++) {
		if (q->fd >= 0)
			close(q->fd);
		q->fd = -1;
		if (quota_scan_all(q->root, &sc, 0) < 0)
			return -1;
		q->bytes = sc.bytes;
		q->count = sc.count;
		q->lines = 1;
		q->mtime = time(NULL);
		if (quota_write(q, &sc) < 0)
			return -1;
		if (!quota_changed(q->root, &sc.newest))
			return 0;
	}
	/* Still moving: leave no stale totals behind (spec step 4). */
	if (unlink(q->path) < 0 && errno != ENOENT)
		return -1;
	close(q->fd);
	q->fd = -1;
	return 0;
}
