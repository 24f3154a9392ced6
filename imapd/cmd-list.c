/*
 * cmd-list.c: LIST and LSUB (RFC 3501 6.3.8-9) with CHILDREN (RFC 3348)
 * and SPECIAL-USE attributes (RFC 6154) from the name table in
 * specialuse.c.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "commands.h"
#include "folder.h"
#include "imapstr.h"
#include "specialuse.h"
#include "subscriptions.h"

/*
 * RFC 3501 6.3.8: "*" matches anything, "%" anything but the separator.
 * Dynamic programming over (pattern, name): no backtracking blow-up.
 */
static int
list_match(const char *pat, const char *name)
{
	size_t np = strlen(pat), nn = strlen(name);
	unsigned char *row = calloc(nn + 1, 1), *next = calloc(nn + 1, 1);
	int r;

	if (row == NULL || next == NULL) {
		free(row);
		free(next);
		return 0;
	}
	row[0] = 1;
	for (size_t i = 0; i < np; i++) {
		char pc = pat[i];

		memset(next, 0, nn + 1);
		for (size_t j = 0; j <= nn; j++) {
			if (!row[j])
				continue;
			if (pc == '*' || pc == '%') {
				next[j] = 1;
				for (size_t k = j; k < nn &&
				    (pc == '*' || name[k] != '.'); k++)
					next[k + 1] = 1;
			} else if (j < nn && name[j] == pc)
				next[j + 1] = 1;
		}
		memcpy(row, next, nn + 1);
	}
	r = row[nn];
	free(row);
	free(next);
	return r;
}

/*
 * reference + pattern, INBOX at the start made case-insensitive: "inbox",
 * "inbox.x", and "inbox*" or "inbox%" too (as Dovecot matches them).
 */
static char *
full_pattern(const char *ref, const char *pat)
{
	size_t rl = strlen(ref), pl = strlen(pat);
	char *p = malloc(rl + pl + 1);

	if (p == NULL)
		return NULL;
	memcpy(p, ref, rl);
	memcpy(p + rl, pat, pl + 1);
	if (strncasecmp(p, "INBOX", 5) == 0 && (p[5] == '\0' ||
	    p[5] == '.' || p[5] == '*' || p[5] == '%'))
		memcpy(p, "INBOX", 5);
	return p;
}

static int
put_list_line(struct session *s, const char *cmd, const char *attrs,
    const char *name)
{
	struct str nm = STR_INIT(4096);
	int r;

	imap_put_astring(&nm, name, strlen(name));
	r = untagged(s, "%s (%s) \".\" %s", cmd, attrs, nm.s);
	str_free(&nm);
	return r;
}

/*
 * RFC 3501 7.2.2: \Marked if messages arrived since the folder was last
 * selected, which in a Maildir is exactly "new/ is not empty".
 */
static const char *
marked(const char *root, const char *name)
{
	char path[LIM_PATH], newdir[LIM_PATH + 8];
	struct dirent *e;
	DIR *d;
	int found = 0;

	if (folder_path(root, name, path, sizeof path, NULL) < 0)
		return "";
	snprintf(newdir, sizeof newdir, "%s/new", path);
	if ((d = opendir(newdir)) == NULL)
		return "";
	while (!found && (e = readdir(d)) != NULL)
		found = e->d_name[0] != '.';
	closedir(d);
	return found ? "\\Marked " : "\\Unmarked ";
}

static void
attributes(char *buf, size_t size, unsigned flags, const char *name,
    const char *root)
{
	const char *su = specialuse_attr(name);
	size_t n;

	n = (size_t)snprintf(buf, size, "%s%s%s%s%s",
	    flags & FOLDER_NOSELECT ? "\\Noselect " : "",
	    flags & FOLDER_HASCHILDREN ? "\\HasChildren " : "",
	    flags & FOLDER_HASNOCHILDREN ? "\\HasNoChildren " : "",
	    flags & FOLDER_NOSELECT ? "" : marked(root, name),
	    su != NULL && !(flags & FOLDER_NOSELECT) ? su : "");
	if (n > 0 && n < size && buf[n - 1] == ' ')
		buf[n - 1] = '\0';
}

