/*
 * result.h: how a delivery ended, and the exit status that tells the MTA.
 *
 *	result		qmail	-s (sysexits)
 *	delivered	0	0  EX_OK
 *	temporary	111	75 EX_TEMPFAIL   (retry later)
 *	usage/config	111	75 EX_TEMPFAIL   (deferred, not bounced)
 *	over quota	111	75 EX_TEMPFAIL   (-q: 100 / 73 EX_CANTCREAT)
 *	no such user	100	67 EX_NOUSER
 *	mail loop	100	65 EX_DATAERR
 *	bad data	100	65 EX_DATAERR    (bad sender, message too big)
 *	permanent	100	73 EX_CANTCREAT  (cannot ever create the file)
 */
#ifndef DELIVER_RESULT_H
#define DELIVER_RESULT_H

enum result {
	RESULT_OK,
	RESULT_TEMP,
	RESULT_USAGE,
	RESULT_QUOTA_TEMP,
	RESULT_QUOTA_PERM,
	RESULT_NOUSER,
	RESULT_LOOP,
	RESULT_DATA,
	RESULT_PERM,
};

/* Use sysexits(3) codes instead of qmail's. */
void result_use_sysexits(int);
int result_exit_code(enum result);
/* Log one line (level fatal) with the reason and exit with the code. */
__attribute__((noreturn, format(printf, 2, 3)))
void result_fail(enum result, const char *fmt, ...);

#endif
