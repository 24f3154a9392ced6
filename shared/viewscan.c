/* viewscan.c: list the message files of new/ and cur/. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mdname.h"
#include "view_int.h"

static const char *const view_dirnames[2] = { "new", "cur" };

int
view_path_in(const struct view *v, unsigned d, const char *name, char *buf,
    size_t size)
{
	int n = snprintf(buf, size, "%s/%s%s%s", v->in->dir, view_dirnames[d],
	    name ? "/" : "", name ? name : "");

	if (n < 0 || (size_t)n >= size) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

int
view_stat_dirs(const struct view *v, struct stat st[2])
{
	char path[LIM_PATH];

	for (unsigned d = 0; d < 2; d++)
		if (view_path_in(v, d, NULL, path, sizeof path) < 0 ||
		    stat(path, &st[d]) < 0)
			return -1;
	return 0;
}

void
view_ents_free(struct view_ents *es)
{
	for (size_t i = 0; i < es->n; i++)
		free(es->e[i].name);
	free(es->e);
	memset(es, 0, sizeof *es);
}

int
view_ents_add(struct view_ents *es, const char *name, unsigned in_new)
{
	const char *colon;

	if (es->n == es->cap) {
		size_t ncap = es->cap ? es->cap * 2 : 256;
		void *p = reallocarray(es->e, ncap, sizeof *es->e);
		if (p == NULL)
			return -1;
		es->e = p;
		es->cap = ncap;
	}
	if ((es->e[es->n].name = strdup(name)) == NULL)
		return -1;
	colon = strchr(name, ':');
	es->e[es->n].baselen = colon ? (size_t)(colon - name) : strlen(name);
	es->e[es->n].in_new = in_new;
	es->n++;
	return 0;
}

/* Message files only: no dot files, nothing mdname_parse rejects. */
static int
view_is_message(const char *name)
{
	struct mdname mn;

	return name[0] != '.' && mdname_parse(name, &mn) == 0;
}

int
view_scan_dir(const struct view *v, unsigned d, struct view_ents *es)
{
	char path[LIM_PATH];
	struct dirent *de;
	DIR *dp;
	int rc = 0, e;

	if (view_path_in(v, d, NULL, path, sizeof path) < 0 ||
	    (dp = opendir(path)) == NULL)
		return -1;
	errno = 0;
	while (rc == 0 && (de = readdir(dp)) != NULL) {
		if (view_is_message(de->d_name))
			rc = view_ents_add(es, de->d_name, d == VD_NEW);
		errno = 0;
	}
	if (rc == 0 && errno != 0)
		rc = -1;
	e = errno;
	(void)closedir(dp);	/* read-only directory handle */
	errno = e;
	return rc;
}
