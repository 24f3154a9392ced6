/* courier.c: import Courier-IMAP's files into Dovecot's (see courier.h). */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "courier.h"
#include "dotlock.h"
#include "file.h"
#include "log.h"
#include "mdname.h"

#define COURIER_PRIO_FILE	(1LL << 62)	/* "base" beats any ".N.base" */

static int
courier_path(char *buf, size_t size, const char *dir, const char *a,
    const char *b)
{
	int n = snprintf(buf, size, "%s/%s%s%s", dir, a, b ? "/" : "",
	    b ? b : "");

	if (n < 0 || (size_t)n >= size) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

/* Which update file is this: "base" (wins) or ".N.base"; -1 neither. */
static long long
courier_kwfile_prio(const char *name, const char **base)
{
	long long n = 0;
	const char *p = name + 1;

	if (name[0] != '.') {
		*base = name;
		return name[0] == ':' ? -1 : COURIER_PRIO_FILE;
	}
	for (; *p >= '0' && *p <= '9' && n < (1LL << 50); p++)
		n = n * 10 + (*p - '0');
	if (p == name + 1 || *p != '.' || p[1] == '\0')
		return -1;
	*base = p + 1;
	return n + 1;
}

static int
courier_read_kwfile(struct courier_kw *kw, const char *kwdir,
    const char *fname, const char *base, long long prio)
{
	struct str data = STR_INIT(KEYWORDS_MAX);
	char path[LIM_PATH];
	int rc = 0;

	if (courier_path(path, sizeof path, kwdir, fname, NULL) < 0 ||
	    file_read_all(path, &data, KEYWORDS_MAX) < 0)
		rc = errno == ENOENT ? 0 : -1;	/* gone: superseded */
	else if (base == NULL)
		rc = courier_parse_kwlist(kw, data.s ? data.s : "", data.len);
	else
		rc = courier_parse_kwfile(kw, base, prio, data.s ? data.s : "",
		    data.len);
	str_free(&data);
	return rc;
}

/* :list first, then every update file over it. */
static int
courier_read_keywords(const char *dir, struct courier_kw *kw)
{
	char kwdir[LIM_PATH];
	struct dirent *de;
	DIR *dp;
	int rc;

	if (courier_path(kwdir, sizeof kwdir, dir, COURIER_KWDIR, NULL) < 0)
		return -1;
	if ((dp = opendir(kwdir)) == NULL)
		return errno == ENOENT ? 0 : -1;
	rc = courier_read_kwfile(kw, kwdir, ":list", NULL, 0);
	while (rc == 0 && (de = readdir(dp)) != NULL) {
		const char *base = NULL;
		long long prio;
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..")
		    == 0 || (prio = courier_kwfile_prio(de->d_name, &base)) < 0)
			continue;
		rc = courier_read_kwfile(kw, kwdir, de->d_name, base, prio);
	}
	(void)closedir(dp);	/* read-only handle */
	return rc;
}

/* Give one file its keyword letters (and move it to cur/). */
static int
courier_rename(const char *dir, const char *sub, const char *name,
    uint32_t bits)
{
	char src[LIM_PATH], dst[LIM_PATH], nn[MDNAME_MAX + 1];
	struct mdname mn;

	if (mdname_parse(name, &mn) < 0 || mdname_with_flags(nn, sizeof nn,
	    name, mn.baselen, mn.flags, mn.keywords | bits) < 0 ||
	    courier_path(src, sizeof src, dir, sub, name) < 0 ||
	    courier_path(dst, sizeof dst, dir, "cur", nn) < 0)
		return -1;
	return rename(src, dst);
}

