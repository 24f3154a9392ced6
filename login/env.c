/* env.c: build an environment from an allow list. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "env.h"
#include "limits.h"

extern char **environ;

void
env_init(struct env *e)
{
	e->n = 0;
	e->used = 0;
	e->v[0] = NULL;
}

static int
env_slot(struct env *e, const char *name, size_t nlen)
{
	for (int i = 0; i < e->n; i++)
		if (strncmp(e->v[i], name, nlen) == 0 && e->v[i][nlen] == '=')
			return i;
	return e->n;
}

int
env_set(struct env *e, const char *name, const char *value)
{
	size_t nlen = strlen(name), vlen, need;
	int i;

	if (value == NULL || *value == '\0')
		return 0;
	vlen = strlen(value);
	need = nlen + vlen + 2;
	i = env_slot(e, name, nlen);
	if (vlen > LIM_ENV_VALUE || e->used + need > ENV_ARENA ||
	    (i == e->n && e->n == ENV_VARS)) {
		errno = ENOSPC;
		return -1;
	}
	e->v[i] = e->arena + e->used;
	memcpy(e->v[i], name, nlen);
	e->v[i][nlen] = '=';
	memcpy(e->v[i] + nlen + 1, value, vlen + 1);
	e->used += need;
	if (i == e->n)
		e->v[++e->n] = NULL;
	return 0;
}

int
env_keep(struct env *e, const char *name)
{
	return env_set(e, name, getenv(name));
}

int
env_keep_prefix(struct env *e, const char *prefix)
{
	size_t plen = strlen(prefix);

	for (char **p = environ; *p; p++) {
		const char *eq = strchr(*p, '=');
		char name[128];
		size_t nlen;

		if (eq == NULL || strncmp(*p, prefix, plen) != 0)
			continue;
		nlen = (size_t)(eq - *p);
		if (nlen >= sizeof name)
			continue;
		memcpy(name, *p, nlen);
		name[nlen] = '\0';
		if (env_set(e, name, eq + 1) < 0)
			return -1;
	}
	return 0;
}

int
env_keep_list(struct env *e, const char *listvar)
{
	const char *v = getenv(listvar);
	char name[128];

	while (v && *v) {
		size_t n = strcspn(v, " ,");

		if (n > 0 && n < sizeof name) {
			memcpy(name, v, n);
			name[n] = '\0';
			if (env_keep(e, name) < 0)
				return -1;
		}
		v += n;
		v += strspn(v, " ,");
	}
	return 0;
}
