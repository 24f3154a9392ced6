/* test-folder.c: shared/folder*.c, Maildir++ folders by client name. */
#include <sys/stat.h>
#include <sys/wait.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include "tap.h"
#include "folder.h"
#include "folder_int.h"
#include "limits.h"
#include "maildir.h"
#include "mutf7.h"

static char root[64];

/* A hostile or odd name and the reason it must be refused with. */
static const struct {
	const char *name, *why;
} hostile[] = {
	{ "", "Empty mailbox name" },
	{ ".", "Mailbox name begins with the separator" },
	{ "..", "Mailbox name begins with the separator" },
	{ ".hidden", "Mailbox name begins with the separator" },
	{ "../../etc", "Mailbox name begins with the separator" },
	{ "a.", "Mailbox name ends with the separator" },
	{ "a..b", "Empty hierarchy level (..)" },
	{ "a/b", "Character / not allowed in name" },
	{ "/etc/passwd", "Character / not allowed in name" },
	{ "a\tb", "Control characters not allowed" },
	{ "a\nb", "Control characters not allowed" },
	{ "a\rb", "Control characters not allowed" },
	{ "a\177", "Control characters not allowed" },
	{ "\033[31m", "Control characters not allowed" },
	{ "&AAE-", "Control characters not allowed" },	/* U+0001 */
	{ "&AIU-", "Control characters not allowed" },	/* U+0085 NEL */
	{ "&AH8-", "Control characters not allowed" },	/* U+007F */
	{ "Entw\xc3\xbcrfe", "8-bit name: use modified UTF-7" },
	{ "&", "Invalid modified UTF-7 in name" },
	{ "&AGE-", "Invalid modified UTF-7 in name" },
	{ "&AC8-", "Invalid modified UTF-7 in name" },	/* "/" hidden */
	{ "&AC4-", "Invalid modified UTF-7 in name" },	/* "." hidden */
	{ "&AOk-&AOk-", "Invalid modified UTF-7 in name" },
	{ "&2D0-", "Invalid modified UTF-7 in name" },
	{ "&AOk", "Invalid modified UTF-7 in name" },
};

