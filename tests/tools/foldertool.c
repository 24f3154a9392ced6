/*
 * foldertool: drive shared/folder.h, subscriptions.h and mutf7.h from the
 * command line, for the e2e tests (tests/e2e/maildir-folders-*.t).
 *
 *   foldertool ROOT list                 name TAB attributes, one a line
 *   foldertool ROOT create|delete NAME
 *   foldertool ROOT rename OLD NEW
 *   foldertool ROOT subs                 subscribed names, one a line
 *   foldertool ROOT subscribe|unsubscribe NAME
 *   foldertool - encode UTF8 | decode MUTF7
 *
 * Exit 0 on success, 1 with "foldertool: error: ..." on stderr.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "folder.h"
#include "mutf7.h"
#include "str.h"
#include "subscriptions.h"

static int
fail(const char *what, const char *why)
{
	fprintf(stderr, "foldertool: error: %s: %s\n", what,
	    why != NULL ? why : strerror(errno));
	return 1;
}

static int
list(const char *root)
{
	struct folder_list fl;
	size_t i;

	if (folder_list(root, &fl) < 0)
		return fail("list", NULL);
	for (i = 0; i < fl.n; i++)
		printf("%s\t%s%s\n", fl.v[i].name,
		    fl.v[i].flags & FOLDER_NOSELECT ? "\\Noselect " : "",
		    fl.v[i].flags & FOLDER_HASCHILDREN ? "\\HasChildren" :
		    "\\HasNoChildren");
	folder_list_free(&fl);
	return 0;
}

static int
subs(const char *root)
{
	struct subs sb;
	size_t i;

	if (subs_read(root, &sb) < 0)
		return fail("subs", NULL);
	for (i = 0; i < sb.n; i++)
		printf("%s\n", sb.v[i]);
	subs_free(&sb);
	return 0;
}

static int
convert(const char *op, const char *arg)
{
	struct str out = STR_INIT(1 << 16);
	int r;

	r = strcmp(op, "encode") == 0 ?
	    mutf7_from_utf8(arg, strlen(arg), &out) :
	    mutf7_to_utf8(arg, strlen(arg), &out);
	if (r < 0)
		return fail(op, NULL);
	printf("%s\n", out.s);
	str_free(&out);
	return 0;
}

static int
one(const char *root, const char *op, const char *name)
{
	const char *why = NULL;
	int r;

	if (strcmp(op, "create") == 0)
		r = folder_create(root, name, &why);
	else if (strcmp(op, "delete") == 0)
		r = folder_delete(root, name, &why);
	else if (strcmp(op, "subscribe") == 0)
		r = subs_add(root, name);
	else if (strcmp(op, "unsubscribe") == 0)
		r = subs_remove(root, name);
	else if (strcmp(op, "encode") == 0 || strcmp(op, "decode") == 0)
		return convert(op, name);
	else
		return fail(op, "unknown command");
	return r < 0 ? fail(op, errno == EINVAL ? why : NULL) : 0;
}

int
main(int argc, char **argv)
{
	const char *why = NULL;

	if (argc == 3 && strcmp(argv[2], "list") == 0)
		return list(argv[1]);
	if (argc == 3 && strcmp(argv[2], "subs") == 0)
		return subs(argv[1]);
	if (argc == 4)
		return one(argv[1], argv[2], argv[3]);
	if (argc == 5 && strcmp(argv[2], "rename") == 0)
		return folder_rename(argv[1], argv[3], argv[4], &why) < 0 ?
		    fail("rename", errno == EINVAL ? why : NULL) : 0;
	fprintf(stderr, "usage: foldertool ROOT list|subs|create|delete|"
	    "rename|subscribe|unsubscribe ...\n");
	return 2;
}
