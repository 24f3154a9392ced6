/*
 * mkusers: compile the users(5) text table into users.cdb atomically, or
 * list a users.cdb back in source form.  See mkusers(8).
 *
 *   mkusers [-v] users users.cdb
 *   mkusers -l [-s] users.cdb
 */
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cdb.h>

#include "file.h"
#include "io.h"
#include "keyset.h"
#include "log.h"
#include "pwdummy.h"
#include "userparse.h"
#include "userrec.h"

#define EXIT_BAD 100
#define EXIT_TEMP 111

struct compile {
	const char *src;
	struct cdb_make cdbm;
	struct keyset keys;
	long line;
	long errors;
	long users, aliases;
	struct pwdummy_tally tally;	/* schemes and costs, for the dummy */
	const char *dummy_class;
};

static void
usage(void)
{
	fprintf(stderr, "usage: mkusers [-v] users users.cdb\n"
	    "       mkusers -l [-s] users.cdb\n");
	exit(2);
}

static int
resolve_id(const char *name, int group, unsigned long *id)
{
	if (group) {
		struct group *g = getgrnam(name);

		if (g == NULL)
			return -1;
		*id = g->gr_gid;
	} else {
		struct passwd *p = getpwnam(name);

		if (p == NULL)
			return -1;
		*id = p->pw_uid;
	}
	return 0;
}

__attribute__((format(printf, 2, 3))) static void
line_error(struct compile *c, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s:%ld: ", c->src, c->line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	c->errors++;
}

/* Claim key for this line; 0 new, 1 duplicate (reported), -1 ENOMEM. */
static int
claim_key(struct compile *c, const char *key)
{
	long first = keyset_add(&c->keys, key, c->line);

	if (first < 0)
		return -1;
	if (first > 0) {
		line_error(c, "duplicate address %s (first on line %ld)", key,
		    first);
		return 1;
	}
	return 0;
}

static int
add_value(struct compile *c, const char *key, struct str *val)
{
	if (c->errors)
		return 0;	/* nothing will be written: only check */
	return cdb_make_add(&c->cdbm, key, (unsigned)strlen(key), val->s,
	    (unsigned)val->len);
}

/* The user's own key, then one alias key per alias= entry. */
static int
add_user(struct compile *c, const struct user_record *rec)
{
	struct str val = STR_INIT(LIM_USER_RECORD);
	char alias[LIM_LOGIN];
	int r = claim_key(c, rec->login);

	pwdummy_count(&c->tally, rec->secret);
	if (r == 0 && (userrec_encode(rec, &val) < 0 ||
	    add_value(c, rec->login, &val) < 0))
		r = -1;
	for (const char *p = rec->aliases; r >= 0 && *p;) {
		size_t n = strcspn(p, ",");

		snprintf(alias, sizeof alias, "%.*s", (int)n, p);
		p += n + (p[n] == ',');
		str_truncate(&val, 0);
		if (claim_key(c, alias) == 0 &&
		    (userrec_encode_alias(rec->login, &val) < 0 ||
		    add_value(c, alias, &val) < 0))
			r = -1;
		c->aliases++;
	}
	if (val.s)
		explicit_bzero(val.s, val.cap);
	str_free(&val);
	c->users++;
	return r < 0 ? -1 : 0;
}

static int
compile_line(struct compile *c, struct str *line)
{
	struct user_record rec;
	char err[USERPARSE_ERR];
	int r;

	if (line->len && line->s[line->len - 1] == '\n')
		line->s[--line->len] = '\0';
	if (line->len && line->s[line->len - 1] == '\r')
		line->s[--line->len] = '\0';	/* a file from DOS */
	if (memchr(line->s, '\0', line->len)) {
		line_error(c, "NUL byte in line");
		return 0;
	}
	r = userparse_line(line->s, resolve_id, &rec, err);
	explicit_bzero(line->s, line->len);
	if (r < 0)
		line_error(c, "%s", err);
	else if (r > 0 && add_user(c, &rec) < 0)
		r = -2;
	user_record_wipe(&rec);
	return r == -2 ? -1 : 0;
}

/*
 * The dummy secret checkpassword-cdb verifies unknown logins against,
 * in the scheme and cost most users have (see pwdummy.h).  A table with
 * no password at all gets none.
 */
static int
add_dummy(struct compile *c)
{
	char dummy[LIM_SECRET];
	int r;

	if (c->errors)
		return 0;
	if (pwdummy_make(&c->tally, dummy, sizeof dummy, &c->dummy_class)
	    < 0)
		return errno == ENOENT ? 0 : -1;
	r = cdb_make_add(&c->cdbm, USERREC_DUMMY_KEY,
	    (unsigned)USERREC_DUMMY_KEYLEN, dummy, (unsigned)strlen(dummy));
	explicit_bzero(dummy, sizeof dummy);
	return r;
}

/* Read and compile every line; -1 on an I/O error (errno). */
static int
compile_source(struct compile *c, int fd)
{
	static struct io_in in;
	struct str line = STR_INIT(LIM_USER_LINE + 1);
	int r;

	io_in_init(&in, fd, -1);
	for (;;) {
		r = io_getline(&in, &line, LIM_USER_LINE + 1);
		c->line++;
		if (r < 0 && errno == ERANGE) {
			line_error(c, "line too long");
			continue;
		}
		if (r <= 0)
			break;
		if (compile_line(c, &line) < 0) {
			r = -1;
			break;
		}
	}
	str_free(&line);
	explicit_bzero(in.buf, sizeof in.buf);
	return r < 0 ? -1 : 0;
}

