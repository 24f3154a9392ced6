/*
 * usertable.c: address -> user record through users.cdb (tinycdb).
 * The table is opened for each lookup: mkusers renames a new table over
 * the old one, and every lookup must see a complete, current file.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <cdb.h>

#include "userrec.h"
#include "usertable.h"

#define ALIAS_HOPS 1	/* aliases point at users, never at aliases */

void
user_record_wipe(struct user_record *rec)
{
	explicit_bzero(rec->secret, sizeof rec->secret);
}

/*
 * Find key; 0 found (rec filled, aliases followed), -1 ENOENT not there,
 * -1 other errno on a broken table.
 */
static int
table_get(struct cdb *db, const char *key, struct user_record *rec,
    int hops)
{
	const char *val;
	unsigned len;
	int r;

	r = cdb_find(db, key, (unsigned)strlen(key));
	if (r < 0) {
		errno = EIO;
		return -1;
	}
	if (r == 0) {
		errno = ENOENT;
		return -1;
	}
	len = cdb_datalen(db);
	val = cdb_get(db, len, cdb_datapos(db));
	if (val == NULL || len > LIM_USER_RECORD) {
		errno = EBADMSG;
		return -1;
	}
	r = userrec_decode(val, len, key, rec);
	if (r == USERREC_ALIAS) {
		char login[LIM_LOGIN];

		if (hops >= ALIAS_HOPS) {
			errno = EBADMSG;	/* an alias loop or chain */
			return -1;
		}
		memcpy(login, rec->login, sizeof login);
		r = table_get(db, login, rec, hops + 1);
		if (r < 0 && errno == ENOENT)
			errno = EBADMSG;	/* dangling alias */
	}
	return r < 0 ? -1 : 0;
}

/* Lowercase src into dst; -1 ENOENT if empty or too long for a login. */
static int
address_lower(const char *src, char *dst, size_t size)
{
	size_t i;

	for (i = 0; src[i]; i++) {
		if (i + 1 >= size) {
			errno = ENOENT;	/* no login can be this long */
			return -1;
		}
		dst[i] = (char)tolower((unsigned char)src[i]);
	}
	dst[i] = '\0';
	if (i == 0) {
		errno = ENOENT;
		return -1;
	}
	return 0;
}

/*
 * "user+detail@dom" -> base "user@dom", detail "detail".  0 if the local
 * part holds a delimiter, -1 if not.
 */
static int
address_strip_detail(const char *addr, const char *delims, char *base,
    size_t size, char *detail, size_t dsize)
{
	const char *at = strrchr(addr, '@');
	size_t local = at ? (size_t)(at - addr) : strlen(addr);
	size_t cut = strcspn(addr, delims);

	if (*delims == '\0' || cut >= local || cut == 0)
		return -1;
	if (local - cut - 1 >= dsize || strlen(addr) >= size)
		return -1;
	memcpy(detail, addr + cut + 1, local - cut - 1);
	detail[local - cut - 1] = '\0';
	memcpy(base, addr, cut);
	memcpy(base + cut, addr + local, strlen(addr + local) + 1);
	return 0;
}

/* Try addr, addr without +detail, then "@domain". */
static int
lookup_address(struct cdb *db, const char *addr, const char *delims,
    struct user_record *rec)
{
	char base[LIM_LOGIN], detail[LIM_LOGIN];
	const char *at;

	if (table_get(db, addr, rec, 0) == 0)
		return 0;
	if (errno != ENOENT)
		return -1;
	if (address_strip_detail(addr, delims, base, sizeof base, detail,
	    sizeof detail) == 0) {
		if (table_get(db, base, rec, 0) == 0) {
			memcpy(rec->detail, detail, sizeof rec->detail);
			return 0;
		}
		if (errno != ENOENT)
			return -1;
	}
	at = strrchr(addr, '@');
	if (at == NULL || at == addr || at[1] == '\0') {
		errno = ENOENT;
		return -1;
	}
	return table_get(db, at, rec, 0);
}

static int
table_open(const char *table, struct cdb *db)
{
	int fd = open(table, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		if (errno == ENOENT)
			errno = EIO;	/* ENOENT means "no such user" */
		return -1;
	}
	if (cdb_init(db, fd) < 0) {
		close(fd);
		errno = EBADMSG;
		return -1;
	}
	return fd;
}

static void
table_close(struct cdb *db, int fd)
{
	int saved = errno;

	cdb_free(db);
	close(fd);
	errno = saved;
}

int
user_lookup(const char *table, const char *address, const char *delims,
    struct user_record *rec)
{
	char addr[LIM_LOGIN];
	struct cdb db;
	int fd, r;

	memset(rec, 0, sizeof *rec);
	if (address_lower(address, addr, sizeof addr) < 0)
		return -1;
	if ((fd = table_open(table, &db)) < 0)
		return -1;
	r = lookup_address(&db, addr, delims ? delims : "+", rec);
	table_close(&db, fd);
	if (r < 0)
		user_record_wipe(rec);
	return r;
}

int
user_lookup_login(const char *table, const char *login,
    struct user_record *rec)
{
	char key[LIM_LOGIN];
	struct cdb db;
	int fd, r;

	memset(rec, 0, sizeof *rec);
	if (address_lower(login, key, sizeof key) < 0)
		return -1;
	if (key[0] == '@') {
		errno = ENOENT;	/* a catch-all key is not a login */
		return -1;
	}
	if ((fd = table_open(table, &db)) < 0)
		return -1;
	r = table_get(&db, key, rec, 0);
	table_close(&db, fd);
	if (r < 0)
		user_record_wipe(rec);
	return r;
}

int
user_table_dummy(const char *table, char *secret, size_t size)
{
	struct cdb db;
	unsigned len;
	int fd, r;

	if ((fd = table_open(table, &db)) < 0)
		return -1;
	r = cdb_find(&db, USERREC_DUMMY_KEY, (unsigned)USERREC_DUMMY_KEYLEN);
	if (r <= 0)
		errno = r < 0 ? EIO : ENOENT;
	else if ((len = cdb_datalen(&db)) >= size ||
	    cdb_read(&db, secret, len, cdb_datapos(&db)) < 0) {
		errno = EBADMSG;
		r = -1;
	} else
		secret[len] = '\0';
	table_close(&db, fd);
	return r > 0 ? 0 : -1;
}