static int
courier_apply_keywords(const char *dir, struct courier_kw *kw)
{
	static const char *const subs[] = { "cur", "new" };
	char path[LIM_PATH];

	for (int s = 0; s < 2; s++) {
		struct dirent *de;
		DIR *dp;
		if (courier_path(path, sizeof path, dir, subs[s], NULL) < 0 ||
		    (dp = opendir(path)) == NULL)
			return -1;
		while ((de = readdir(dp)) != NULL) {
			size_t blen = strcspn(de->d_name, ":");
			long i = basemap_get(&kw->map, de->d_name, blen);
			if (de->d_name[0] == '.' || i < 0 || !kw->msgs[i].bits)
				continue;
			if (courier_rename(dir, subs[s], de->d_name,
			    kw->msgs[i].bits) < 0)
				log_warn("courier-keywords", "file=%s error=%s",
				    log_esc(de->d_name), strerror(errno));
		}
		(void)closedir(dp);	/* read-only handle */
	}
	return 0;
}

/* dovecot-keywords from the names (we hold dovecot-uidlist.lock). */
static int
courier_write_keywords(const char *dir, const struct keywords *names)
{
	struct str out = STR_INIT(KEYWORDS_MAX);
	char path[LIM_PATH];
	struct dotlock kl;
	int rc;

	rc = courier_path(path, sizeof path, dir, KEYWORDS_NAME, NULL);
	if (rc == 0)
		rc = keywords_format(names, &out);
	if (rc == 0 && (rc = dotlock_take(&kl, path, DOTLOCK_WAIT)) == 0)
		rc = dotlock_replace(&kl, out.s ? out.s : "", out.len);
	str_free(&out);
	return rc;
}

static int
courier_keywords(const char *dir)
{
	struct courier_kw kw;
	char path[LIM_PATH];
	int rc;

	courier_kw_init(&kw);
	rc = courier_path(path, sizeof path, dir, KEYWORDS_NAME, NULL);
	if (rc == 0)
		rc = keywords_read(&kw.names, path);
	if (rc == 0)
		rc = courier_read_keywords(dir, &kw);
	if (rc == 0 && kw.n > 0) {
		if ((rc = courier_write_keywords(dir, &kw.names)) == 0)
			rc = courier_apply_keywords(dir, &kw);
	}
	courier_kw_free(&kw);
	return rc;
}

static int
courier_write_uidlist(struct dotlock *dl, const char *uiddb)
{
	struct str data = STR_INIT(UIDLIST_MAX);
	struct uidlist ul;
	int rc;

	uidlist_init(&ul);
	if ((rc = file_read_all(uiddb, &data, UIDLIST_MAX)) == 0)
		rc = courier_parse_uiddb(&ul, data.s ? data.s : "", data.len);
	str_truncate(&data, 0);
	if (rc == 0) {
		uidlist_new_guid(ul.guid);
		rc = uidlist_format(&ul, &data);
	}
	if (rc == 0)
		rc = dotlock_replace(dl, data.s, data.len);
	if (rc == 0)
		log_info("courier-import", "file=%s uidvalidity=%lu uids=%zu",
		    log_esc(uiddb), (unsigned long)ul.uidvalidity, ul.count);
	uidlist_free(&ul);
	str_free(&data);
	return rc;
}

int
courier_import(const char *dir)
{
	char uiddb[LIM_PATH], uidlist[LIM_PATH];
	struct dotlock dl;
	int rc = 0, e;

	if (courier_path(uiddb, sizeof uiddb, dir, COURIER_UIDDB, NULL) < 0 ||
	    courier_path(uidlist, sizeof uidlist, dir, UIDLIST_NAME, NULL) < 0)
		return -1;
	if (access(uiddb, F_OK) < 0)
		return -1;	/* ENOENT: not a Courier folder */
	if (dotlock_take(&dl, uidlist, DOTLOCK_WAIT) < 0)
		return -1;
	if (access(uidlist, F_OK) < 0) {
		if (courier_keywords(dir) < 0)
			log_warn("courier-keywords", "dir=%s error=%s",
			    log_esc(dir), strerror(errno));
		rc = courier_write_uidlist(&dl, uiddb);
	}
	e = errno;
	if (dotlock_release(&dl) < 0 && rc == 0)
		return -1;
	errno = e;
	return rc;
}
