/*
 * privdrop.h: become the mail user for good (setgroups, setgid, setuid,
 * then check that root cannot be regained), and enter the home directory,
 * creating it and the Maildir when asked.
 */
#ifndef LOGIN_PRIVDROP_H
#define LOGIN_PRIVDROP_H

#include <sys/types.h>

/*
 * Switch to uid/gid with only gid as group.  Without root, succeed only
 * if already running as uid and gid.  0, or -1 with errno (EPERM).
 */
int privdrop(uid_t uid, gid_t gid);

/*
 * chdir to home.  With create: first make home (0700) and the Maildir
 * with cur/ new/ tmp/ (0700) if missing, as the user (call after
 * privdrop).  0 or -1 with errno.
 */
int home_enter(const char *home, const char *maildir, int create);

#endif
