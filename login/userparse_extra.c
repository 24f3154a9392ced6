/* userparse_extra.c: the extra field of users(5) (see userparse_extra.h) */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cidr.h"
#include "envname.h"
#include "userparse_extra.h"

#define TOKEN_MAX LIM_USER_LINE

struct token {
	char key[64];
	char val[TOKEN_MAX];
	int has_val;
};

/* A quoted value: "..." with \" and \\; p at the opening quote. */
static int
token_quoted(const char **pp, char *val, size_t size, char *err)
{
	const char *p = *pp + 1;
	size_t n = 0;

	for (; *p && *p != '"'; p++) {
		if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
			p++;
		if (n + 1 >= size)
			return userparse_fail(err, "extra value too long");
		val[n++] = *p;
	}
	if (*p != '"')
		return userparse_fail(err, "unterminated quote");
	val[n] = '\0';
	*pp = p + 1;
	return 0;
}

/* Next "key", "key=value" or key="quoted value"; 1, 0 at the end, -1. */
static int
token_next(const char **pp, struct token *t, char *err)
{
	const char *p = *pp;
	size_t k;

	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '\0')
		return 0;
	k = strcspn(p, "= \t");
	if (k == 0 || userparse_copy(t->key, sizeof t->key, p, k) < 0)
		return userparse_fail(err, "bad extra field: %.40s", p);
	p += k;
	t->has_val = *p == '=';
	t->val[0] = '\0';
	if (t->has_val && *++p == '"') {
		if (token_quoted(&p, t->val, sizeof t->val, err) < 0)
			return -1;
	} else if (t->has_val) {
		k = strcspn(p, " \t");
		if (userparse_copy(t->val, sizeof t->val, p, k) < 0)
			return userparse_fail(err, "extra value too long");
		p += k;
	}
	if (*p && *p != ' ' && *p != '\t')
		return userparse_fail(err, "bad extra field: %.40s", t->key);
	*pp = p;
	return 1;
}

static int
quota_size(const char *s, size_t n, int unit_ok, long long *out)
{
	static const char units[] = "kmgt";
	unsigned long long v = 0, mul = 1;
	size_t i;

	for (i = 0; i < n && isdigit((unsigned char)s[i]); i++)
		if (__builtin_mul_overflow(v, 10, &v) ||
		    __builtin_add_overflow(v, (unsigned)(s[i] - '0'), &v))
			return -1;
	if (i == 0 || n - i > (size_t)unit_ok)
		return -1;
	if (i < n) {
		const char *u = strchr(units, tolower((unsigned char)s[i]));

		if (u == NULL || s[i] == '\0')
			return -1;
		for (long j = 0; j <= u - units; j++)
			mul *= 1024;
	}
	if (__builtin_mul_overflow(v, mul, &v) || v > INT64_MAX)
		return -1;
	*out = (long long)v;
	return 0;
}

/* One quota item: SIZE[kMGT], NS, NC or messages=N. */
static int
quota_item(const char *s, size_t n, long long *bytes, long long *msgs)
{
	if (n > 9 && strncmp(s, "messages=", 9) == 0)
		return quota_size(s + 9, n - 9, 0, msgs);
	if (n > 1 && (s[n - 1] == 'C' || s[n - 1] == 'c'))
		return quota_size(s, n - 1, 0, msgs);
	if (n > 1 && (s[n - 1] == 'S' || s[n - 1] == 's'))
		return quota_size(s, n - 1, 0, bytes);
	return quota_size(s, n, 1, bytes);
}

int
userparse_quota(const char *s, long long *bytes, long long *msgs)
{
	if (*s == '\0')
		return -1;
	for (;;) {
		size_t n = strcspn(s, ",");

		if (n == 0 || quota_item(s, n, bytes, msgs) < 0)
			return -1;
		s += n;
		if (*s++ == '\0')
			return 0;
	}
}

