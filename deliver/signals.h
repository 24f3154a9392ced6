/*
 * signals.h: an MTA that gives up on us (Postfix command_time_limit,
 * qmail's timeouts, a supervisor's SIGTERM) must not leave a half-written
 * file in tmp/: on SIGTERM, SIGHUP, SIGINT and SIGALRM the tmp file is
 * removed and we exit with the temporary-failure code.  SIGXFSZ (a file
 * size limit set by the MTA) is ignored so the write fails with EFBIG and
 * is reported like any other error.
 */
#ifndef DELIVER_SIGNALS_H
#define DELIVER_SIGNALS_H

/* tmppath: the delivery's tmp file name buffer ("" while none). */
void signals_setup(const char *tmppath, int tempfail_code);

#endif
