/*
 * pwdummy.h: the user table's dummy hash.  mkusers(8) counts the scheme
 * and cost of every user's secret and stores, under a key no login can
 * have, the hash of a random password made with the most common one;
 * checkpassword-cdb(8) verifies unknown logins against it, so that "no
 * such user" costs what "wrong password" costs in this table, whatever
 * its scheme (a fixed SHA512-CRYPT dummy would give a BLF-CRYPT or
 * YESCRYPT table away by its timing).
 */
#ifndef LOGIN_PWDUMMY_H
#define LOGIN_PWDUMMY_H

#include <stddef.h>

#include "limits.h"

#define PWDUMMY_CLASSES 16	/* distinct scheme/cost pairs tallied */
#define PWDUMMY_CLASS 64	/* "{SHA512-CRYPT}$6$rounds=N$" */

struct pwdummy_tally {
	size_t n;
	struct {
		char class[PWDUMMY_CLASS];
		char sample[LIM_SECRET];	/* one secret of the class */
		long count;
	} c[PWDUMMY_CLASSES];
};

/*
 * The scheme and cost of a stored "{SCHEME}data" without salt or hash:
 * "{BLF-CRYPT}$2b$12$", "{YESCRYPT}$y$j9T$", "{SHA512-CRYPT}$6$",
 * "{PLAIN}".  0, or -1 if stored is malformed or the class too long.
 */
int pwdummy_class(const char *stored, char *out, size_t size);
/* Count one user's secret (empty or malformed ones are not counted). */
void pwdummy_count(struct pwdummy_tally *t, const char *stored);
/*
 * The dummy for the most common class: "{SCHEME}..." hashing a fresh
 * random password with that class's cost.  0; -1 if nothing was counted
 * (errno ENOENT) or hashing failed.  *class_out (may be NULL) is set to
 * the class used.
 */
int pwdummy_make(const struct pwdummy_tally *t, char *out, size_t size,
    const char **class_out);
/* Wipe the samples. */
void pwdummy_wipe(struct pwdummy_tally *t);

#endif
