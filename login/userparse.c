/* userparse.c: parse and format users(5) lines (see userparse.h). */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cidr.h"
#include "pwscheme.h"
#include "userparse.h"
#include "userparse_extra.h"

#define NFIELDS 8

__attribute__((format(printf, 2, 3))) int
userparse_fail(char err[USERPARSE_ERR], const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, USERPARSE_ERR, fmt, ap);
	va_end(ap);
	return -1;
}

/* Copy into a fixed field; -1 if it does not fit. */
int
userparse_copy(char *dst, size_t size, const char *src, size_t n)
{
	if (n >= size)
		return -1;
	memcpy(dst, src, n);
	dst[n] = '\0';
	return 0;
}

/* Split at the first seven colons; the number of fields. */
static int
split_fields(char *line, char *f[NFIELDS])
{
	int n = 1;

	f[0] = line;
	for (char *p = line; *p && n < NFIELDS; p++)
		if (*p == ':') {
			*p = '\0';
			f[n++] = p + 1;
		}
	return n;
}

/* A login or an alias: printable, no space, colon, comma, quote. */
int
userparse_address_ok(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s <= ' ' || *s == 0x7f || *s == ':' ||
		    *s == ',' || *s == '"' || *s == '\\')
			return 0;
	return 1;
}

static int
parse_login(const char *s, struct user_record *rec, char *err)
{
	size_t n = strlen(s);

	if (n == 0)
		return userparse_fail(err, "empty login");
	if (n >= sizeof rec->login)
		return userparse_fail(err, "login too long");
	if (!userparse_address_ok(s) || strchr(s, '*'))
		return userparse_fail(err, "bad character in login");
	if (s[0] == '@')
		return userparse_fail(err, "login may not start with @");
	for (size_t i = 0; i <= n; i++)
		rec->login[i] = (char)tolower((unsigned char)s[i]);
	return 0;
}

static int
parse_secret(const char *s, struct user_record *rec, char *err)
{
	char why[USERPARSE_ERR];

	if (strlen(s) >= sizeof rec->secret)
		return userparse_fail(err, "password too long");
	if (*s && pwscheme_check(s, why, sizeof why) < 0)
		return userparse_fail(err, "%s", why);
	memcpy(rec->secret, s, strlen(s) + 1);
	return 0;
}

static int
parse_id(const char *s, int group, userparse_resolver *resolve,
    unsigned long *id, char *err)
{
	const char *what = group ? "gid" : "uid";
	char *end;

	if (*s == '\0')
		return userparse_fail(err, "empty %s", what);
	if (isdigit((unsigned char)*s)) {
		errno = 0;
		*id = strtoul(s, &end, 10);
		if (errno || *end || *id >= UINT32_MAX)
			return userparse_fail(err, "bad %s: %.40s", what, s);
		return 0;
	}
	if (resolve == NULL || resolve(s, group, id) < 0 || *id >= UINT32_MAX)
		return userparse_fail(err, "unknown %s: %.40s",
		    group ? "group" : "user", s);
	return 0;
}

/* Absolute, no "." or ".." component: home and maildir= alike. */
int
userparse_path_ok(const char *s)
{
	if (s[0] != '/')
		return 0;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p < ' ' || *p == 0x7f)
			return 0;
	for (const char *p = s; (p = strchr(p, '/')) != NULL; p++) {
		if (p[1] == '.' && (p[2] == '/' || p[2] == '\0'))
			return 0;
		if (p[1] == '.' && p[2] == '.' && (p[3] == '/' || !p[3]))
			return 0;
	}
	return 1;
}

static int
parse_home(const char *s, struct user_record *rec, char *err)
{
	if (*s == '\0')
		return userparse_fail(err, "empty home");
	if (!userparse_path_ok(s))
		return userparse_fail(err, "home is not an absolute path");
	/* Leave room for "/Maildir/.folder/tmp/name" under it. */
	if (strlen(s) >= sizeof rec->home - 512)
		return userparse_fail(err, "home too long");
	memcpy(rec->home, s, strlen(s) + 1);
	return 0;
}

static int
parse_text(const char *s, char *dst, size_t size, const char *what,
    char *err)
{
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p < ' ' || *p == 0x7f)
			return userparse_fail(err, "control character in %s",
			    what);
	if (userparse_copy(dst, size, s, strlen(s)) < 0)
		return userparse_fail(err, "%s too long", what);
	return 0;
}

static int
parse_fields(char **f, userparse_resolver *resolve, struct user_record *r,
    char *err)
{
	unsigned long uid, gid;

	if (parse_login(f[0], r, err) < 0 || parse_secret(f[1], r, err) < 0 ||
	    parse_id(f[2], 0, resolve, &uid, err) < 0 ||
	    parse_id(f[3], 1, resolve, &gid, err) < 0 ||
	    parse_text(f[4], r->gecos, sizeof r->gecos, "gecos", err) < 0 ||
	    parse_home(f[5], r, err) < 0 ||
	    parse_text(f[6], r->shell, sizeof r->shell, "shell", err) < 0)
		return -1;
	r->uid = (uid_t)uid;
	r->gid = (gid_t)gid;
	return userparse_extra(f[7], r, err);
}

int
userparse_line(const char *line, userparse_resolver *resolve,
    struct user_record *rec, char err[USERPARSE_ERR])
{
	char buf[LIM_USER_LINE + 1], *f[NFIELDS] = { 0 };
	const char *p = line;
	int n, r;

	memset(rec, 0, sizeof *rec);
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '\0' || *p == '#')
		return 0;
	if (strlen(line) > LIM_USER_LINE)
		return userparse_fail(err, "line too long");
	for (p = line; *p; p++)
		if (((unsigned char)*p < ' ' && *p != '\t') || *p == 0x7f)
			return userparse_fail(err, "control character in line");
	memcpy(buf, line, strlen(line) + 1);
	n = split_fields(buf, f);
	if (n < 6)
		return userparse_fail(err, "expected login:password:uid:gid:"
		    "gecos:home[:shell[:extra]]");
	if (f[6] == NULL)
		f[6] = buf + strlen(line);
	if (f[7] == NULL)
		f[7] = buf + strlen(line);
	r = parse_fields(f, resolve, rec, err);
	explicit_bzero(buf, sizeof buf);
	if (r < 0) {
		user_record_wipe(rec);
		return -1;
	}
	return 1;
}
