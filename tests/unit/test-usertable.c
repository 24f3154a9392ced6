/* test-usertable.c: shared/usertable.c and shared/userrec.c */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cdb.h>

#include "tap.h"
#include "userrec.h"
#include "usertable.h"

static char table[] = "/tmp/test-usertable.XXXXXX";

static void
add_user(struct cdb_make *m, const char *login, const char *home,
    const char *maildir, const char *aliases)
{
	struct user_record r;
	struct str v = STR_INIT(LIM_USER_RECORD);

	memset(&r, 0, sizeof r);
	snprintf(r.login, sizeof r.login, "%s", login);
	snprintf(r.secret, sizeof r.secret, "{PLAIN}secret-%s", login);
	snprintf(r.home, sizeof r.home, "%s", home);
	snprintf(r.maildir_src, sizeof r.maildir_src, "%s", maildir);
	snprintf(r.aliases, sizeof r.aliases, "%s", aliases);
	r.uid = 5000;
	r.gid = 5001;
	r.quota_bytes = 1024;
	r.quota_messages = 7;
	r.disable = USER_DISABLE_LMTP;
	memcpy(r.extra, "sieve=/x\0lang=de\0", 18);
	userrec_encode(&r, &v);
	cdb_make_add(m, login, (unsigned)strlen(login), v.s, (unsigned)v.len);
	str_free(&v);
}

static void
add_alias(struct cdb_make *m, const char *key, const char *login)
{
	struct str v = STR_INIT(LIM_USER_RECORD);

	userrec_encode_alias(login, &v);
	cdb_make_add(m, key, (unsigned)strlen(key), v.s, (unsigned)v.len);
	str_free(&v);
}

static void
build_table(void)
{
	struct cdb_make m;
	int fd = mkstemp(table);

	cdb_make_start(&m, fd);
	add_user(&m, "alice@example.org", "/home/alice", "", "al@example.org");
	add_user(&m, "bob@example.org", "/home/bob", "~/Mail", "");
	add_user(&m, "carol", "/home/carol", "/var/mail/carol", "");
	add_user(&m, "post@example.net", "/home/post", "", "@example.net");
	add_alias(&m, "al@example.org", "alice@example.org");
	add_alias(&m, "@example.net", "post@example.net");
	add_alias(&m, "loop@example.org", "al@example.org");
	add_alias(&m, "dangling@example.org", "nobody@example.org");
	cdb_make_add(&m, "junk", 4, "u\0p=x\0", 6);
	cdb_make_finish(&m);
	close(fd);
}

static void
test_found(void)
{
	struct user_record r;

	ok(user_lookup(table, "alice@example.org", NULL, &r) == 0, "exact");
	is_str(r.login, "alice@example.org", "login");
	is_str(r.secret, "{PLAIN}secret-alice@example.org", "secret");
	is_int(r.uid, 5000, "uid");
	is_int(r.gid, 5001, "gid");
	is_str(r.maildir, "/home/alice/Maildir", "default maildir");
	is_str(r.detail, "", "no detail");
	is_int(r.quota_bytes, 1024, "quota bytes");
	is_int(r.quota_messages, 7, "quota messages");
	is_int(r.disable, USER_DISABLE_LMTP, "disable");
	ok(memcmp(r.extra, "sieve=/x\0lang=de\0\0", 18) == 0, "extra list");
	user_record_wipe(&r);
	is_str(r.secret, "", "wipe clears the secret");
	ok(user_lookup(table, "ALICE@Example.ORG", NULL, &r) == 0 &&
	    strcmp(r.login, "alice@example.org") == 0, "lowercased");
	ok(user_lookup(table, "bob@example.org", "+", &r) == 0, "bob");
	is_str(r.maildir, "/home/bob/Mail", "~/ maildir");
	ok(user_lookup(table, "carol", "+", &r) == 0, "local login");
	is_str(r.maildir, "/var/mail/carol", "absolute maildir");
}

