/* target.c: user lookup, privilege drop, Maildir and folder choice. */
#include <sys/types.h>
#include <errno.h>
#include <grp.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "file.h"
#include "folder.h"
#include "log.h"
#include "maildir.h"
#include "mutf7.h"
#include "str.h"
#include "target.h"
#include "usertable.h"

static int
target_copy(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);

	while (n > 1 && src[n - 1] == '/')
		n--;	/* qmail's "./Maildir/" */
	if (n >= size) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
	return 0;
}

/* Root only: become the mail user before touching the Maildir. */
static int
target_drop_root(uid_t uid, gid_t gid)
{
	if (geteuid() != 0 || uid == 0)
		return 0;
	if (setgroups(1, &gid) < 0 || setgid(gid) < 0 || setuid(uid) < 0)
		return -1;
	if (setuid(0) == 0) {	/* must not be able to get root back */
		errno = EPERM;
		return -1;
	}
	return 0;
}

/* The detail part of addr ("user+detail@dom"), split as user_lookup does. */
static void
target_split_detail(const char *addr, const char *delims, char *out,
    size_t size)
{
	const char *at = strrchr(addr, '@'), *d = strpbrk(addr, delims);

	if (d == NULL || d == addr || (at && d > at))
		return;
	snprintf(out, size, "%.*s",
	    (int)((at ? at : addr + strlen(addr)) - d - 1), d + 1);
}

static enum result
target_lookup(const struct deliver_args *a, struct target *t,
    const char **why)
{
	static struct user_record rec;
	const char *delims = a->delims ? a->delims : DELIVER_DELIMS;

	if (user_lookup(a->table, a->address, delims, &rec) < 0) {
		*why = errno == ENOENT ? "no such user" :
		    "user table unreadable";
		return errno == ENOENT ? RESULT_NOUSER : RESULT_TEMP;
	}
	user_record_wipe(&rec);
	log_context("user", rec.login);
	if (target_drop_root(rec.uid, rec.gid) < 0)
		return *why = "cannot switch to the user's uid", RESULT_TEMP;
	if (target_copy(t->root, sizeof t->root, rec.maildir) < 0)
		return *why = "Maildir path too long", RESULT_PERM;
	/* The table lowercases; the folder name keeps the sender's case. */
	if (rec.detail[0])
		target_split_detail(a->address, delims, t->detail,
		    sizeof t->detail);
	t->lim.bytes = rec.quota_bytes;
	t->lim.count = rec.quota_messages;
	t->have_limits = rec.quota_bytes > 0 || rec.quota_messages > 0;
	return RESULT_OK;
}

/* Path mode: +detail only when a delimiter is configured explicitly. */
static void
target_detail(const struct deliver_args *a, struct target *t)
{
	if (a->delims && *a->delims && a->recipient)
		target_split_detail(a->recipient, a->delims, t->detail,
		    sizeof t->detail);
}

static enum result
target_path(const struct deliver_args *a, struct target *t,
    const char **why)
{
	if (target_copy(t->root, sizeof t->root, a->maildir) < 0)
		return *why = "Maildir path too long", RESULT_PERM;
	if (a->limits) {
		if (quota_parse_limits(a->limits, strlen(a->limits),
		    &t->lim) < 0)
			return *why = "bad -Q quota limits", RESULT_USAGE;
		t->have_limits = 1;
	}
	target_detail(a, t);
	return RESULT_OK;
}

static enum result
target_maildir(const struct deliver_args *a, struct target *t,
    const char **why)
{
	if (maildir_check(t->root) == 0)
		return RESULT_OK;
	if (errno != ENOENT)
		return *why = "Maildir is not a directory", RESULT_TEMP;
	if (!a->create)
		return *why = "no such Maildir", RESULT_TEMP;
	if (file_mkdirs(t->root, 0700) < 0 || maildir_create(t->root) < 0)
		return *why = "cannot create the Maildir", RESULT_TEMP;
	log_info("create", "maildir=%s", log_esc(t->root));
	return RESULT_OK;
}

/* A UTF-8 folder name is taken to its modified UTF-7 form. */
static int
target_folder_name(const char *in, char *out, size_t size)
{
	struct str s = STR_INIT(LIM_PATH);
	int r = 0;

	if (mutf7_valid(in, strlen(in)))
		snprintf(out, size, "%s", in);
	else if (!utf8_valid(in, strlen(in)) ||
	    mutf7_from_utf8(in, strlen(in), &s) < 0 || s.len >= size)
		r = -1;
	else
		memcpy(out, s.s, s.len + 1);
	str_free(&s);
	return r;
}

static int
target_folder_try(const char *name, int create, struct target *t)
{
	char mname[LIM_PATH];
	const char *why = NULL;

	if (target_folder_name(name, mname, sizeof mname) < 0 ||
	    folder_path(t->root, mname, t->dir, sizeof t->dir, &why) < 0)
		return -1;
	if (maildir_check(t->dir) < 0 && (!create ||
	    (folder_create(t->root, mname, &why) < 0 && errno != EEXIST)))
		return -1;
	snprintf(t->folder, sizeof t->folder, "%s", name);
	return 0;
}

static void
target_folder(const struct deliver_args *a, struct target *t)
{
	const char *name = a->folder ? a->folder :
	    t->detail[0] ? t->detail : NULL;

	memcpy(t->dir, t->root, sizeof t->dir);
	snprintf(t->folder, sizeof t->folder, "INBOX");
	if (name == NULL || folder_is_inbox(name))
		return;
	/* -c creates -m folders; a +detail folder must already exist. */
	if (target_folder_try(name, a->folder && a->create, t) < 0) {
		log_warn("folder-fallback", "folder=%s reason=%s",
		    log_esc(name), log_esc("missing or invalid; INBOX"));
		memcpy(t->dir, t->root, sizeof t->dir);
		snprintf(t->folder, sizeof t->folder, "INBOX");
	}
}

enum result
target_resolve(const struct deliver_args *a, struct target *t,
    const char **why)
{
	enum result r;

	memset(t, 0, sizeof *t);
	r = a->address ? target_lookup(a, t, why) : target_path(a, t, why);
	if (r == RESULT_OK)
		r = target_maildir(a, t, why);
	if (r == RESULT_OK)
		target_folder(a, t);
	return r;
}
