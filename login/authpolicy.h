/*
 * authpolicy.h: may this (verified) user log in here and now?  nologin,
 * disable= for the calling service (SERVICE=imap|pop3|lmtp), allow_nets
 * against the client address, uid 0.  I/O-free.
 */
#ifndef LOGIN_AUTHPOLICY_H
#define LOGIN_AUTHPOLICY_H

#include "usertable.h"

/*
 * NULL if allowed, else the reason for the log ("nologin",
 * "disabled-service", "network", "no-address", "uid0").  service and ip
 * may be NULL (unknown).  allow_uid0: the administrator allowed uid 0.
 */
const char *authpolicy_check(const struct user_record *, const char *service,
    const char *ip, int allow_uid0);

#endif
