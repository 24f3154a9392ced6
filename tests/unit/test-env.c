/* test-env.c: login/env.c */
#include <stdlib.h>
#include "tap.h"
#include "../../login/env.h"
#include "limits.h"

static const char *
get(struct env *e, const char *name)
{
	size_t n = strlen(name);

	for (int i = 0; i < e->n; i++)
		if (strncmp(e->v[i], name, n) == 0 && e->v[i][n] == '=')
			return e->v[i] + n + 1;
	return NULL;
}

int
main(void)
{
	static struct env e;
	static char big[LIM_ENV_VALUE + 2];

	plan_lazy();
	setenv("IMAPD_X", "1", 1);
	setenv("POP3D_Y", "2", 1);
	setenv("SECRET_Z", "3", 1);
	setenv("EXTRA_A", "4", 1);
	setenv("LOGIN_KEEPENV", "EXTRA_A MISSING", 1);
	env_init(&e);
	ok(env_set(&e, "SERVICE", "imap") == 0, "set");
	ok(env_set(&e, "SERVICE", "pop3") == 0, "set again");
	is_str(get(&e, "SERVICE"), "pop3", "replaced");
	ok(env_set(&e, "EMPTY", "") == 0 && get(&e, "EMPTY") == NULL,
	    "empty values are skipped");
	ok(env_keep_prefix(&e, "IMAP") == 0, "keep prefix");
	is_str(get(&e, "IMAPD_X"), "1", "IMAP* kept");
	ok(get(&e, "POP3D_Y") == NULL && get(&e, "SECRET_Z") == NULL,
	    "others not");
	ok(env_keep_list(&e, "LOGIN_KEEPENV") == 0, "keep list");
	is_str(get(&e, "EXTRA_A"), "4", "listed variable kept");
	ok(get(&e, "MISSING") == NULL, "unset listed variable absent");
	memset(big, 'x', LIM_ENV_VALUE);
	ok(env_set(&e, "BIG", big) == 0, "value at the limit");
	big[LIM_ENV_VALUE] = 'x';
	ok(env_set(&e, "BIG2", big) < 0, "one byte over refused");
	ok(e.v[e.n] == NULL, "NULL-terminated");
	return done_testing();
}
