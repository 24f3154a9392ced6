/* test-view.c: shared/view*.c */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>

#include "tap.h"
#include "testutil.h"
#include "file.h"
#include "mdname.h"
#include "uidlist.h"
#include "view.h"

static char dir[4096];

static void
test_basic(void)
{
	struct view *v, *w;
	struct view_changes ch;
	struct str s = STR_INIT(1 << 20);
	char p[8400];
	long i;

	tu_put(dir, "new", "1000.M1P1.host,S=5", "a\nb\nc");
	tu_put(dir, "new", "1001.M1P1.host", "hello\r\n");
	tu_put(dir, "cur", "999.M1P1.host,S=3,W=4:2,S", "x\ny");
	v = view_open(dir, 0);
	ok(v != NULL, "open");
	is_int(v->count, 3, "three messages");
	ok(v->uidvalidity > 1000000000, "uidvalidity is a time");
	is_int(v->uidnext, 4, "uidnext");
	is_int(v->msgs[0].uid, 1, "uid 1");
	is_str(v->msgs[0].name, "1000.M1P1.host,S=5:2,", "moved new to cur");
	ok(v->msgs[0].recent && !v->msgs[0].in_new, "recent, in cur");
	ok(tu_exists(dir, "cur", "1000.M1P1.host,S=5:2,"), "on disk in cur");
	is_int(v->msgs[2].flags, MDF_SEEN, "flags from name");
	is_int(v->msgs[2].vsize, 4, "W= used");
	is_int(v->msgs[0].vsize, -1, "vsize unknown");
	is_int(view_vsize(v, 0), 7, "vsize counted");
	is_int(view_vsize(v, 1), 7, "CRLF not doubled");
	snprintf(p, sizeof p, "%s/dovecot-uidlist", dir);
	ok(file_read_all(p, &s, 1 << 20) == 0 && strncmp(s.s, "3 V", 3) == 0,
	    "uidlist written");

	w = view_open(dir, 0);
	ok(w && w->count == 3 && w->msgs[2].uid == 3 &&
	    w->uidvalidity == v->uidvalidity, "second view agrees");
	ok(!w->msgs[0].recent, "not recent for the second view");
	ok(view_set_flags(v, 0, MDF_SEEN | MDF_FLAGGED, 1u << 2) == 0,
	    "set flags");
	is_str(v->msgs[0].name, "1000.M1P1.host,S=5:2,FSc", "renamed");
	tu_put(dir, "new", "1002.M1P1.host", "new one\n");
	ok(view_expunge(v, 1) == 0 && v->msgs[1].expunged, "expunge");
	ok(view_refresh(w, &ch) == 0, "refresh");
	is_int(ch.nnew, 1, "one new");
	is_int(w->count, 4, "appended");
	is_int(w->msgs[3].uid, 4, "new uid 4");
	ok(ch.nexpunged == 1 && ch.expunged[0] == 2, "expunge seen");
	ok(w->msgs[1].expunged, "marked, not removed");
	ok(ch.nchanged == 1 && ch.changed[0] == 1, "flag change seen");
	is_int(w->msgs[0].flags, MDF_SEEN | MDF_FLAGGED, "new flags");
	is_int(w->msgs[0].keywords, 1u << 2, "new keywords");
	view_changes_free(&ch);
	is_int(view_purge(w), 1, "purge one");
	is_int(w->count, 3, "count after purge");
	i = view_find(w, 4);
	is_int(i, 2, "find uid 4");
	is_int(view_find(w, 2), -1, "uid 2 gone");

	/* w renames uid 3 behind v's back; v still opens and flags it. */
	ok(view_set_flags(w, 1, MDF_REPLIED, 0) == 0, "w flags uid 3");
	{
		int fd = view_open_msg(v, 2);
		ok(fd >= 0, "v opens renamed file");
		if (fd >= 0)
			close(fd);
	}
	ok(view_set_flags(v, 2, MDF_DRAFT, 0) == 0, "v flags it after rename");
	is_str(v->msgs[2].name, "999.M1P1.host,S=3,W=4:2,D", "v's name");
	ok(view_expunge(w, 1) == 0, "w expunges uid 3");
	errno = 0;
	ok(view_set_flags(v, 2, MDF_SEEN, 0) < 0 && errno == ENOENT,
	    "flags on expunged: ENOENT");
	ok(view_refresh(v, &ch) == 0 && ch.nexpunged >= 1, "reported");
	view_changes_free(&ch);
	ok(view_keyword_add(v, "$Junk") == 0, "keyword a");
	ok(view_keyword_add(v, "$NonJunk") == 1, "keyword b");
	ok(view_keyword_add(v, "$junk") == 0, "case-insensitive find");
	ok(view_keyword_add(v, "bad word") < 0 && errno == EINVAL, "invalid");
	ok(view_refresh(w, &ch) == 0 && ch.keywords_changed &&
	    w->nkeywords == 2 && strcmp(w->keywords[1], "$NonJunk") == 0,
	    "other view sees keywords");
	view_changes_free(&ch);
	view_close(v);
	view_close(w);
	str_free(&s);
}

