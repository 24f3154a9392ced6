/* uidl.c: UIDL strings in Dovecot's and qmail-pop3d's formats. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "uidl.h"

int
uidl_mode_parse(const char *value, enum uidl_mode *mode)
{
	if (value == NULL || *value == '\0' || strcmp(value, "dovecot") == 0)
		*mode = UIDL_DOVECOT;
	else if (strcmp(value, "filename") == 0 ||
	    strcmp(value, "qmail") == 0)
		*mode = UIDL_FILENAME;
	else {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

int
uidl_format(char *buf, size_t size, enum uidl_mode mode, uint32_t uid,
    uint32_t uidvalidity, const char *filename)
{
	size_t n;
	int r;

	if (mode == UIDL_DOVECOT) {
		r = snprintf(buf, size, "%08x%08x", (unsigned)uid,
		    (unsigned)uidvalidity);
		if (r < 0 || (size_t)r >= size) {
			errno = ENAMETOOLONG;
			return -1;
		}
		return 0;
	}
	/* qmail-pop3d.c printfn(): skip "new/" or "cur/", stop at ':'. */
	n = strcspn(filename, ":");
	if (n == 0 || n >= size) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(buf, filename, n);
	buf[n] = '\0';
	return 0;
}
