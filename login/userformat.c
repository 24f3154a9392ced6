/* userformat.c: a user record back in users(5) source form. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "pwscheme.h"
#include "str.h"
#include "userparse.h"

/* key=value, quoted when the value holds a space, quote or backslash. */
static int
put_kv(struct str *s, const char *key, const char *val)
{
	int quote = *val == '\0' || val[strcspn(val, " \t\"\\")] != '\0';

	if (s->len && str_appendc(s, ' ') < 0)
		return -1;
	if (str_appends(s, key) < 0 || str_appendc(s, '=') < 0 ||
	    (quote && str_appendc(s, '"') < 0))
		return -1;
	for (; *val; val++)
		if (((*val == '"' || *val == '\\') && str_appendc(s, '\\') < 0)
		    || str_appendc(s, *val) < 0)
			return -1;
	return quote ? str_appendc(s, '"') : 0;
}

/* Bytes as the largest exact unit: 2147483648 -> "2G". */
static void
size_text(long long n, char *buf, size_t size)
{
	static const char units[] = "kMGT";
	int u = -1;

	while (u < 3 && n >= 1024 && n % 1024 == 0) {
		n /= 1024;
		u++;
	}
	if (u < 0)
		snprintf(buf, size, "%lld", n);
	else
		snprintf(buf, size, "%lld%c", n, units[u]);
}

static int
put_quota(struct str *s, const struct user_record *r)
{
	char q[64] = "", m[48] = "";

	if (r->quota_bytes)
		size_text(r->quota_bytes, q, sizeof q);
	if (r->quota_messages)
		snprintf(m, sizeof m, "%smessages=%lld", *q ? "," : "",
		    r->quota_messages);
	if (*q == '\0' && *m == '\0')
		return 0;
	if (strlen(q) + strlen(m) + 1 > sizeof q)
		return -1;
	memcpy(q + strlen(q), m, strlen(m) + 1);
	return put_kv(s, "quota", q);
}

static int
put_disable(struct str *s, unsigned d)
{
	static const char *const names[] = { "imap", "pop3", "lmtp" };
	char v[32] = "";
	size_t n = 0;

	for (int i = 0; i < 3; i++)
		if (d & (1u << i))
			n += (size_t)snprintf(v + n, sizeof v - n, "%s%s",
			    n ? "," : "", names[i]);
	return n ? put_kv(s, "disable", v) : 0;
}

static int
put_flag(struct str *s, const char *word)
{
	if (s->len && str_appendc(s, ' ') < 0)
		return -1;
	return str_appends(s, word);
}

static int
format_extra(const struct user_record *r, struct str *s)
{
	char port[16];

	snprintf(port, sizeof port, "%u", r->port);
	if (put_quota(s, r) < 0 ||
	    (*r->maildir_src && put_kv(s, "maildir", r->maildir_src) < 0) ||
	    (r->nologin && !*r->nologin_reason && put_flag(s, "nologin")) ||
	    (r->nologin && *r->nologin_reason &&
	    put_kv(s, "nologin", r->nologin_reason) < 0) ||
	    (*r->allow_nets && put_kv(s, "allow_nets", r->allow_nets) < 0) ||
	    (*r->aliases && put_kv(s, "alias", r->aliases) < 0) ||
	    (*r->host && put_kv(s, "host", r->host) < 0) ||
	    (r->port && put_kv(s, "port", port) < 0) ||
	    put_disable(s, r->disable) < 0 ||
	    (r->master && put_flag(s, "master") < 0))
		return -1;
	for (const char *e = r->extra; *e; e += strlen(e) + 1) {
		char key[64];
		size_t k = strcspn(e, "=");

		if (k >= sizeof key)
			return -1;
		memcpy(key, e, k);
		key[k] = '\0';
		if (put_kv(s, key, e[k] ? e + k + 1 : "") < 0)
			return -1;
	}
	return 0;
}

static const char *
masked_secret(const struct user_record *r, char *buf, size_t size)
{
	const char *end = strchr(r->secret, '}');

	if (r->secret[0] == '\0')
		return "";
	snprintf(buf, size, "%.*s*", end ? (int)(end - r->secret + 1) : 0,
	    r->secret);
	return buf;
}

int
userparse_format(const struct user_record *r, int show_secret, char *out,
    size_t size)
{
	struct str extra = STR_INIT(LIM_USER_LINE);
	char mask[64];
	int n = -1;

	if (format_extra(r, &extra) == 0)
		n = snprintf(out, size, "%s:%s:%lu:%lu:%s:%s%s%s%s%s", r->login,
		    show_secret ? r->secret : masked_secret(r, mask,
		    sizeof mask), (unsigned long)r->uid,
		    (unsigned long)r->gid, r->gecos, r->home,
		    *r->shell || extra.len ? ":" : "", r->shell,
		    extra.len ? ":" : "", extra.len ? extra.s : "");
	str_free(&extra);
	return n < 0 || (size_t)n >= size ? -1 : 0;
}
