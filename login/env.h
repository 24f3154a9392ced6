/*
 * env.h: the allow-listed environment handed to the checkpassword
 * program (imap-login(8), HANDOFF).  Fixed storage, bounded values.
 */
#ifndef LOGIN_ENV_H
#define LOGIN_ENV_H

#include <stddef.h>

#define ENV_VARS	96
#define ENV_ARENA	16384

struct env {
	char *v[ENV_VARS + 1];
	int n;
	size_t used;
	char arena[ENV_ARENA];
};

void env_init(struct env *);
/* Set name=value (replacing an earlier one); empty value skips. 0/-1. */
int env_set(struct env *, const char *name, const char *value);
/* Copy name from our own environment if set. */
int env_keep(struct env *, const char *name);
/* Copy every variable whose name starts with prefix. */
int env_keep_prefix(struct env *, const char *prefix);
/* Copy the variables named (space-separated) in the variable listvar. */
int env_keep_list(struct env *, const char *listvar);

#endif
