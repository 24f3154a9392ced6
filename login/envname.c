/* envname.c: extra field keys as environment names (see envname.h). */
#include <ctype.h>
#include <string.h>

#include "envname.h"

int
envname_from_key(const char *key, size_t len, char *out, size_t size)
{
	if (len == 0 || len >= size || !isalpha((unsigned char)key[0]))
		return -1;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)key[i];

		if (c == '.' || c == '-')
			out[i] = '_';
		else if (isalnum(c) || c == '_')
			out[i] = (char)toupper(c);
		else
			return -1;
	}
	out[len] = '\0';
	return 0;
}

int
envname_reserved(const char *env)
{
	static const char *const exact[] = {
		"USER", "HOME", "MAILDIR", "SHELL", "QUOTA", "PATH", "IFS",
		"SERVICE", "AUTH_MECH", "IMAPLOGINTAG", "MASTER_USER",
		"MASTER_SEPARATOR", "MAILDIR_CREATE", "ALLOW_UID0", "PROTO",
		"TZ", "ENV", "BASH_ENV", "LOGNAME", "AUTHENTICATED",
	};
	static const char *const prefix[] = {
		"LD_", "TCP", "SSL", "MALLOC_", "GLIBC_", "GCONV", "LOCPATH",
		"NLSPATH",
	};

	for (size_t i = 0; i < sizeof exact / sizeof exact[0]; i++)
		if (strcmp(env, exact[i]) == 0)
			return 1;
	for (size_t i = 0; i < sizeof prefix / sizeof prefix[0]; i++)
		if (strncmp(env, prefix[i], strlen(prefix[i])) == 0)
			return 1;
	return 0;
}
