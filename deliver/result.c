/* result.c: results to qmail or sysexits exit codes, one log line. */
#include <stdarg.h>
#include <stdio.h>
#include <sysexits.h>

#include "limits.h"
#include "log.h"
#include "result.h"

static int use_sysexits;

static const struct {
	int qmail, sysexits;
	const char *name;
} result_codes[] = {
	[RESULT_OK] = { 0, EX_OK, "delivered" },
	[RESULT_TEMP] = { 111, EX_TEMPFAIL, "temporary" },
	[RESULT_USAGE] = { 111, EX_TEMPFAIL, "temporary" },
	[RESULT_QUOTA_TEMP] = { 111, EX_TEMPFAIL, "temporary" },
	[RESULT_QUOTA_PERM] = { 100, EX_CANTCREAT, "permanent" },
	[RESULT_NOUSER] = { 100, EX_NOUSER, "permanent" },
	[RESULT_LOOP] = { 100, EX_DATAERR, "permanent" },
	[RESULT_DATA] = { 100, EX_DATAERR, "permanent" },
	[RESULT_PERM] = { 100, EX_CANTCREAT, "permanent" },
};

void
result_use_sysexits(int on)
{
	use_sysexits = on;
}

int
result_exit_code(enum result r)
{
	return use_sysexits ? result_codes[r].sysexits : result_codes[r].qmail;
}

void
result_fail(enum result r, const char *fmt, ...)
{
	char reason[LIM_LOG_VALUE];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof reason, fmt, ap);
	va_end(ap);
	log_die(result_exit_code(r), "deliver-fail", "status=%s reason=%s",
	    result_codes[r].name, log_esc(reason));
}
