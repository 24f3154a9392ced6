/*
 * pwread.h: read a password for mailpw(1): from a terminal without echo
 * (prompted on stderr), else one line from standard input.  The buffer is
 * the caller's fixed secret buffer; wipe it when done.
 */
#ifndef LOGIN_PWREAD_H
#define LOGIN_PWREAD_H

#include <stddef.h>

/* Length read (without the newline), or -1 (EMSGSIZE too long, EIO). */
long pwread(int fd, const char *prompt, char *buf, size_t size);

#endif
