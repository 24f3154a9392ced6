/*
 * fuzz-cred.c: the checkpassword fd 3 record and master logins.
 * fuzz-srcs: login/cred.c
 * Checked: parsed fields lie inside the input and are NUL-terminated
 * there; a master split gives two non-empty parts that rebuild the login.
 */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../../login/cred.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data, *sep;
	char user[256], master[256], again[600];
	struct cred c;

	if (cred_parse(buf, size, &c) < 0)
		return 0;
	assert(c.login == buf);
	assert(c.secret > buf && c.secret + c.secret_len < buf + size);
	assert(c.secret[c.secret_len] == '\0');
	assert(c.stamp_len == 0 || c.stamp[c.stamp_len] == '\0');
	sep = size > 0 && (data[0] & 1) ? "*" : "::";
	if (cred_split_master(c.login, sep, user, sizeof user, master,
	    sizeof master) == 1) {
		assert(*user && *master);
		snprintf(again, sizeof again, "%s%s%s", user, sep, master);
		assert(strcmp(again, c.login) == 0);
	}
	return 0;
}
