/*
 * subscriptions.c: the subscriptions file.  Parsing and formatting are
 * I/O-free (subs_parse, subs_format); changes run under Dovecot's dotlock
 * name so that both servers can edit the file of a shared Maildir.
 */
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dotlock.h"
#include "file.h"
#include "folder.h"
#include "limits.h"
#include "str.h"
#include "subscriptions.h"

#define SUBS_FILE	"subscriptions"
#define SUBS_COURIER	"courierimapsubscribed"
#define SUBS_WAIT	10	/* seconds to wait for the lock */

/* 1 if name is among the first n names. */
static int
subs_has_n(const struct subs *sb, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(sb->v[i], name) == 0)
			return 1;
	return 0;
}

int
subs_has(const struct subs *sb, const char *name)
{
	return subs_has_n(sb, sb->n, name);
}

static int
subs_push(struct subs *sb, const char *name, size_t len)
{
	char **v, *copy;

	if ((copy = strndup(name, len)) == NULL)
		return -1;
	if (subs_has(sb, copy)) {
		free(copy);
		return 0;
	}
	if (sb->n == SIZE_MAX / sizeof *v ||
	    (v = realloc(sb->v, (sb->n + 1) * sizeof *v)) == NULL) {
		free(copy);
		errno = ENOMEM;
		return -1;
	}
	sb->v = v;
	sb->v[sb->n++] = copy;
	return 0;
}

void
subs_free(struct subs *sb)
{
	size_t i;

	for (i = 0; i < sb->n; i++)
		free(sb->v[i]);
	free(sb->v);
	sb->v = NULL;
	sb->n = 0;
}

/*
 * Dovecot 2.3 version 2 line: hierarchy levels separated by TAB, each
 * tab-escaped (\001 followed by 1 t r n 0 stands for \001 TAB CR LF NUL).
 */
static int
v2_name(const char *line, size_t len, struct str *out)
{
	static const char esc[] = "1trn0", val[] = "\001\t\r\n";
	const char *p;
	size_t i;

	str_truncate(out, 0);
	for (i = 0; i < len; i++) {
		char c = line[i];

		if (c == '\t')
			c = FOLDER_SEP;
		else if (c == '\001' && i + 1 < len && line[i + 1] != '\0' &&
		    (p = strchr(esc, line[i + 1])) != NULL) {
			if (p - esc >= 4)
				return -1;	/* a NUL in a name: drop it */
			c = val[p - esc];
			i++;
		}
		if (str_appendc(out, c) < 0)
			return -1;
	}
	return 0;
}

/* 1 if the name can stand on a line of its own. */
static int
printable(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return 0;
	return n > 0;
}

static int
parse_line(struct subs *out, const char *line, size_t len, int v2,
    struct str *tmp)
{
	if (len > 0 && line[len - 1] == '\r')
		len--;
	if (v2) {
		if (v2_name(line, len, tmp) < 0)
			return 0;
		line = tmp->s;
		len = tmp->len;
	}
	if (!printable(line, len))
		return 0;	/* empty or garbage line: skip */
	return subs_push(out, line, len);
}

int
subs_parse(const char *buf, size_t n, struct subs *out)
{
	struct str tmp = STR_INIT(4 * LIM_FOLDER_NAME);
	const char *p = buf, *end = buf + n, *nl;
	int v2 = 0, r = 0;

	out->v = NULL;
	out->n = 0;
	if (n == 0)
		return 0;
	/* Version 2: "V\t2" then header lines up to an empty line. */
	if (n >= 2 && p[0] == 'V' && p[1] == '\t') {
		v2 = 1;
		while (p < end && (nl = memchr(p, '\n', end - p)) != NULL) {
			int blank = nl == p || (nl == p + 1 && *p == '\r');

			p = nl + 1;
			if (blank)
				break;
		}
	}
	for (; p < end && r == 0; p = nl + 1) {
		if ((nl = memchr(p, '\n', end - p)) == NULL)
			nl = end;
		r = parse_line(out, p, nl - p, v2, &tmp);
	}
	str_free(&tmp);
	if (r < 0)
		subs_free(out);
	return r;
}

int
subs_format(const struct subs *sb, struct str *out)
{
	size_t i;

	str_truncate(out, 0);
	if (str_reserve(out, 1) < 0)
		return -1;
	for (i = 0; i < sb->n; i++)
		if (str_appends(out, sb->v[i]) < 0 ||
		    str_appendc(out, '\n') < 0)
			return -1;
	return 0;
}

