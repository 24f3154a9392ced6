/* privdrop.c: drop root for good and enter the home (see privdrop.h). */
#define _GNU_SOURCE	/* setgroups, getresuid, getresgid: Linux */
#include <errno.h>
#include <grp.h>
#include <stdio.h>
#include <unistd.h>

#include "file.h"
#include "limits.h"
#include "privdrop.h"

/* Every id is the target one, and setuid(0) does not work. */
static int
privdrop_verify(uid_t uid, gid_t gid)
{
	uid_t ru, eu, su;
	gid_t rg, eg, sg;

	if (getresuid(&ru, &eu, &su) < 0 || getresgid(&rg, &eg, &sg) < 0)
		return -1;
	if (ru != uid || eu != uid || su != uid || rg != gid || eg != gid ||
	    sg != gid)
		goto bad;
	if (uid != 0 && (setuid(0) == 0 || seteuid(0) == 0))
		goto bad;
	return 0;
bad:
	errno = EPERM;
	return -1;
}

int
privdrop(uid_t uid, gid_t gid)
{
	if (geteuid() != 0) {
		/* Not root: run as we are, if that is the user. */
		if (getuid() == uid && geteuid() == uid && getgid() == gid &&
		    getegid() == gid)
			return 0;
		errno = EPERM;
		return -1;
	}
	/* Root from here to setuid(): groups first, then gid, then uid. */
	if (setgroups(1, &gid) < 0 || setresgid(gid, gid, gid) < 0 ||
	    setresuid(uid, uid, uid) < 0)
		return -1;
	return privdrop_verify(uid, gid);
}

static int
maildir_create(const char *maildir)
{
	static const char *const subs[] = { "cur", "new", "tmp" };
	char path[LIM_PATH];

	for (int i = 0; i < 3; i++) {
		int n = snprintf(path, sizeof path, "%s/%s", maildir, subs[i]);

		if (n < 0 || (size_t)n >= sizeof path) {
			errno = ENAMETOOLONG;
			return -1;
		}
		if (file_mkdirs(path, 0700) < 0)
			return -1;
	}
	return 0;
}

int
home_enter(const char *home, const char *maildir, int create)
{
	if (create && (file_mkdirs(home, 0700) < 0 ||
	    maildir_create(maildir) < 0))
		return -1;
	return chdir(home);
}
