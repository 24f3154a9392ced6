/*
 * fuzz-userparse.c: one users(5) line through the parser, and the record
 * formatted back and parsed again, which must give the same record.
 * fuzz-srcs: login/userparse.c login/userparse_extra.c login/userformat.c
 * fuzz-srcs: login/cidr.c login/pwscheme.c login/cram.c login/md5.c
 * fuzz-srcs: login/envname.c shared/usertable.c shared/userrec.c
 * fuzz-srcs: shared/str.c -lcdb -lcrypt
 */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "../../login/userparse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
resolve(const char *name, int group, unsigned long *id)
{
	(void)group;
	if (strcmp(name, "vmail") != 0)
		return -1;
	*id = 5000;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char line[LIM_USER_LINE + 2], out[2 * LIM_USER_LINE];
	static struct user_record a, b;
	char err[USERPARSE_ERR];

	if (size > LIM_USER_LINE + 1 || memchr(data, '\0', size) ||
	    memchr(data, '\n', size))
		return 0;
	memcpy(line, data, size);
	line[size] = '\0';
	if (userparse_line(line, resolve, &a, err) != 1)
		return 0;
	if (userparse_format(&a, 1, out, sizeof out) < 0)
		return 0;
	assert(userparse_line(out, resolve, &b, err) == 1);
	b.uid = a.uid;	/* names were resolved to numbers */
	b.gid = a.gid;
	assert(memcmp(&a, &b, sizeof a) == 0);
	return 0;
}