static void
set_old_mtimes(void)
{
	struct timespec ts[2] = { { 1000000000, 0 }, { 1000000000, 0 } };
	char p[8400];

	snprintf(p, sizeof p, "%s/cur", dir);
	utimensat(AT_FDCWD, p, ts, 0);
	snprintf(p, sizeof p, "%s/new", dir);
	utimensat(AT_FDCWD, p, ts, 0);
}

static void
put_cache(const char *body)
{
	char p[8400];

	snprintf(p, sizeof p, "%s/maildir-view.cache", dir);
	unlink(p);
	if (body)
		tu_put(dir, ".", "maildir-view.cache", body);
}

/* A fresh Maildir with three messages in cur/, directories "old". */
static void
three_messages(void)
{
	tu_rmrf(dir);
	tu_mkmaildir(dir, sizeof dir);
	tu_put(dir, "cur", "1.M1P1.h,S=2:2,S", "a\n");
	tu_put(dir, "cur", "2.M1P1.h,S=2:2,", "b\n");
	tu_put(dir, "cur", "3.M1P1.h:2,F", "cc\n");
	set_old_mtimes();
}

static void
test_cache(void)
{
	struct view *v;
	size_t n;

	three_messages();
	v = view_open(dir, 0);
	ok(v && v->count == 3, "first open scans");
	view_close(v);
	ok(tu_exists(dir, ".", "maildir-view.cache"), "cache written");
	/* A file slipped in with the mtime restored: only a scan finds it. */
	tu_put(dir, "cur", "4.M1P1.h:2,", "dd\n");
	set_old_mtimes();
	v = view_open(dir, 0);
	ok(v && v->count == 3, "unchanged folder: cache used, no readdir");
	ok(v && v->msgs[2].size == 3 && v->msgs[2].flags == MDF_FLAGGED,
	    "size and flags from the cache");
	view_close(v);
	v = view_open(dir, VIEW_NOCACHE);
	ok(v && v->count == 4, "without the cache: four");
	view_close(v);
	put_cache("MDVIEW1 garbage\n");
	v = view_open(dir, 0);
	ok(v && v->count == 4 && v->msgs[3].uid == 4, "corrupt cache: rebuilt");
	view_close(v);
	put_cache(NULL);
	set_old_mtimes();
	v = view_open(dir, 0);
	view_close(v);
	{
		struct str s = STR_INIT(1 << 20);
		char p[8400];
		snprintf(p, sizeof p, "%s/maildir-view.cache", dir);
		file_read_all(p, &s, 1 << 20);
		ok(s.len > 4 && strcmp(s.s + s.len - 4, "end\n") == 0,
		    "cache ends with end");
		s.s[s.len - 4] = '\0';
		put_cache(s.s);
		str_free(&s);
	}
	tu_put(dir, "cur", "5.M1P1.h:2,", "ee\n");
	set_old_mtimes();
	v = view_open(dir, 0);
	ok(v && v->count == 5, "truncated cache: rebuilt");
	view_close(v);
	/* Stale: cur/ changed. */
	tu_put(dir, "cur", "6.M1P1.h:2,", "ff\n");
	v = view_open(dir, 0);
	n = v ? v->count : 0;
	is_int(n, 6, "stale cache: rescanned");
	view_close(v);
	v = view_open(dir, 0);
	ok(v && v->count == 6 && v->msgs[5].uid == 6, "again");
	view_close(v);
	{
		char p[8400];
		snprintf(p, sizeof p, "%s/cur/%s", dir, "2.M1P1.h,S=2:2,");
		unlink(p);
	}
	v = view_open(dir, 0);
	ok(v && v->count == 5 && v->msgs[1].uid == 3 && !v->msgs[1].expunged,
	    "file deleted since the cache: not in a fresh view");
	view_close(v);
	put_cache(NULL);
	{
		char p[8400];
		snprintf(p, sizeof p, "%s/dovecot-uidlist", dir);
		unlink(p);
	}
	v = view_open(dir, 0);
	ok(v && v->count == 5 && v->uidnext == 6, "uidlist deleted: renumbered");
	view_close(v);
}