static void
test_names(void)
{
	char buf[LIM_FOLDER_NAME + 64], canon[300], disk[300];
	const char *why;
	size_t i;

	for (i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
		why = NULL;
		errno = 0;
		ok(folder_name_check(hostile[i].name, &why) < 0 &&
		    errno == EINVAL, "reject name %zu", i);
		is_str(why, hostile[i].why, "  reason");
		ok(folder_create(root, hostile[i].name, &why) < 0 &&
		    errno == EINVAL, "  create refuses it too");
	}
	/* LIM_FOLDER_NAME bytes on disk is the longest: "." + 254. */
	memset(buf, 'a', 254);
	buf[254] = '\0';
	ok(folder_name_check(buf, NULL) == 0, "254-byte name (255 on disk)");
	ok(folder_create(root, buf, NULL) == 0, "  can be created");
	ok(folder_delete(root, buf, NULL) == 0, "  and deleted");
	buf[254] = 'a';
	buf[255] = '\0';
	why = NULL;
	ok(folder_name_check(buf, &why) < 0, "255-byte name: one over");
	is_str(why, "Mailbox name too long", "  reason");
	memset(buf, 'b', 256);
	buf[256] = '\0';
	why = NULL;
	ok(folder_create(root, buf, &why) < 0 && errno == EINVAL,
	    "256-byte name refused by create");
	is_str(why, "Mailbox name too long", "  reason");
	ok(folder_canon("a.b&AOk-", NULL, 0, buf, 5, NULL) < 0 &&
	    errno == ENAMETOOLONG, "short disk buffer: ENAMETOOLONG");
	/* LIM_FOLDER_DEPTH levels and one more. */
	for (i = 0; i < LIM_FOLDER_DEPTH; i++)
		memcpy(buf + 2 * i, "a.", 2);
	buf[2 * LIM_FOLDER_DEPTH - 1] = '\0';
	ok(folder_name_check(buf, NULL) == 0, "%d levels", LIM_FOLDER_DEPTH);
	memcpy(buf + 2 * LIM_FOLDER_DEPTH - 1, ".a", 3);
	ok(folder_name_check(buf, &why) < 0, "%d levels: one over",
	    LIM_FOLDER_DEPTH + 1);
	is_str(why, "Mailbox hierarchy too deep", "  reason");
	/* Names that look alarming but are fine. */
	ok(folder_name_check("cur", NULL) == 0, "cur is a name (.cur)");
	ok(folder_name_check("tmp.new", NULL) == 0, "tmp.new is a name");
	ok(folder_name_check("~user", NULL) == 0, "~user is a name");
	ok(folder_name_check("&-", NULL) == 0, "&- (an ampersand)");
	ok(folder_name_check("a b", NULL) == 0, "space");
	ok(folder_name_check("a*b", NULL) == 0 &&
	    folder_name_check("a%b", NULL) == 0, "* and %%, as Dovecot");
	ok(folder_canon("inbox", canon, sizeof canon, disk, sizeof disk,
	    NULL) == 0, "canon inbox");
	is_str(canon, "INBOX", "  INBOX");
	is_str(disk, "", "  on disk: the root");
	ok(folder_canon("InBoX.Sub", canon, sizeof canon, disk, sizeof disk,
	    NULL) == 0, "canon InBoX.Sub");
	is_str(canon, "INBOX.Sub", "  INBOX.Sub");
	is_str(disk, ".INBOX.Sub", "  on disk .INBOX.Sub");
	ok(folder_canon("Lists.debian", canon, sizeof canon, disk,
	    sizeof disk, NULL) == 0 && strcmp(disk, ".Lists.debian") == 0,
	    "Lists.debian on disk .Lists.debian");
	ok(folder_canon("x", canon, 1, NULL, 0, NULL) < 0 &&
	    errno == ENAMETOOLONG, "small buffer: ENAMETOOLONG");
	ok(folder_from_disk(".Sent", buf, sizeof buf) == 0 &&
	    strcmp(buf, "Sent") == 0, "from disk .Sent");
	ok(folder_from_disk("..DOVECOT-TRASHED", buf, sizeof buf) < 0,
	    "..DOVECOT-TRASHED is not a folder");
	ok(folder_from_disk(FOLDER_TRASH_PREFIX "x", buf, sizeof buf) < 0,
	    "our trash is not a folder");
	ok(folder_from_disk(".INBOX", buf, sizeof buf) < 0, ".INBOX skipped");
	ok(folder_from_disk(".inbox.x", buf, sizeof buf) < 0,
	    ".inbox.x is not canonical");
	ok(folder_from_disk("cur", buf, sizeof buf) < 0, "cur is not");
}

static int
exists(const char *rel)
{
	char path[LIM_PATH];
	struct stat st;

	snprintf(path, sizeof path, "%s/%s", root, rel);
	return lstat(path, &st) == 0;
}

static void
touch(const char *rel)
{
	char path[LIM_PATH];
	int fd;

	snprintf(path, sizeof path, "%s/%s", root, rel);
	fd = open(path, O_WRONLY | O_CREAT, 0600);
	if (fd < 0 || write(fd, "x\n", 2) != 2 || close(fd) < 0)
		diag("touch %s failed", path);
}

