/*
 * privmsg.h: the messages between the unprivileged protocol process and
 * the root part of imap-login/pop3-login, over a SOCK_SEQPACKET pair (one
 * message per datagram).  I/O-free packing and unpacking.
 *
 *   protocol -> root:  'T'                      start TLS on the client
 *                      'A' fields... cred pending   check credentials
 *   root -> protocol:  'T' + the plaintext fd (SCM_RIGHTS) or 'E'
 *                      'O' session started, 'F' rejected, 'U' temporary
 */
#ifndef LOGIN_PRIVMSG_H
#define LOGIN_PRIVMSG_H

#include <stddef.h>

#include "io.h"
#include "limits.h"

enum { PM_MECH, PM_TAG, PM_LOGIN, PM_REMOTEIP, PM_REMOTEPORT, PM_LOCALIP,
	PM_LOCALPORT, PM_SSLPROTO, PM_SSLCIPHER, PM_NFIELDS };

#define PM_FIELD_MAX	256
#define PM_MSG_MAX	(1 + PM_NFIELDS * (PM_FIELD_MAX + 1) + 2 + \
			 LIM_CRED + IO_INSIZE)

struct privmsg_auth {
	const char *field[PM_NFIELDS];
	const char *cred;
	size_t credlen;
	const char *pending;
	size_t pendlen;
};

/* Pack an 'A' message into out (PM_MSG_MAX bytes); returns its length or 0. */
size_t privmsg_pack(const struct privmsg_auth *, char *out);
/* Unpack in place (NULs already there); 0 or -1 if malformed. */
int privmsg_unpack(char *msg, size_t n, struct privmsg_auth *);

#endif