/* Parse root/file into out; 1 if there is no such file. */
static int
read_file(const char *root, const char *file, struct subs *out)
{
	struct str buf = STR_INIT(LIM_SUBS_FILE);
	char path[LIM_PATH];
	int r;

	if (file_join(path, sizeof path, root, file) < 0)
		return -1;
	if (file_read_all(path, &buf, LIM_SUBS_FILE) < 0) {
		str_free(&buf);
		return errno == ENOENT ? 1 : -1;
	}
	r = subs_parse(buf.len > 0 ? buf.s : "", buf.len, out);
	str_free(&buf);
	return r;
}

/*
 * Courier keeps its list in courierimapsubscribed, with its "INBOX."
 * namespace prefix: a Maildir moved from Courier keeps its subscriptions
 * until the first change writes our file.
 */
static int
read_courier(const char *root, struct subs *out)
{
	size_t i, j;
	int r;

	if ((r = read_file(root, SUBS_COURIER, out)) != 0)
		return r < 0 ? -1 : 0;
	for (i = j = 0; i < out->n; i++) {
		char *name = out->v[i];

		if (strncmp(name, FOLDER_INBOX ".", 6) == 0)
			memmove(name, name + 6, strlen(name + 6) + 1);
		if (name[0] == '\0' || subs_has_n(out, j, name))
			free(name);
		else
			out->v[j++] = name;
	}
	out->n = j;
	return 0;
}

int
subs_read(const char *root, struct subs *out)
{
	int r;

	out->v = NULL;
	out->n = 0;
	if ((r = read_file(root, SUBS_FILE, out)) == 1)
		r = read_courier(root, out);
	return r;
}

enum subs_op { SUBS_ADD, SUBS_REMOVE, SUBS_RENAME };

/* The new name of name (from + rest) under to, or NULL. */
static char *
renamed(const char *name, size_t fromlen, const char *to)
{
	struct str tmp = STR_INIT(LIM_PATH);
	char *r = NULL;

	if (str_printf(&tmp, "%s%s", to, name + fromlen) == 0)
		r = strdup(tmp.s);
	str_free(&tmp);
	return r;
}

/* Apply op to the list in memory: 1 if it changed, -1 on error. */
static int
apply(struct subs *sb, enum subs_op op, const char *a, const char *b)
{
	size_t i, j, alen = strlen(a);
	int changed = 0, err = 0;
	char *name;

	if (op == SUBS_ADD)
		return subs_has(sb, a) ? 0 : subs_push(sb, a, alen) < 0 ? -1 : 1;
	for (i = j = 0; i < sb->n; i++) {
		name = sb->v[i];
		if (strncmp(name, a, alen) != 0 || !(name[alen] == '\0' ||
		    (op == SUBS_RENAME && name[alen] == FOLDER_SEP))) {
			sb->v[j++] = name;
			continue;
		}
		changed = 1;
		sb->v[i] = NULL;
		if (op == SUBS_RENAME && (sb->v[j] = renamed(name, alen,
		    b)) != NULL)
			j++;
		else if (op == SUBS_RENAME)
			err = 1;
		free(name);
	}
	sb->n = j;
	if (err) {
		errno = ENOMEM;
		return -1;
	}
	return changed;
}

static int
update(const char *root, enum subs_op op, const char *a, const char *b)
{
	struct str buf = STR_INIT(LIM_SUBS_FILE);
	struct dotlock dl;
	char path[LIM_PATH];
	struct subs sb;
	int r, saved;

	if (!printable(a, strlen(a)) || (b != NULL && !printable(b,
	    strlen(b)))) {
		errno = EINVAL;
		return -1;
	}
	/* Dovecot's lock, so both servers may edit a shared Maildir. */
	if (file_join(path, sizeof path, root, SUBS_FILE) < 0 ||
	    dotlock_take(&dl, path, SUBS_WAIT) < 0)
		return -1;
	if ((r = subs_read(root, &sb)) == 0 &&
	    (r = apply(&sb, op, a, b)) > 0)
		r = subs_format(&sb, &buf) < 0 ? -1 :
		    file_replace(path, buf.s, buf.len, 0600);
	saved = errno;
	subs_free(&sb);
	str_free(&buf);
	if (dotlock_release(&dl) < 0 && r >= 0)
		return -1;
	errno = saved;
	return r < 0 ? -1 : 0;
}

int
subs_add(const char *root, const char *name)
{
	return update(root, SUBS_ADD, name, NULL);
}

int
subs_remove(const char *root, const char *name)
{
	return update(root, SUBS_REMOVE, name, NULL);
}

int
subs_rename(const char *root, const char *from, const char *to)
{
	return update(root, SUBS_RENAME, from, to);
}
