/*
 * cred.h: the checkpassword record on descriptor 3,
 *   login\0password\0timestamp\0[more]
 * (for CRAM-MD5: login\0response\0challenge\0), and the master-user form
 * of a login, "user*master".  I/O-free: fields point into the buffer.
 */
#ifndef LOGIN_CRED_H
#define LOGIN_CRED_H

#include <stddef.h>

struct cred {
	const char *login;
	const char *secret;	/* password, or the CRAM-MD5 response */
	size_t secret_len;
	const char *stamp;	/* timestamp, or the CRAM-MD5 challenge */
	size_t stamp_len;
};

/*
 * Parse len bytes: 0, or -1 if login or password is not NUL-terminated
 * (a missing timestamp is taken as empty).
 */
int cred_parse(const char *buf, size_t len, struct cred *);

/*
 * "user*master" with separator sep: 1 and the two parts copied (each
 * nonempty), 0 if login holds no separator (or sep is empty), -1 if a
 * part is empty or too long.
 */
int cred_split_master(const char *login, const char *sep, char *user,
    size_t usize, char *master, size_t msize);

#endif