static void
test_alias_detail(void)
{
	struct user_record r;

	ok(user_lookup(table, "al@example.org", NULL, &r) == 0 &&
	    strcmp(r.login, "alice@example.org") == 0, "alias");
	ok(user_lookup(table, "alice+lists@example.org", NULL, &r) == 0,
	    "+detail");
	is_str(r.login, "alice@example.org", "+detail login");
	is_str(r.detail, "lists", "detail without delimiter");
	ok(user_lookup(table, "al-x-y@example.org", "+-", &r) == 0,
	    "alias with - delimiter");
	is_str(r.detail, "x-y", "detail after the first delimiter");
	ok(user_lookup(table, "alice-x@example.org", "+", &r) < 0 &&
	    errno == ENOENT, "- not a delimiter by default");
	ok(user_lookup(table, "alice+x@example.org", "", &r) < 0 &&
	    errno == ENOENT, "no delimiters: no detail");
	ok(user_lookup(table, "carol+x", NULL, &r) == 0 &&
	    strcmp(r.detail, "x") == 0, "detail without domain");
	ok(user_lookup(table, "anyone@example.net", NULL, &r) == 0 &&
	    strcmp(r.login, "post@example.net") == 0, "catch-all");
	ok(user_lookup(table, "x+y@Example.NET", NULL, &r) == 0 &&
	    strcmp(r.login, "post@example.net") == 0, "catch-all, detail");
	ok(user_lookup(table, "nobody@example.org", NULL, &r) < 0 &&
	    errno == ENOENT, "unknown: ENOENT");
	ok(user_lookup(table, "", NULL, &r) < 0 && errno == ENOENT, "empty");
}

static void
test_login_and_errors(void)
{
	struct user_record r;
	char big[LIM_LOGIN + 10];

	ok(user_lookup_login(table, "Al@example.org", &r) == 0 &&
	    strcmp(r.login, "alice@example.org") == 0, "login by alias");
	ok(user_lookup_login(table, "alice+x@example.org", &r) < 0 &&
	    errno == ENOENT, "login: no detail");
	ok(user_lookup_login(table, "x@example.net", &r) < 0 &&
	    errno == ENOENT, "login: no catch-all");
	ok(user_lookup_login(table, "@example.net", &r) < 0 &&
	    errno == ENOENT, "login: catch-all key is not a login");
	ok(user_lookup(table, "loop@example.org", NULL, &r) < 0 &&
	    errno == EBADMSG, "alias to alias: corrupt");
	ok(user_lookup(table, "dangling@example.org", NULL, &r) < 0 &&
	    errno == EBADMSG, "dangling alias: corrupt");
	ok(user_lookup(table, "junk", NULL, &r) < 0 && errno == EBADMSG,
	    "record without uid: corrupt");
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	ok(user_lookup(table, big, NULL, &r) < 0 && errno == ENOENT,
	    "overlong address: ENOENT");
	ok(user_lookup("/nonexistent/users.cdb", "a", NULL, &r) < 0 &&
	    errno != ENOENT, "missing table: not ENOENT");
}

static void
test_dummy(void)
{
	char tab2[] = "/tmp/test-usertable-dummy-XXXXXX", secret[LIM_SECRET];
	struct user_record r;
	struct cdb_make m;
	int fd = mkstemp(tab2);

	errno = 0;
	ok(user_table_dummy(table, secret, sizeof secret) < 0 &&
	    errno == ENOENT, "a table without a dummy: ENOENT");
	cdb_make_start(&m, fd);
	add_user(&m, "alice@example.org", "/home/alice", "", "");
	cdb_make_add(&m, USERREC_DUMMY_KEY, (unsigned)USERREC_DUMMY_KEYLEN,
	    "{PLAIN}xyz", 10);
	cdb_make_finish(&m);
	close(fd);
	ok(user_table_dummy(tab2, secret, sizeof secret) == 0 &&
	    strcmp(secret, "{PLAIN}xyz") == 0, "the dummy read back");
	ok(user_table_dummy(tab2, secret, 10) < 0 && errno == EBADMSG,
	    "a dummy longer than the buffer: EBADMSG");
	ok(user_lookup_login(tab2, "dummy", &r) < 0 && errno == ENOENT &&
	    user_lookup(tab2, "dummy", NULL, &r) < 0 && errno == ENOENT,
	    "no login or address reaches the dummy");
	ok(user_table_dummy("/nonexistent/users.cdb", secret, sizeof secret)
	    < 0 && errno != ENOENT, "missing table: not ENOENT");
	unlink(tab2);
}

int
main(void)
{
	plan_lazy();
	build_table();
	test_found();
	test_alias_detail();
	test_login_and_errors();
	test_dummy();
	unlink(table);
	return done_testing();
}