/* New tables get the old table's mode and owner, else 0640. */
static int
tmp_create(const char *target, char *tmp, size_t size)
{
	struct stat st;
	int fd, n;

	n = snprintf(tmp, size, "%s.tmpXXXXXX", target);
	if (n < 0 || (size_t)n >= size) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if ((fd = mkstemp(tmp)) < 0)
		return -1;
	if (stat(target, &st) == 0) {
		if (fchown(fd, st.st_uid, st.st_gid) < 0 && errno != EPERM)
			goto fail;
		if (fchmod(fd, st.st_mode & 07777) < 0)
			goto fail;
	} else if (fchmod(fd, 0640) < 0) {
		goto fail;
	}
	return fd;
fail:
	n = errno;
	close(fd);
	unlink(tmp);
	errno = n;
	return -1;
}

static int
tmp_commit(int fd, const char *tmp, const char *target)
{
	char dir[LIM_PATH];
	const char *slash = strrchr(target, '/');

	if (fsync(fd) < 0 || close(fd) < 0 || rename(tmp, target) < 0)
		return -1;
	if (slash == NULL)
		return file_fsync_dir(".");
	snprintf(dir, sizeof dir, "%.*s", (int)(slash - target + 1), target);
	return file_fsync_dir(dir);
}

static int
compile(const char *src, const char *target, int verbose)
{
	static struct compile c;
	char tmp[LIM_PATH];
	int in, out;

	c.src = src;
	keyset_init(&c.keys);
	if ((in = open(src, O_RDONLY | O_CLOEXEC)) < 0)
		log_die(EXIT_TEMP, "open", "file=%s error=%s", log_esc(src),
		    log_esc(strerror(errno)));
	if ((out = tmp_create(target, tmp, sizeof tmp)) < 0)
		log_die(EXIT_TEMP, "create", "file=%s error=%s",
		    log_esc(target), log_esc(strerror(errno)));
	if (cdb_make_start(&c.cdbm, out) < 0 || compile_source(&c, in) < 0 ||
	    add_dummy(&c) < 0 ||
	    (c.errors == 0 && cdb_make_finish(&c.cdbm) < 0)) {
		int saved = errno;

		unlink(tmp);
		log_die(EXIT_TEMP, "compile", "file=%s error=%s", log_esc(src),
		    log_esc(strerror(saved)));
	}
	close(in);
	if (c.errors) {
		unlink(tmp);
		fprintf(stderr, "%s: %ld bad line%s, %s not changed\n", src,
		    c.errors, c.errors == 1 ? "" : "s", target);
		exit(EXIT_BAD);
	}
	if (tmp_commit(out, tmp, target) < 0) {
		int saved = errno;

		unlink(tmp);
		log_die(EXIT_TEMP, "rename", "file=%s error=%s",
		    log_esc(target), log_esc(strerror(saved)));
	}
	if (verbose)
		printf("%s: %ld users, %ld aliases, dummy %s\n", target,
		    c.users, c.aliases, c.dummy_class ? c.dummy_class : "none");
	pwdummy_wipe(&c.tally);
	keyset_free(&c.keys);
	return 0;
}

static int
list_record(struct cdb *db, unsigned pos, struct io_out *out, int secrets)
{
	static struct user_record rec;
	char key[LIM_LOGIN], line[LIM_USER_LINE * 2];
	unsigned klen = cdb_keylen(db), vlen = cdb_datalen(db);
	const char *val;
	int r;

	(void)pos;
	if (klen >= sizeof key || cdb_read(db, key, klen, cdb_keypos(db)) < 0)
		return -1;
	key[klen] = '\0';
	if (klen == USERREC_DUMMY_KEYLEN &&
	    memcmp(key, USERREC_DUMMY_KEY, klen) == 0)
		return 0;	/* the dummy secret: not a user */
	if ((val = cdb_get(db, vlen, cdb_datapos(db))) == NULL ||
	    (r = userrec_decode(val, vlen, key, &rec)) < 0)
		return -1;
	if (r == USERREC_ALIAS)
		return 0;	/* listed in its user's alias= */
	r = userparse_format(&rec, secrets, line, sizeof line);
	user_record_wipe(&rec);
	if (r == 0)
		r = io_printf(out, "%s\n", line);
	explicit_bzero(line, sizeof line);
	return r;
}

static int
list(const char *table, int secrets)
{
	static struct io_out out;
	struct cdb db;
	unsigned pos;
	int fd, r = 0;

	if ((fd = open(table, O_RDONLY | O_CLOEXEC)) < 0 ||
	    cdb_init(&db, fd) < 0)
		log_die(EXIT_TEMP, "open", "file=%s error=%s", log_esc(table),
		    log_esc(strerror(errno)));
	io_out_init(&out, 1, -1);
	cdb_seqinit(&pos, &db);
	while (r == 0 && (r = cdb_seqnext(&pos, &db)) > 0)
		r = list_record(&db, pos, &out, secrets);
	if (r < 0 || io_flush(&out) < 0)
		log_die(EXIT_TEMP, "list", "file=%s error=%s", log_esc(table),
		    log_esc(errno ? strerror(errno) : "corrupt record"));
	cdb_free(&db);
	close(fd);
	return 0;
}

int
main(int argc, char **argv)
{
	int c, listing = 0, secrets = 0, verbose = 0;

	log_init("mkusers");
	while ((c = getopt(argc, argv, "lsv")) != -1) {
		switch (c) {
		case 'l': listing = 1; break;
		case 's': secrets = 1; break;
		case 'v': verbose = 1; break;
		default: usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (listing && argc == 1)
		return list(argv[0], secrets);
	if (listing || secrets || argc != 2)
		usage();
	return compile(argv[0], argv[1], verbose);
}