static int
count_entries(const char *rel, const char *prefix)
{
	char path[LIM_PATH];
	struct dirent *de;
	DIR *d;
	int n = 0;

	snprintf(path, sizeof path, "%s/%s", root, rel);
	if ((d = opendir(path)) == NULL)
		return -1;
	while ((de = readdir(d)) != NULL)
		if (strncmp(de->d_name, prefix, strlen(prefix)) == 0 &&
		    strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

/* The listing as one string: "INBOX:c Lists:nc Lists.debian:n". */
static const char *
listing(void)
{
	static char out[2048];
	struct folder_list fl;
	size_t i, len = 0;

	out[0] = '\0';
	if (folder_list(root, &fl) < 0)
		return "(error)";
	for (i = 0; i < fl.n && len < sizeof out; i++)
		len += (size_t)snprintf(out + len, sizeof out - len, "%s%s:%s%s",
		    i ? " " : "", fl.v[i].name,
		    fl.v[i].flags & FOLDER_NOSELECT ? "x" : "",
		    fl.v[i].flags & FOLDER_HASCHILDREN ? "c" : "n");
	folder_list_free(&fl);
	return out;
}

static void
test_create_list(void)
{
	const char *why;

	ok(folder_create(root, "Sent", &why) == 0, "create Sent");
	ok(exists(".Sent/cur") && exists(".Sent/new") && exists(".Sent/tmp"),
	    "  cur new tmp");
	ok(exists(".Sent/maildirfolder"), "  maildirfolder marker");
	is_int(count_entries("", ".."), 0, "  no temporary left behind");
	errno = 0;
	ok(folder_create(root, "Sent", &why) < 0 && errno == EEXIST,
	    "create Sent again: EEXIST");
	ok(folder_create(root, "inbox", &why) < 0 && errno == EEXIST,
	    "create inbox: EEXIST");
	ok(folder_create(root, "Lists.debian", NULL) == 0,
	    "create Lists.debian");
	ok(!exists(".Lists"), "  parent is only a prefix");
	is_str(listing(), "INBOX:n Lists:xc Lists.debian:n Sent:n",
	    "list: \\Noselect parent, children flags");
	ok(folder_create(root, "INBOX.sub", NULL) == 0, "create INBOX.sub");
	ok(folder_create(root, "inbox.sub", NULL) < 0 && errno == EEXIST,
	    "  inbox.sub is the same folder");
	is_str(listing(), "INBOX:c INBOX.sub:n Lists:xc Lists.debian:n Sent:n",
	    "list: INBOX has children");
	ok(folder_delete(root, "INBOX.sub", NULL) == 0, "delete INBOX.sub");
}

static void
test_unicode(void)
{
	static const char *names[] = {
		"Entw\xc3\xbcrfe", "\xd0\x9e\xd1\x82\xd0\xbf\xd1\x80\xd0\xb0",
		"\xe9\x80\x81\xe4\xbf\xa1\xe6\xb8\x88\xe3\x81\xbf",
		"\xf0\x9f\x98\x80 smile", "a&b", "caf\xc3\xa9.cr\xc3\xa8me",
		"\xd7\xa2\xd7\x91\xd7\xa8\xd7\x99\xd7\xaa", "\xe2\x82\xac 100",
	};
	struct str m = STR_INIT(LIM_FOLDER_NAME);
	struct folder_list fl;
	size_t i, j, found = 0;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (!ok(mutf7_from_utf8(names[i], strlen(names[i]), &m) == 0 &&
		    folder_create(root, m.s, NULL) == 0, "create %s", m.s))
			continue;
		if (folder_list(root, &fl) < 0)
			continue;
		for (j = 0; j < fl.n; j++)
			if (strcmp(fl.v[j].name, m.s) == 0)
				found++;
		folder_list_free(&fl);
		ok(folder_delete(root, m.s, NULL) == 0, "  delete it");
	}
	is_int(found, sizeof names / sizeof names[0],
	    "every Unicode name listed back byte for byte");
	str_free(&m);
}

static void
test_rename(void)
{
	const char *why;

	ok(folder_create(root, "A", NULL) == 0 &&
	    folder_create(root, "A.b", NULL) == 0 &&
	    folder_create(root, "A.b.c", NULL) == 0 &&
	    folder_create(root, "Ab", NULL) == 0, "create A A.b A.b.c Ab");
	touch(".A.b/cur/1.2.host:2,S");
	ok(folder_rename(root, "A", "B", &why) == 0, "rename A B");
	ok(exists(".B") && exists(".B.b") && exists(".B.b.c"),
	    "  children moved");
	ok(!exists(".A") && !exists(".A.b") && !exists(".A.b.c"),
	    "  nothing left under A");
	ok(exists(".Ab"), "  Ab is not a child of A");
	ok(exists(".B.b/cur/1.2.host:2,S"), "  messages moved along");
	errno = 0;
	ok(folder_rename(root, "B", "B.x", &why) < 0 && errno == EINVAL,
	    "rename into own subtree: EINVAL");
	is_str(why, "Cannot rename a mailbox into itself", "  reason");
	ok(folder_rename(root, "B", "Sent", &why) < 0 && errno == EEXIST,
	    "rename onto existing: EEXIST");
	ok(folder_rename(root, "B", "inbox", &why) < 0 && errno == EEXIST,
	    "rename onto INBOX: EEXIST");
	ok(folder_rename(root, "Nope", "X", &why) < 0 && errno == ENOENT,
	    "rename missing: ENOENT");
	ok(folder_rename(root, "B", "a..b", &why) < 0 && errno == EINVAL,
	    "rename to invalid name: EINVAL");
	ok(folder_create(root, "C", NULL) == 0 &&
	    folder_create(root, "C.x", NULL) == 0 &&
	    folder_create(root, "D.x", NULL) == 0, "create C C.x D.x");
	ok(folder_rename(root, "C", "D", &why) < 0 && errno == EEXIST,
	    "rename C D: child D.x exists: EEXIST");
	ok(exists(".C") && exists(".C.x") && !exists(".D"),
	    "  nothing moved");
	ok(folder_rename(root, "Lists", "Archive.Lists", NULL) == 0,
	    "rename \\Noselect Lists moves its children");
	ok(exists(".Archive.Lists.debian") && !exists(".Lists.debian"),
	    "  .Archive.Lists.debian");
}

static void
test_rename_inbox(void)
{
	touch("new/100.1.host");
	touch("new/100.2.host");
	touch("cur/100.3.host:2,S");
	ok(folder_rename(root, "INBOX", "Old", NULL) == 0,
	    "rename INBOX Old");
	is_int(count_entries(".Old/new", "100."), 2, "  new/ moved");
	is_int(count_entries(".Old/cur", "100."), 1, "  cur/ moved");
	is_int(count_entries("new", "100."), 0, "  INBOX new/ empty");
	is_int(count_entries("cur", "100."), 0, "  INBOX cur/ empty");
	ok(maildir_check(root) == 0, "  INBOX still a Maildir");
	ok(exists(".Sent"), "  other folders untouched");
	ok(folder_rename(root, "INBOX", "Sent", NULL) < 0 && errno == EEXIST,
	    "rename INBOX onto existing: EEXIST");
}

static void
test_delete(void)
{
	const char *why = NULL;
	char path[LIM_PATH];

	touch(".B/cur/1.1.h:2,");
	ok(folder_delete(root, "B", &why) == 0,
	    "delete B with children (RFC 3501 6.3.4)");
	ok(!exists(".B") && exists(".B.b") && exists(".B.b.c") &&
	    exists(".B.b/cur/1.2.host:2,S"), "  only B's directory went");
	is_str(listing(), "INBOX:n Ab:n Archive:xc Archive.Lists:xc "
	    "Archive.Lists.debian:n B:xc B.b:c B.b.c:n C:c C.x:n D:xc D.x:n "
	    "Old:n Sent:n", "  B is \\Noselect now");
	errno = 0;
	ok(folder_delete(root, "B", &why) < 0 && errno == ENOENT,
	    "delete \\Noselect B: ENOENT");
	is_str(why, "Mailbox doesn't exist", "  reason");
	ok(folder_delete(root, "B.b.c", NULL) == 0 &&
	    folder_delete(root, "B.b", NULL) == 0, "delete B.b.c B.b");
	ok(!exists(".B.b") && !exists(".B.b.c"), "  gone");
	is_int(count_entries("", ".."), 0, "  no trash left");
	ok(folder_delete(root, "INBOX", &why) < 0 && errno == EPERM,
	    "delete INBOX: EPERM");
	is_str(why, "INBOX cannot be deleted", "  reason");
	ok(folder_delete(root, "Nope", &why) < 0 && errno == ENOENT,
	    "delete missing: ENOENT");
	ok(folder_delete(root, "Lists", &why) < 0 && errno == ENOENT,
	    "delete a prefix that is no folder: ENOENT");
	/* A crash between the trash rename and the removal. */
	snprintf(path, sizeof path, "%s/" FOLDER_TRASH_PREFIX "crash", root);
	ok(maildir_create(path) == 0, "leftover trash from a crash");
	touch(FOLDER_TRASH_PREFIX "crash/cur/1.1.h");
	snprintf(path, sizeof path, "%s/..DOVECOT-TRASHED", root);
	ok(maildir_create(path) == 0, "and a Dovecot trash directory");
	touch(".notadir");
	is_str(listing(), "INBOX:n Ab:n Archive:xc Archive.Lists:xc "
	    "Archive.Lists.debian:n C:c C.x:n D:xc D.x:n Old:n Sent:n",
	    "list skips trash and non-folders");
	ok(!exists(FOLDER_TRASH_PREFIX "crash"), "  list swept our trash");
	ok(exists("..DOVECOT-TRASHED"), "  Dovecot's is left to Dovecot");
}

/* Every visible folder directory is complete; nothing of ours is left. */
static int
all_complete(void)
{
	struct folder_list fl;
	char rel[LIM_FOLDER_NAME + 32];
	size_t i;
	int bad = 0;

	if (folder_list(root, &fl) < 0)
		return 0;
	for (i = 1; i < fl.n; i++) {
		if (fl.v[i].flags & FOLDER_NOSELECT)
			continue;
		snprintf(rel, sizeof rel, ".%s/maildirfolder", fl.v[i].name);
		bad += !exists(rel);
		snprintf(rel, sizeof rel, ".%s/tmp", fl.v[i].name);
		bad += !exists(rel);
	}
	folder_list_free(&fl);
	return bad == 0 && count_entries("", "..#") == 0;
}

/* Four processes create, delete and rename the same names at once. */
static void
test_race(void)
{
	static const char *names[] = { "Race", "Race.x", "Other" };
	pid_t pids[4];
	int i, j, st, good = 0;

	for (i = 0; i < 4; i++) {
		if ((pids[i] = fork()) == 0) {
			for (j = 0; j < 200; j++) {
				const char *a = names[(i + j) % 3];
				const char *b = names[(i + j + 1) % 3];

				(void)folder_create(root, a, NULL);
				(void)folder_rename(root, a, b, NULL);
				(void)folder_delete(root, b, NULL);
			}
			_exit(0);
		}
	}
	for (i = 0; i < 4; i++)
		if (pids[i] > 0 && waitpid(pids[i], &st, 0) == pids[i] &&
		    WIFEXITED(st) && WEXITSTATUS(st) == 0)
			good++;
	is_int(good, 4, "4 racing processes: 200 create/rename/delete each");
	ok(all_complete(), "  every visible folder complete, no leftovers");
	for (i = 2; i >= 0; i--)
		(void)folder_delete(root, names[i], NULL);
}

int
main(void)
{
	const char *why = NULL;
	char path[LIM_PATH];

	plan_lazy();
	snprintf(root, sizeof root, "/tmp/test-folder-XXXXXX");
	if (mkdtemp(root) == NULL || maildir_create(root) < 0) {
		ok(0, "temporary Maildir");
		return done_testing();
	}
	test_names();
	test_create_list();
	test_unicode();
	test_rename();
	test_rename_inbox();
	test_delete();
	test_race();
	ok(folder_path(root, "Sent", path, sizeof path, &why) == 0 &&
	    maildir_check(path) == 0, "folder_path gives a Maildir");
	ok(folder_path(root, "inbox", path, sizeof path, &why) == 0 &&
	    strcmp(path, root) == 0, "folder_path INBOX is the root");
	ok(folder_rmtree(AT_FDCWD, root) == 0, "clean up");
	return done_testing();
}
