/*
 * folder_list.c: reading the Maildir root: the folder directories, their
 * \Noselect parents and the CHILDREN attributes (RFC 3348), and the
 * sweep of trash that a crashed delete left behind.
 */
#include <sys/stat.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "folder.h"
#include "folder_int.h"
#include "limits.h"

int
names_add(struct names *ns, const char *name)
{
	char **v;
	size_t cap;

	if (ns->n == ns->cap) {
		cap = ns->cap ? ns->cap * 2 : 16;
		if (cap > SIZE_MAX / sizeof *v ||
		    (v = realloc(ns->v, cap * sizeof *v)) == NULL) {
			errno = ENOMEM;
			return -1;
		}
		ns->v = v;
		ns->cap = cap;
	}
	if ((ns->v[ns->n] = strdup(name)) == NULL)
		return -1;
	ns->n++;
	return 0;
}

void
names_free(struct names *ns)
{
	size_t i;

	for (i = 0; i < ns->n; i++)
		free(ns->v[i]);
	free(ns->v);
	ns->v = NULL;
	ns->n = ns->cap = 0;
}

/* Remove our leftovers: any trash, temporaries older than an hour. */
static void
purge(int dfd, const char *name)
{
	struct stat st;

	if (strncmp(name, FOLDER_TEMP_PREFIX,
	    sizeof FOLDER_TEMP_PREFIX - 1) == 0) {
		if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
		    time(NULL) - st.st_mtime < FOLDER_TEMP_AGE)
			return;
	} else if (strncmp(name, FOLDER_TRASH_PREFIX,
	    sizeof FOLDER_TRASH_PREFIX - 1) != 0)
		return;
	/* Best effort: what stays is invisible and retried next time. */
	(void)folder_rmtree(dfd, name);
}

static int
scan_entry(int dfd, const char *dirent, struct names *out, int purging)
{
	char name[LIM_FOLDER_NAME + 1];
	struct stat st;

	if (purging && dirent[0] == '.' && dirent[1] == '.')
		purge(dfd, dirent);
	if (folder_from_disk(dirent, name, sizeof name) < 0)
		return 0;
	/* A symbolic link to a folder is a folder (shared folders). */
	if (fstatat(dfd, dirent, &st, 0) < 0 || !S_ISDIR(st.st_mode))
		return 0;
	return names_add(out, name);
}

int
folder_scan(const char *root, struct names *out, int purging)
{
	struct dirent *de;
	DIR *d;
	int saved;

	if ((d = opendir(root)) == NULL)
		return -1;
	errno = 0;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] != '.')
			continue;
		if (scan_entry(dirfd(d), de->d_name, out, purging) < 0) {
			saved = errno;
			closedir(d);
			names_free(out);
			errno = saved;
			return -1;
		}
	}
	return closedir(d);
}

/* INBOX sorts first, the rest by bytes; bsearch uses the same order. */
static int
entry_cmp(const void *a, const void *b)
{
	const char *x = ((const struct folder_entry *)a)->name;
	const char *y = ((const struct folder_entry *)b)->name;
	int xi = strcmp(x, FOLDER_INBOX) == 0, yi = strcmp(y, FOLDER_INBOX) == 0;

	if (xi || yi)
		return yi - xi;
	return strcmp(x, y);
}

static int
entry_add(struct folder_list *fl, size_t *cap, const char *name,
    unsigned flags)
{
	struct folder_entry *v;
	size_t ncap;

	if (fl->n == *cap) {
		ncap = *cap ? *cap * 2 : 16;
		if (ncap > SIZE_MAX / sizeof *v ||
		    (v = realloc(fl->v, ncap * sizeof *v)) == NULL) {
			errno = ENOMEM;
			return -1;
		}
		fl->v = v;
		*cap = ncap;
	}
	if ((fl->v[fl->n].name = strdup(name)) == NULL)
		return -1;
	fl->v[fl->n++].flags = flags;
	return 0;
}

/* Add every proper prefix of name ("a", "a.b" for "a.b.c") as \Noselect. */
static int
add_prefixes(struct folder_list *fl, size_t *cap, const char *name)
{
	char buf[LIM_FOLDER_NAME + 1];
	size_t i;

	for (i = 0; name[i] != '\0' && i < sizeof buf - 1; i++) {
		if (name[i] == FOLDER_SEP) {
			memcpy(buf, name, i);
			buf[i] = '\0';
			if (entry_add(fl, cap, buf, FOLDER_NOSELECT) < 0)
				return -1;
		}
	}
	return 0;
}

/* Sort, fold duplicates (a real folder beats a \Noselect prefix). */
static void
sort_unique(struct folder_list *fl)
{
	size_t i, j = 0;

	qsort(fl->v, fl->n, sizeof *fl->v, entry_cmp);
	for (i = 0; i < fl->n; i++) {
		if (j > 0 && strcmp(fl->v[j - 1].name, fl->v[i].name) == 0) {
			fl->v[j - 1].flags &= fl->v[i].flags;
			free(fl->v[i].name);
			continue;
		}
		fl->v[j++] = fl->v[i];
	}
	fl->n = j;
}

/* Mark the direct parent of every entry as \HasChildren. */
static void
mark_children(struct folder_list *fl)
{
	struct folder_entry key, *parent;
	char buf[LIM_FOLDER_NAME + 1];
	char *dot;
	size_t i;

	for (i = 0; i < fl->n; i++) {
		if (strlen(fl->v[i].name) >= sizeof buf)
			continue;
		memcpy(buf, fl->v[i].name, strlen(fl->v[i].name) + 1);
		if ((dot = strrchr(buf, FOLDER_SEP)) == NULL)
			continue;
		*dot = '\0';
		key.name = buf;
		parent = bsearch(&key, fl->v, fl->n, sizeof *fl->v, entry_cmp);
		if (parent != NULL)
			parent->flags |= FOLDER_HASCHILDREN;
	}
	for (i = 0; i < fl->n; i++)
		if (!(fl->v[i].flags & FOLDER_HASCHILDREN))
			fl->v[i].flags |= FOLDER_HASNOCHILDREN;
}

static int
build(struct folder_list *out, const struct names *ns)
{
	size_t cap = 0, i;

	if (entry_add(out, &cap, FOLDER_INBOX, 0) < 0)
		return -1;
	for (i = 0; i < ns->n; i++)
		if (entry_add(out, &cap, ns->v[i], 0) < 0 ||
		    add_prefixes(out, &cap, ns->v[i]) < 0)
			return -1;
	sort_unique(out);
	mark_children(out);
	return 0;
}

int
folder_list(const char *root, struct folder_list *out)
{
	struct names ns = { NULL, 0, 0 };
	int r, saved;

	out->v = NULL;
	out->n = 0;
	if (folder_scan(root, &ns, 1) < 0)
		return -1;
	r = build(out, &ns);
	saved = errno;
	names_free(&ns);
	if (r < 0) {
		folder_list_free(out);
		errno = saved;
	}
	return r;
}

void
folder_list_free(struct folder_list *fl)
{
	size_t i;

	for (i = 0; i < fl->n; i++)
		free(fl->v[i].name);
	free(fl->v);
	fl->v = NULL;
	fl->n = 0;
}
