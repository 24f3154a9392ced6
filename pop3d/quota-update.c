/* quota-update.c: maildirsize after deletions, through shared/quota.h. */
#include <errno.h>

#include "quota.h"
#include "quota-update.h"

int
quota_update_release(const char *dir, long long bytes, long long count)
{
	struct quota q;
	int r = 0, e = 0;

	if (quota_open(&q, dir, NULL) < 0)
		return errno == ENOENT ? 0 : -1;
	/* Without limits there is no maildirsize to keep up to date. */
	if (quota_enabled(&q) && quota_add(&q, -bytes, -count) < 0) {
		r = -1;
		e = errno;
	}
	quota_close(&q);
	errno = e;
	return r;
}
