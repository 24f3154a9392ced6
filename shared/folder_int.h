/*
 * folder_int.h: what folder.c and folder_list.c share; not for callers.
 */
#ifndef MD_FOLDER_INT_H
#define MD_FOLDER_INT_H

#include <stddef.h>

/* Entries in the Maildir root that are ours alone; no client name maps
 * to them because they start with "..". */
#define FOLDER_TRASH_PREFIX	"..#deleted-"
#define FOLDER_TEMP_PREFIX	"..#creating-"
#define FOLDER_TEMP_AGE		3600	/* an abandoned create, seconds */

struct names {
	char **v;
	size_t n, cap;
};

/*
 * The client names of every folder directory in root, unsorted.  With
 * purge, trash and abandoned temporary directories are removed on the
 * way.
 */
int folder_scan(const char *root, struct names *out, int purge);
int names_add(struct names *, const char *);
void names_free(struct names *);
/* Remove dfd/name and everything under it, without following links. */
int folder_rmtree(int dfd, const char *name);

#endif
