/*
 * viewtool: shared/view.h from the command line, for tests and benches.
 *
 *   viewtool list DIR            uidvalidity, uidnext, keywords, messages
 *   viewtool open DIR [nocache]  open and close (timing), print the count
 *   viewtool flags DIR UID LETTERS [KEYWORD...]
 *   viewtool expunge DIR UID
 *   viewtool stress DIR SECONDS SEED
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

static void
print_keywords(const struct view *v, uint32_t kw)
{
	int any = 0;

	for (unsigned i = 0; i < LIM_KEYWORDS; i++)
		if (kw & (1u << i)) {
			printf("%s%s", any ? "," : "",
			    i < v->nkeywords && v->keywords[i] ?
			    v->keywords[i] : "?");
			any = 1;
		}
	if (!any)
		printf("-");
}

static int
cmd_list(const char *dir)
{
	struct view *v = view_open(dir, 0);
	char fl[8];

	if (v == NULL) {
		perror(dir);
		return 1;
	}
	printf("uidvalidity %lu\nuidnext %lu\nkeywords", (unsigned long)
	    v->uidvalidity, (unsigned long)v->uidnext);
	for (unsigned i = 0; i < v->nkeywords; i++)
		printf(" %s", v->keywords[i] ? v->keywords[i] : "-");
	printf("\n");
	for (size_t i = 0; i < v->count; i++) {
		flag_letters(v->msgs[i].flags, fl);
		printf("%lu %s ", (unsigned long)v->msgs[i].uid, fl);
		print_keywords(v, v->msgs[i].keywords);
		printf(" %lld %lld %lld %.*s\n", v->msgs[i].size,
		    view_vsize(v, i), (long long)v->msgs[i].internaldate,
		    (int)v->msgs[i].baselen, v->msgs[i].name);
	}
	view_close(v);
	return 0;
}

static int
cmd_flags(const char *dir, uint32_t uid, const char *letters, char **kws)
{
	struct view *v = view_open(dir, 0);
	unsigned flags = 0;
	uint32_t kw = 0;
	long i;

	if (v == NULL || (i = view_find(v, uid)) < 0) {
		fprintf(stderr, "viewtool: no uid %lu\n", (unsigned long)uid);
		return 1;
	}
	for (const char *p = letters; *p; p++)
		flags |= mdname_flag_bit(*p);
	for (; *kws; kws++) {
		int k = view_keyword_add(v, *kws);
		if (k < 0) {
			perror(*kws);
			return 1;
		}
		kw |= 1u << k;
	}
	if (view_set_flags(v, (size_t)i, flags, kw) < 0) {
		perror("set_flags");
		return 1;
	}
	view_close(v);
	return 0;
}

static int
cmd_expunge(const char *dir, uint32_t uid)
{
	struct view *v = view_open(dir, 0);
	long i;

	if (v == NULL || (i = view_find(v, uid)) < 0 ||
	    view_expunge(v, (size_t)i) < 0) {
		fprintf(stderr, "viewtool: cannot expunge %lu\n",
		    (unsigned long)uid);
		return 1;
	}
	view_close(v);
	return 0;
}

static int
cmd_open(const char *dir, int flags)
{
	struct timespec a, b;
	struct view *v;

	clock_gettime(CLOCK_MONOTONIC, &a);
	v = view_open(dir, flags);
	clock_gettime(CLOCK_MONOTONIC, &b);
	if (v == NULL) {
		perror(dir);
		return 1;
	}
	printf("%zu messages, open %.3f ms\n", v->count,
	    (double)(b.tv_sec - a.tv_sec) * 1e3 +
	    (double)(b.tv_nsec - a.tv_nsec) / 1e6);
	view_close(v);
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc >= 3 && strcmp(argv[1], "list") == 0)
		return cmd_list(argv[2]);
	if (argc >= 3 && strcmp(argv[1], "open") == 0)
		return cmd_open(argv[2], argc > 3 ? VIEW_NOCACHE : 0);
	if (argc >= 5 && strcmp(argv[1], "flags") == 0)
		return cmd_flags(argv[2], (uint32_t)strtoul(argv[3], NULL,
		    10), argv[4], argv + 5);
	if (argc == 4 && strcmp(argv[1], "expunge") == 0)
		return cmd_expunge(argv[2], (uint32_t)strtoul(argv[3], NULL,
		    10));
	if (argc == 5 && strcmp(argv[1], "stress") == 0)
		return stress(argv[2], atoi(argv[3]),
		    (unsigned)strtoul(argv[4], NULL, 10));
	fprintf(stderr, "usage: viewtool list|open|flags|expunge|stress "
	    "DIR ...\n");
	return 2;
}