static void
test_locks_and_damage(void)
{
	struct view *v;
	char host[256], lock[300];
	uint32_t uv;

	tu_rmrf(dir);
	tu_mkmaildir(dir, sizeof dir);
	tu_put(dir, "new", "1.M1P1.h", "a\n");
	tu_put(dir, "new", "2.M1P1.h", "b\n");
	/* A lock left by a process of this host that is gone. */
	gethostname(host, sizeof host);
	host[sizeof host - 1] = '\0';
	snprintf(lock, sizeof lock, "999999999:%s", host);
	tu_put(dir, ".", "dovecot-uidlist.lock", lock);
	v = view_open(dir, 0);
	ok(v && v->count == 2, "stale lock of a dead process: taken over");
	ok(!tu_exists(dir, ".", "dovecot-uidlist.lock"), "lock released");
	uv = v ? v->uidvalidity : 0;
	view_close(v);
	/* Malformed lines: their files get new UIDs, others keep theirs. */
	{
		char buf[200];
		snprintf(buf, sizeof buf, "3 V%lu N3\n1 :1.M1P1.h:2,\n"
		    "garbage line\n", (unsigned long)uv);
		tu_put(dir, ".", "dovecot-uidlist", buf);
	}
	put_cache(NULL);
	v = view_open(dir, 0);
	ok(v && v->count == 2 && v->uidvalidity == uv && v->msgs[0].uid == 1 &&
	    v->msgs[1].uid == 3, "bad line skipped; lost file renumbered");
	view_close(v);
	tu_put(dir, ".", "dovecot-uidlist", "not a uidlist\n");
	put_cache(NULL);
	v = view_open(dir, 0);
	ok(v && v->count == 2 && v->uidvalidity != uv && v->msgs[0].uid == 1,
	    "corrupt header: new UIDVALIDITY, renumbered");
	view_close(v);
}

/*
 * Names read from the cache share one block: renaming, expunging and
 * purging must not free them one by one, and the ones that replace them
 * must be (ASan and valgrind would tell).
 */
static void
test_cache_names(void)
{
	struct view *v;

	three_messages();
	view_close(view_open(dir, 0));
	v = view_open(dir, 0);
	ok(v && v->count == 3 && strcmp(v->msgs[2].name, "3.M1P1.h:2,F") == 0,
	    "names from the cache");
	ok(v && view_set_flags(v, 0, MDF_SEEN | MDF_REPLIED, 0) == 0 &&
	    strcmp(v->msgs[0].name, "1.M1P1.h,S=2:2,RS") == 0,
	    "a cached name replaced by a rename");
	ok(v && view_set_flags(v, 0, MDF_SEEN, 0) == 0 &&
	    strcmp(v->msgs[0].name, "1.M1P1.h,S=2:2,S") == 0,
	    "and renamed back: the malloc'd one freed");
	ok(v && view_expunge(v, 1) == 0 && view_purge(v) == 1 &&
	    v->count == 2 && strcmp(v->msgs[1].name, "3.M1P1.h:2,F") == 0,
	    "a cached name expunged and purged");
	tu_put(dir, "cur", "4.M1P1.h:2,", "dd\n");
	ok(v && view_refresh(v, NULL) == 0 && v->count == 3 &&
	    strcmp(v->msgs[2].name, "4.M1P1.h:2,") == 0,
	    "a scanned name beside cached ones");
	view_close(v);
	v = view_open(dir, 0);
	ok(v && v->count == 3 && v->msgs[0].flags == MDF_SEEN,
	    "the cache written from mixed names reads back");
	view_close(v);
}

int
main(void)
{
	plan_lazy();
	tu_mkmaildir(dir, sizeof dir);
	test_basic();
	test_cache();
	test_cache_names();
	test_locks_and_damage();
	tu_rmrf(dir);
	return done_testing();
}
