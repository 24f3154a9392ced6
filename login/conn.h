/*
 * conn.h: the client connection as the unprivileged protocol process
 * sees it: buffered, bounded line reads with the pre-auth timeout,
 * writes, STARTTLS through the root part, and the credential check.
 */
#ifndef LOGIN_CONN_H
#define LOGIN_CONN_H

#include <sys/types.h>
#include <stddef.h>

#include "config.h"
#include "io.h"
#include "sasl.h"

enum conn_auth { CONN_AUTH_OK, CONN_AUTH_FAIL, CONN_AUTH_TEMP };

struct conn {
	const struct login_config *cfg;
	int rfd, wfd;
	int ctl;			/* channel to the root part */
	int tls;			/* TLS active */
	char tls_proto[32], tls_cipher[96];
	char remote_ip[46], remote_port[8], local_ip[46], local_port[8];
	int ucspi_ctl, ucspi_r, ucspi_w;	/* UCSPI-TLS fds, or -1 */
	struct io_in in;
};

/* Set up on fds 0/1 and read our addresses from env or the socket. */
void conn_init(struct conn *, const struct login_config *, int ctl);
/* Give the whole pre-auth phase at most seconds (SIGALRM ends it). */
void conn_deadline(struct conn *, unsigned seconds);
/* Read the PROXY header when configured; 0 or -1 (logged). */
int conn_proxy(struct conn *);
/* Whether STARTTLS can be offered now (own certificate or UCSPI-TLS). */
int conn_tls_offered(const struct conn *);
/*
 * Start TLS and switch to the plaintext channel: through the root part
 * with our own certificate, else through the UCSPI-TLS server (sslserver
 * -n, s6-tlsserver) named by SSLCTLFD, SSLREADFD, SSLWRITEFD.  0 or -1.
 */
int conn_starttls(struct conn *);
/*
 * Read one line (with its LF) into buf (room for max + 1: it is
 * NUL-terminated); returns the length, 0 at EOF, -1
 * with errno ERANGE (over max, skipped), ETIMEDOUT or another error.
 */
ssize_t conn_getline(struct conn *, char *buf, size_t max);
/* Read exactly n bytes (literals); 0 or -1. */
int conn_readn(struct conn *, char *buf, size_t n);
/* Write a string; exits the process when the client is gone. */
void conn_puts(struct conn *, const char *);
void conn_printf(struct conn *, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Wipe consumed input (it may hold a password). */
void conn_wipe(struct conn *);
/* Run the checkpassword program through the root part. */
enum conn_auth conn_auth(struct conn *, const struct sasl *, const char *tag);

#endif
