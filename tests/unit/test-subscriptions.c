/* test-subscriptions.c: shared/subscriptions.c, both file formats. */
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include "tap.h"
#include "file.h"
#include "folder_int.h"
#include "limits.h"
#include "subscriptions.h"

static char root[64];

static const char *
joined(const struct subs *sb)
{
	static char out[1024];
	size_t i, len = 0;

	out[0] = '\0';
	for (i = 0; i < sb->n && len < sizeof out; i++)
		len += (size_t)snprintf(out + len, sizeof out - len, "%s%s",
		    i ? "|" : "", sb->v[i]);
	return out;
}

static const char *
file_text(void)
{
	static char buf[1024];
	struct str s = STR_INIT(1000);
	char path[LIM_PATH];

	snprintf(path, sizeof path, "%s/subscriptions", root);
	buf[0] = '\0';
	if (file_read_all(path, &s, 1000) == 0 && s.s != NULL)
		snprintf(buf, sizeof buf, "%s", s.s);
	str_free(&s);
	return buf;
}

static void
write_file(const char *text)
{
	char path[LIM_PATH];

	snprintf(path, sizeof path, "%s/subscriptions", root);
	if (file_replace(path, text, strlen(text), 0600) < 0)
		diag("cannot write %s", path);
}

static void
test_parse(void)
{
	static const char v2[] = "V\t2\n\nINBOX\nLists\tdebian\n"
	    "Tab\001tName\nSent\n\n";
	struct subs sb;
	struct str out = STR_INIT(1000);

	static const char plain[] = "INBOX\nSent\r\nLists.debian\n\nSent\nLast";

	ok(subs_parse(plain, sizeof plain - 1, &sb) == 0, "parse plain");
	is_str(joined(&sb), "INBOX|Sent|Lists.debian|Last",
	    "  CRLF, empty lines, duplicates, no final newline");
	ok(subs_format(&sb, &out) == 0, "format");
	is_str(out.s, "INBOX\nSent\nLists.debian\nLast\n", "  plain form");
	subs_free(&sb);
	ok(subs_parse(v2, sizeof v2 - 1, &sb) == 0, "parse Dovecot v2");
	is_str(joined(&sb), "INBOX|Lists.debian|Sent",
	    "  TAB is the hierarchy; an escaped tab is no folder name");
	subs_free(&sb);
	ok(subs_parse("a\001b\nok\n", 7, &sb) == 0 && sb.n == 1,
	    "plain: control characters skip a line");
	subs_free(&sb);
	ok(subs_parse("", 0, &sb) == 0 && sb.n == 0, "empty");
	subs_free(&sb);
	str_free(&out);
}

int
main(void)
{
	struct subs sb;
	char lock[LIM_PATH];
	int fd;

	plan_lazy();
	snprintf(root, sizeof root, "/tmp/test-subs-XXXXXX");
	if (!ok(mkdtemp(root) != NULL, "temporary directory"))
		return done_testing();
	test_parse();
	ok(subs_read(root, &sb) == 0 && sb.n == 0, "missing file: empty");
	subs_free(&sb);
	ok(subs_add(root, "Sent") == 0 && subs_add(root, "Lists.debian") == 0
	    && subs_add(root, "Sent") == 0, "add Sent Lists.debian Sent");
	is_str(file_text(), "Sent\nLists.debian\n", "  file, no duplicate");
	ok(subs_add(root, "Lists.debian.x") == 0 &&
	    subs_add(root, "Lists.debianx") == 0, "add children");
	ok(subs_rename(root, "Lists.debian", "Archive") == 0, "rename");
	is_str(file_text(), "Sent\nArchive\nArchive.x\nLists.debianx\n",
	    "  name and children renamed, look-alike kept");
	ok(subs_remove(root, "Sent") == 0 && subs_remove(root, "Nope") == 0,
	    "remove Sent, remove absent");
	is_str(file_text(), "Archive\nArchive.x\nLists.debianx\n", "  file");
	errno = 0;
	ok(subs_add(root, "bad\nname") < 0 && errno == EINVAL,
	    "newline in a name: EINVAL");
	write_file("V\t2\n\nINBOX\nA\tb\n");
	ok(subs_read(root, &sb) == 0, "read a Dovecot v2 file");
	is_str(joined(&sb), "INBOX|A.b", "  names");
	subs_free(&sb);
	ok(subs_add(root, "C") == 0, "add to it");
	is_str(file_text(), "INBOX\nA.b\nC\n", "  rewritten in plain form");
	snprintf(lock, sizeof lock, "%s/subscriptions.lock", root);
	ok(access(lock, F_OK) < 0, "lock released");
	fd = open(lock, O_WRONLY | O_CREAT, 0600);
	ok(fd >= 0 && close(fd) == 0, "someone else holds the lock");
	{
		struct timespec old[2] = { { 1, 0 }, { 1, 0 } };

		ok(utimensat(AT_FDCWD, lock, old, 0) == 0 &&
		    subs_add(root, "D") == 0, "a stale lock is broken");
	}
	{
		char path[LIM_PATH];
		static const char courier[] = "INBOX\nINBOX.Sent\n"
		    "INBOX.Lists.debian\nINBOX.\nSent\n";

		snprintf(path, sizeof path, "%s/subscriptions", root);
		ok(unlink(path) == 0, "no subscriptions file");
		snprintf(path, sizeof path, "%s/courierimapsubscribed", root);
		ok(file_replace(path, courier, sizeof courier - 1, 0600) == 0,
		    "Courier's courierimapsubscribed");
		ok(subs_read(root, &sb) == 0, "read it");
		is_str(joined(&sb), "INBOX|Sent|Lists.debian",
		    "  INBOX. prefix dropped, duplicates folded");
		subs_free(&sb);
		ok(subs_add(root, "X") == 0, "a change");
		is_str(file_text(), "INBOX\nSent\nLists.debian\nX\n",
		    "  writes subscriptions from Courier's list");
	}
	ok(folder_rmtree(AT_FDCWD, root) == 0, "clean up");
	return done_testing();
}
