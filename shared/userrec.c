/* userrec.c: encode and decode users.cdb values (format in userrec.h). */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "userrec.h"

static int
field_add(struct str *out, char k, const char *v)
{
	if (str_appendc(out, k) < 0 || str_appendc(out, '=') < 0 ||
	    str_appends(out, v) < 0 || str_appendc(out, '\0') < 0)
		return -1;
	return 0;
}

static int
field_addn(struct str *out, char k, long long n)
{
	char num[32];

	snprintf(num, sizeof num, "%lld", n);
	return field_add(out, k, num);
}

static int
field_opt(struct str *out, char k, const char *v)
{
	return *v ? field_add(out, k, v) : 0;
}

static int
encode_extra(const struct user_record *rec, struct str *out)
{
	const char *e = rec->extra;

	while (*e) {
		if (field_add(out, 'x', e) < 0)
			return -1;
		e += strlen(e) + 1;
	}
	return 0;
}

int
userrec_encode(const struct user_record *r, struct str *out)
{
	if (str_append(out, "u", 2) < 0 || field_add(out, 'p', r->secret) ||
	    field_addn(out, 'u', r->uid) || field_addn(out, 'g', r->gid) ||
	    field_opt(out, 'c', r->gecos) || field_add(out, 'h', r->home) ||
	    field_opt(out, 's', r->shell) ||
	    field_opt(out, 'm', r->maildir_src) ||
	    (r->quota_bytes && field_addn(out, 'q', r->quota_bytes)) ||
	    (r->quota_messages && field_addn(out, 'n', r->quota_messages)) ||
	    (r->nologin && field_add(out, 'N', r->nologin_reason)) ||
	    (r->disable && field_addn(out, 'd', r->disable)) ||
	    (r->master && field_add(out, 'M', "")) ||
	    field_opt(out, 'a', r->allow_nets) ||
	    field_opt(out, 'A', r->aliases) || field_opt(out, 'H', r->host) ||
	    (r->port && field_addn(out, 'P', r->port)) ||
	    encode_extra(r, out))
		return -1;
	return 0;
}

int
userrec_encode_alias(const char *login, struct str *out)
{
	if (str_append(out, "a", 2) < 0 ||
	    str_append(out, login, strlen(login) + 1) < 0)
		return -1;
	return 0;
}

/* Copy a NUL-terminated value into a fixed field; -1 if it does not fit. */
static int
copy_field(char *dst, size_t size, const char *v)
{
	size_t n = strlen(v);

	if (n >= size)
		return -1;
	memcpy(dst, v, n + 1);
	return 0;
}

static int
number_field(const char *v, long long max, long long *out)
{
	char *end;
	long long n;

	if (*v < '0' || *v > '9')
		return -1;
	errno = 0;
	n = strtoll(v, &end, 10);
	if (errno || *end || n > max)
		return -1;
	*out = n;
	return 0;
}

/* Append one "key=value" to the NUL-separated extra list. */
static int
extra_append(struct user_record *r, const char *kv, size_t *used)
{
	size_t n = strlen(kv) + 1;

	if (*used + n + 1 > sizeof r->extra)
		return -1;
	memcpy(r->extra + *used, kv, n);
	*used += n;
	r->extra[*used] = '\0';
	return 0;
}

static int
decode_number(struct user_record *r, char k, const char *v)
{
	long long n;

	if (number_field(v, k == 'P' ? 65535 : INT64_MAX, &n) < 0)
		return -1;
	switch (k) {
	case 'u': if (n > UINT32_MAX - 1) return -1; r->uid = (uid_t)n; break;
	case 'g': if (n > UINT32_MAX - 1) return -1; r->gid = (gid_t)n; break;
	case 'q': r->quota_bytes = n; break;
	case 'n': r->quota_messages = n; break;
	case 'd': r->disable = (unsigned)(n & 7); break;
	case 'P': r->port = (unsigned)n; break;
	}
	return 0;
}

static int
decode_field(struct user_record *r, const char *f, size_t *xused)
{
	const char *v = f + 2;

	if (f[0] == '\0' || f[1] != '=')
		return -1;
	switch (f[0]) {
	case 'p': return copy_field(r->secret, sizeof r->secret, v);
	case 'c': return copy_field(r->gecos, sizeof r->gecos, v);
	case 'h': return copy_field(r->home, sizeof r->home, v);
	case 's': return copy_field(r->shell, sizeof r->shell, v);
	case 'm': return copy_field(r->maildir_src, sizeof r->maildir_src, v);
	case 'a': return copy_field(r->allow_nets, sizeof r->allow_nets, v);
	case 'A': return copy_field(r->aliases, sizeof r->aliases, v);
	case 'H': return copy_field(r->host, sizeof r->host, v);
	case 'N': r->nologin = 1;
		return copy_field(r->nologin_reason,
		    sizeof r->nologin_reason, v);
	case 'M': r->master = 1; return 0;
	case 'x': return extra_append(r, v, xused);
	case 'u': case 'g': case 'q': case 'n': case 'd': case 'P':
		return decode_number(r, f[0], v);
	}
	return 0;	/* a field from a newer mkusers */
}

/* maildir= as written: empty is $HOME/Maildir, "~/x" is $HOME/x. */
static int
maildir_resolve(struct user_record *r)
{
	const char *m = r->maildir_src;
	int n;

	if (*m == '\0')
		n = snprintf(r->maildir, sizeof r->maildir, "%s/Maildir",
		    r->home);
	else if (m[0] == '~' && m[1] == '/')
		n = snprintf(r->maildir, sizeof r->maildir, "%s%s", r->home,
		    m + 1);
	else
		n = snprintf(r->maildir, sizeof r->maildir, "%s", m);
	return n < 0 || (size_t)n >= sizeof r->maildir ? -1 : 0;
}

static int
decode_user(const char *val, size_t len, struct user_record *r)
{
	size_t off = 2, xused = 0;
	int have_uid = 0, have_gid = 0;

	while (off < len) {
		const char *f = val + off;
		size_t n = strnlen(f, len - off);

		if (off + n >= len || decode_field(r, f, &xused) < 0)
			return -1;
		have_uid |= f[0] == 'u';
		have_gid |= f[0] == 'g';
		off += n + 1;
	}
	if (!have_uid || !have_gid || r->home[0] != '/')
		return -1;
	return maildir_resolve(r);
}

int
userrec_decode(const char *val, size_t len, const char *key,
    struct user_record *r)
{
	memset(r, 0, sizeof *r);
	if (len >= 2 && val[0] == 'a' && val[1] == '\0' &&
	    val[len - 1] == '\0' && len - 2 < sizeof r->login &&
	    strlen(val + 2) == len - 3 && len > 3) {
		memcpy(r->login, val + 2, len - 2);
		return USERREC_ALIAS;
	}
	if (len >= 2 && val[0] == 'u' && val[1] == '\0' &&
	    copy_field(r->login, sizeof r->login, key) == 0 &&
	    decode_user(val, len, r) == 0)
		return USERREC_USER;
	user_record_wipe(r);
	errno = EBADMSG;
	return -1;
}
