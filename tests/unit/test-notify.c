/* test-notify.c: shared/notify*.c, inotify and polling. */
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include "tap.h"
#include "folder_int.h"
#include "limits.h"
#include "maildir.h"
#include "notify.h"

static char root[64];

static void
touch(const char *rel)
{
	char path[LIM_PATH];
	int fd;

	snprintf(path, sizeof path, "%s/%s", root, rel);
	if ((fd = open(path, O_WRONLY | O_CREAT, 0600)) < 0 || close(fd) < 0)
		diag("cannot create %s", path);
}

static void
move(const char *from, const char *to)
{
	char a[LIM_PATH], b[LIM_PATH];

	snprintf(a, sizeof a, "%s/%s", root, from);
	snprintf(b, sizeof b, "%s/%s", root, to);
	if (rename(a, b) < 0)
		diag("cannot rename %s", a);
}

/* Wait up to ms for a change, the way imapd's IDLE loop would. */
static int
wait_change(struct notify *n, int ms)
{
	struct pollfd pfd = { notify_fd(n), POLLIN, 0 };
	int r, waited;

	for (waited = 0; waited <= ms; waited += 20) {
		if (pfd.fd >= 0 && poll(&pfd, 1, 20) < 0)
			return -1;
		if (pfd.fd < 0)
			poll(NULL, 0, 20);
		if ((r = notify_check(n)) != 0)
			return r;
	}
	return 0;
}

/*
 * Poll until quiet: polling reports a change once more while a stamp is
 * under a second old (coarse file system clocks), inotify never does.
 */
static int
settle(struct notify *n)
{
	int i, quiet = 0;

	for (i = 0; i < 80; i++) {
		quiet = notify_check(n) == 0 ? quiet + 1 : 0;
		if (quiet == 2)
			return 0;
		poll(NULL, 0, 50);
	}
	return 1;
}

static void
run(const char *method)
{
	struct notify *n;

	n = notify_open(root);
	if (!ok(n != NULL, "%s: open", method))
		return;
	is_str(notify_method(n), method, "  method");
	ok(strcmp(method, "inotify") == 0 ? notify_fd(n) >= 0 :
	    notify_fd(n) == -1, "  fd %d", notify_fd(n));
	is_int(settle(n), 0, "  nothing yet");
	touch("tmp/1.1.h");
	is_int(wait_change(n, 300), 0, "  tmp/ is not watched");
	move("tmp/1.1.h", "new/1.1.h");
	is_int(wait_change(n, 3000), 1, "  delivery to new/ seen");
	is_int(settle(n), 0, "  drained");
	move("new/1.1.h", "cur/1.1.h:2,");
	is_int(wait_change(n, 3000), 1, "  new/ to cur/ seen");
	move("cur/1.1.h:2,", "cur/1.1.h:2,S");
	is_int(wait_change(n, 3000), 1, "  flag change seen");
	touch("dovecot-uidlist");
	is_int(wait_change(n, 3000), 1, "  dovecot-uidlist seen");
	touch("other-file");
	if (strcmp(method, "inotify") == 0)
		is_int(wait_change(n, 300), 0, "  other files ignored");
	notify_close(n);
}

int
main(void)
{
	struct notify *n;

	plan_lazy();
	snprintf(root, sizeof root, "/tmp/test-notify-XXXXXX");
	if (!ok(mkdtemp(root) != NULL && maildir_create(root) == 0,
	    "temporary Maildir"))
		return done_testing();
	unsetenv("NOTIFY");
	run("inotify");
	setenv("NOTIFY", "poll", 1);
	setenv("NOTIFY_INTERVAL", "2", 1);
	run("poll");
	n = notify_open(root);
	is_int(n ? notify_interval(n) : -1, 2, "NOTIFY_INTERVAL=2");
	notify_close(n);
	setenv("NOTIFY_INTERVAL", "0", 1);
	n = notify_open(root);
	is_int(n ? notify_interval(n) : -1, NOTIFY_DEFAULT_INTERVAL,
	    "NOTIFY_INTERVAL=0 ignored");
	notify_close(n);
	errno = 0;
	ok(notify_open("/nonexistent/x") == NULL && errno == ENOENT,
	    "missing folder: ENOENT");
	unsetenv("NOTIFY");
	ok(notify_open("/nonexistent/x") == NULL && errno == ENOENT,
	    "  with inotify too");
	ok(folder_rmtree(AT_FDCWD, root) == 0, "clean up");
	return done_testing();
}
