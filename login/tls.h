/*
 * tls.h: the TLS side of the login programs, the one file of the tree
 * that includes OpenSSL.  The root part loads the context (certificate,
 * key, ticket key) before any client byte; an unprivileged, chrooted TLS
 * process then runs the handshake on the client connection and relays
 * plaintext over a socketpair for the whole session.
 */
#ifndef LOGIN_TLS_H
#define LOGIN_TLS_H

#include "config.h"

struct tls_ctx;

/* Load certificate, key and settings; NULL after logging why. */
struct tls_ctx *tls_load(const struct login_config *);
/*
 * In the TLS process: handshake on rfd/wfd within timeout_ms, write the
 * line "PROTOCOL CIPHER\n" to plainfd, then relay until both sides are
 * done.  Returns an exit status.
 */
int tls_serve(struct tls_ctx *, int rfd, int wfd, int plainfd,
    int timeout_ms);

#endif