static int
args2(const struct imap_arg *a, const char **ref, const char **pat)
{
	if ((*ref = arg_mailbox(a)) == NULL ||
	    (*pat = arg_mailbox(a->next)) == NULL || a->next->next != NULL)
		return -1;
	return 0;
}

int
cmd_list(struct session *s, const struct imap_arg *a, struct command *c,
    struct result *res)
{
	const char *ref, *pat;
	struct folder_list fl;
	char attrs[128], *full;
	int r = 0;

	(void)c;
	if (a == NULL || args2(a, &ref, &pat) < 0)
		return done(res, "BAD", "Invalid LIST arguments");
	if (*pat == '\0') {	/* RFC 3501 6.3.8: the hierarchy delimiter */
		if (untagged(s, "LIST (\\Noselect) \".\" \"\"") < 0)
			return -1;
		return done(res, "OK", "List completed.");
	}
	if ((full = full_pattern(ref, pat)) == NULL ||
	    folder_list(s->root, &fl) < 0) {
		free(full);
		return done(res, "NO", "[SERVERBUG] Cannot list folders");
	}
	for (size_t i = 0; r == 0 && i < fl.n; i++) {
		if (!list_match(full, fl.v[i].name))
			continue;
		attributes(attrs, sizeof attrs, fl.v[i].flags, fl.v[i].name,
		    s->root);
		r = put_list_line(s, "LIST", attrs, fl.v[i].name);
	}
	folder_list_free(&fl);
	free(full);
	return r < 0 ? -1 : done(res, "OK", "List completed.");
}

/* Is name one of the NUL-terminated names in seen? */
static int
seen_has(const struct str *seen, const char *name)
{
	for (size_t at = 0; at < seen->len; at += strlen(seen->s + at) + 1)
		if (strcmp(seen->s + at, name) == 0)
			return 1;
	return 0;
}

static int
subscribed(const struct subs *subs, const char *name)
{
	for (size_t i = 0; i < subs->n; i++)
		if (strcmp(subs->v[i], name) == 0)
			return 1;
	return 0;
}

/*
 * RFC 3501 6.3.9: "A "%" wildcard to LSUB must return foo, not foo/bar,
 * in the LSUB response, and it MUST be flagged with the \Noselect
 * attribute" when foo/bar is subscribed and foo is not.  The ancestor
 * of name at the level the pattern reaches, once per LSUB (seen holds
 * those sent, NUL-separated).
 */
static int
lsub_parent(struct session *s, const struct subs *subs, const char *full,
    const char *name, struct str *seen)
{
	char up[LIM_FOLDER_NAME * 2 + 1];

	for (const char *dot = strchr(name, FOLDER_SEP); dot != NULL;
	    dot = strchr(dot + 1, FOLDER_SEP)) {
		size_t n = (size_t)(dot - name);

		if (n >= sizeof up)
			return 0;
		memcpy(up, name, n);
		up[n] = '\0';
		if (!list_match(full, up))
			continue;
		if (subscribed(subs, up) || seen_has(seen, up))
			return 0;
		if (str_append(seen, up, n + 1) < 0)
			return -1;
		return put_list_line(s, "LSUB", "\\Noselect", up);
	}
	return 0;
}

int
cmd_lsub(struct session *s, const struct imap_arg *a, struct command *c,
    struct result *res)
{
	const char *ref, *pat;
	struct subs subs;
	struct str seen = STR_INIT(1 << 20);
	char *full;
	int r = 0;

	(void)c;
	if (a == NULL || args2(a, &ref, &pat) < 0)
		return done(res, "BAD", "Invalid LSUB arguments");
	if ((full = full_pattern(ref, pat)) == NULL ||
	    subs_read(s->root, &subs) < 0) {
		free(full);
		return done(res, "NO", "[SERVERBUG] Cannot read subscriptions");
	}
	for (size_t i = 0; r == 0 && i < subs.n; i++)
		if (list_match(full, subs.v[i]))
			r = put_list_line(s, "LSUB", "", subs.v[i]);
		else if (strchr(full, '%') != NULL)
			r = lsub_parent(s, &subs, full, subs.v[i], &seen);
	str_free(&seen);
	subs_free(&subs);
	free(full);
	return r < 0 ? -1 : done(res, "OK", "Lsub completed.");
}
