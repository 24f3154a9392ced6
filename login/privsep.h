/*
 * privsep.h: dropping root for the processes that touch client bytes:
 * look the account up while /etc/passwd is reachable, then chroot into
 * an empty directory, drop groups, gid and uid, and check that root
 * cannot be regained.
 */
#ifndef LOGIN_PRIVSEP_H
#define LOGIN_PRIVSEP_H

#include <sys/types.h>

struct privsep {
	int enabled;		/* started as root */
	uid_t uid;
	gid_t gid;
	const char *root;
};

/* As root: resolve user and check the directory; otherwise disabled. */
int privsep_prepare(struct privsep *, const char *user, const char *root);
/* Become the unprivileged user in the chroot; 0 or -1. */
int privsep_drop(const struct privsep *);

#endif