static int
key_quota(const struct token *t, struct user_record *r, char *err)
{
	if (userparse_quota(t->val, &r->quota_bytes, &r->quota_messages) < 0)
		return userparse_fail(err, "bad quota: %.40s", t->val);
	return 0;
}

static int
key_messages(const struct token *t, struct user_record *r, char *err)
{
	long long bytes = 0;
	char item[TOKEN_MAX + 16];

	snprintf(item, sizeof item, "messages=%s", t->val);
	if (userparse_quota(item, &bytes, &r->quota_messages) < 0)
		return userparse_fail(err, "bad messages: %.40s", t->val);
	return 0;
}

static int
key_maildir(const struct token *t, struct user_record *r, char *err)
{
	const char *v = t->val;

	if (!userparse_path_ok(v[0] == '~' ? v + 1 : v) ||
	    (v[0] == '~' && v[1] != '/'))
		return userparse_fail(err, "maildir is not an absolute path "
		    "or ~/path");
	if (strlen(v) >= sizeof r->maildir_src - 512)
		return userparse_fail(err, "maildir too long");
	memcpy(r->maildir_src, v, strlen(v) + 1);
	return 0;
}

static int
key_nologin(const struct token *t, struct user_record *r, char *err)
{
	r->nologin = 1;
	if (userparse_copy(r->nologin_reason, sizeof r->nologin_reason,
	    t->val, strlen(t->val)) < 0)
		return userparse_fail(err, "nologin reason too long");
	return 0;
}

static int
key_allow_nets(const struct token *t, struct user_record *r, char *err)
{
	char bad[64];

	if (cidr_list_check(t->val, bad, sizeof bad) < 0)
		return userparse_fail(err, "bad allow_nets: %s", bad);
	if (userparse_copy(r->allow_nets, sizeof r->allow_nets, t->val,
	    strlen(t->val)) < 0)
		return userparse_fail(err, "allow_nets too long");
	return 0;
}

/* user@dom, user, or @dom (a catch-all). */
static int
alias_ok(const char *a, size_t n, const char *login)
{
	const char *at = memchr(a, '@', n);

	if (n == 0 || n >= LIM_LOGIN)
		return 0;
	if (a[0] == '@' && (n == 1 || memchr(a + 1, '@', n - 1)))
		return 0;
	if (at && at == a + n - 1)
		return 0;
	return !(strlen(login) == n && memcmp(login, a, n) == 0);
}

