/*
 * monitor.h: the root part of imap-login and pop3-login.  It forks the
 * unprivileged protocol process first (so that process never holds key
 * material), then loads the TLS key, and from then on only answers the
 * protocol process's requests: start TLS (fork the TLS process), check
 * credentials (run the checkpassword program).  It never reads a client
 * byte.
 */
#ifndef LOGIN_MONITOR_H
#define LOGIN_MONITOR_H

#include "config.h"

/* The protocol loop, run unprivileged with the control channel ctl. */
typedef int (*monitor_proto)(const struct login_config *, int ctl);

/* Run the whole connection; returns the exit status. */
int monitor_main(const struct login_config *, monitor_proto);

#endif
