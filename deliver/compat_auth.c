/*
 * compat_auth.c: TEMPORARY stand-in for shared/usertable.c until the
 * authentication work lands on main (built only while it is missing).
 */
#include <errno.h>
#include <string.h>

#include "usertable.h"

int
user_lookup(const char *table, const char *address, const char *delims,
    struct user_record *rec)
{
	(void)table;
	(void)address;
	(void)delims;
	memset(rec, 0, sizeof *rec);
	errno = ENOSYS;
	return -1;
}

void
user_record_wipe(struct user_record *rec)
{
	explicit_bzero(rec->secret, sizeof rec->secret);
}
