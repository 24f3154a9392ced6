/*
 * spool.h: the one temporary copy of a message while it arrives.  It has
 * no name (O_TMPFILE, or unlinked at once), so a dropped connection or a
 * killed lmtpd leaves nothing behind, and it is never in memory whole.
 */
#ifndef LMTP_SPOOL_H
#define LMTP_SPOOL_H

#include <stddef.h>

/* An anonymous read-write file in dir; fd or -1. */
int spool_open(const char *dir);
/* Append n bytes; 0 or -1. */
int spool_write(int fd, const void *buf, size_t n);

#endif