static int
key_alias(const struct token *t, struct user_record *r, char *err)
{
	char *v = r->aliases;

	if (userparse_copy(v, sizeof r->aliases, t->val, strlen(t->val)) < 0)
		return userparse_fail(err, "alias list too long");
	for (char *p = v; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	for (const char *p = v;;) {
		size_t n = strcspn(p, ",");
		char one[LIM_LOGIN];

		if (userparse_copy(one, sizeof one, p, n) < 0 ||
		    !userparse_address_ok(one) || !alias_ok(p, n, r->login))
			return userparse_fail(err, "bad alias: %.*s",
			    (int)(n > 60 ? 60 : n), p);
		p += n;
		if (*p++ == '\0')
			return 0;
	}
}

static int
key_host(const struct token *t, struct user_record *r, char *err)
{
	size_t n = strlen(t->val);

	if (n == 0 || n >= sizeof r->host || strspn(t->val,
	    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789.-:[]") != n)
		return userparse_fail(err, "bad host: %.40s", t->val);
	memcpy(r->host, t->val, n + 1);
	return 0;
}

static int
key_port(const struct token *t, struct user_record *r, char *err)
{
	char *end;
	unsigned long p;

	errno = 0;
	p = strtoul(t->val, &end, 10);
	if (!isdigit((unsigned char)t->val[0]) || *end || errno || p == 0 ||
	    p > 65535)
		return userparse_fail(err, "bad port: %.40s", t->val);
	r->port = (unsigned)p;
	return 0;
}

static int
key_disable(const struct token *t, struct user_record *r, char *err)
{
	for (const char *p = t->val;;) {
		size_t n = strcspn(p, ",");

		if (n == 4 && strncmp(p, "imap", 4) == 0)
			r->disable |= USER_DISABLE_IMAP;
		else if (n == 4 && strncmp(p, "pop3", 4) == 0)
			r->disable |= USER_DISABLE_POP3;
		else if (n == 4 && strncmp(p, "lmtp", 4) == 0)
			r->disable |= USER_DISABLE_LMTP;
		else
			return userparse_fail(err, "bad disable: %.40s",
			    t->val);
		p += n;
		if (*p++ == '\0')
			return 0;
	}
}

static int
key_master(const struct token *t, struct user_record *r, char *err)
{
	(void)t;
	(void)err;
	r->master = 1;
	return 0;
}

enum { VAL_NO, VAL_YES, VAL_MAYBE };

static const struct extra_key {
	const char *name;
	int val;
	int (*parse)(const struct token *, struct user_record *, char *);
} extra_keys[] = {
	{ "quota", VAL_YES, key_quota },
	{ "messages", VAL_YES, key_messages },
	{ "maildir", VAL_YES, key_maildir },
	{ "nologin", VAL_MAYBE, key_nologin },
	{ "allow_nets", VAL_YES, key_allow_nets },
	{ "alias", VAL_YES, key_alias },
	{ "host", VAL_YES, key_host },
	{ "port", VAL_YES, key_port },
	{ "disable", VAL_YES, key_disable },
	{ "master", VAL_NO, key_master },
};
#define NKEYS (sizeof extra_keys / sizeof extra_keys[0])

static int
extra_seen(const struct user_record *r, const char *key)
{
	size_t n = strlen(key);

	for (const char *e = r->extra; *e; e += strlen(e) + 1)
		if (strncmp(e, key, n) == 0 && e[n] == '=')
			return 1;
	return 0;
}

/* An unknown key=value, carried to the environment as KEY. */
static int
extra_other(const struct token *t, struct user_record *r, char *err)
{
	char env[64];
	size_t used = 0, n;

	if (envname_from_key(t->key, strlen(t->key), env, sizeof env) < 0)
		return userparse_fail(err, "bad extra field: %.40s", t->key);
	if (envname_reserved(env))
		return userparse_fail(err, "reserved extra field: %s", t->key);
	if (!t->has_val)
		return userparse_fail(err, "extra field without value: %s",
		    t->key);
	if (extra_seen(r, t->key))
		return userparse_fail(err, "duplicate extra field: %s",
		    t->key);
	while (r->extra[used])
		used += strlen(r->extra + used) + 1;
	n = strlen(t->key) + 1 + strlen(t->val) + 1;
	if (used + n + 1 > sizeof r->extra || strlen(t->val) >= LIM_ENV_VALUE)
		return userparse_fail(err, "extra field too long: %s", t->key);
	snprintf(r->extra + used, n, "%s=%s", t->key, t->val);
	r->extra[used + n] = '\0';
	return 0;
}

static int
extra_known(const struct token *t, struct user_record *r, unsigned *seen,
    char *err)
{
	for (size_t i = 0; i < NKEYS; i++) {
		const struct extra_key *k = &extra_keys[i];

		if (strcmp(t->key, k->name) != 0)
			continue;
		if (*seen & (1u << i))
			return userparse_fail(err, "duplicate extra field: %s",
			    k->name);
		*seen |= 1u << i;
		if (k->val == VAL_NO && t->has_val)
			return userparse_fail(err, "%s takes no value",
			    k->name);
		if (k->val == VAL_YES && t->val[0] == '\0')
			return userparse_fail(err, "%s needs a value",
			    k->name);
		return k->parse(t, r, err);
	}
	return extra_other(t, r, err);
}

int
userparse_extra(const char *s, struct user_record *r, char *err)
{
	static struct token t;
	unsigned seen = 0;
	int n;

	while ((n = token_next(&s, &t, err)) > 0)
		if (extra_known(&t, r, &seen, err) < 0)
			return -1;
	return n;
}
