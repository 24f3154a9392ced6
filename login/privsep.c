/* privsep.c: chroot and drop to the login user. */
/* Linux-only: setresuid(2), setresgid(2) and prctl(2) need _GNU_SOURCE. */
#define _GNU_SOURCE
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <unistd.h>

#include "log.h"
#include "privsep.h"

int
privsep_prepare(struct privsep *ps, const char *user, const char *root)
{
	struct passwd *pw;
	struct stat st;

	ps->enabled = geteuid() == 0;
	ps->root = root;
	if (!ps->enabled)
		return 0;
	errno = 0;
	pw = getpwnam(user);
	if (pw == NULL) {
		log_warn("config", "error=\"no such LOGIN_USER\" user=%s",
		    log_esc(user));
		return -1;
	}
	if (pw->pw_uid == 0) {
		log_warn("config", "error=\"LOGIN_USER must not be root\"");
		return -1;
	}
	if (stat(root, &st) < 0 || !S_ISDIR(st.st_mode) ||
	    st.st_uid != 0 || (st.st_mode & 022)) {
		log_warn("config", "error=\"LOGIN_ROOT must be a directory "
		    "owned by root, not group or world writable\" dir=%s",
		    log_esc(root));
		return -1;
	}
	ps->uid = pw->pw_uid;
	ps->gid = pw->pw_gid;
	return 0;
}

int
privsep_drop(const struct privsep *ps)
{
	if (!ps->enabled)
		return 0;
	if (chroot(ps->root) < 0 || chdir("/") < 0 ||
	    setgroups(1, &ps->gid) < 0 ||
	    setresgid(ps->gid, ps->gid, ps->gid) < 0 ||
	    setresuid(ps->uid, ps->uid, ps->uid) < 0)
		return -1;
	/* Check that root cannot be regained. */
	if (setuid(0) == 0 || seteuid(0) == 0 || geteuid() != ps->uid) {
		errno = EPERM;
		return -1;
	}
	/* Linux: no privileges through exec, no core dumps of secrets. */
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return -1;
	/* Neither process forks once dropped (stderr may be a file, so
	 * RLIMIT_FSIZE stays). */
	const struct rlimit zero = { 0, 0 };
	if (setrlimit(RLIMIT_NPROC, &zero) < 0)
		return -1;
	return 0;
}
