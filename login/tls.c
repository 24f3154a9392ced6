/* tls.c: OpenSSL context, handshake and the plaintext relay. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/ssl.h>

#include "file.h"
#include "io.h"
#include "limits.h"
#include "log.h"
#include "str.h"
#include "tls.h"

#define TLS_BUF		16384
#define TICKET_KEY_LEN	80	/* name 16, HMAC key 32, AES key 32 */

struct tls_ctx {
	SSL_CTX *ctx;
};

#define TLS_SNI_MAX	64	/* names in TLS_SNI_DIR */

static unsigned char tls_ticket_key[TICKET_KEY_LEN];
static struct {
	char name[LIM_HOSTNAME + 1];
	SSL_CTX *ctx;
} tls_sni[TLS_SNI_MAX];
static int tls_nsni;
static struct tls_ctx tls_the_ctx;

static void
tls_log_error(const char *event, const char *what)
{
	char buf[256];
	unsigned long e = ERR_get_error();

	ERR_error_string_n(e, buf, sizeof buf);
	log_warn(event, "error=%s what=%s", log_esc(e ? buf : "unknown"),
	    log_esc(what));
	ERR_clear_error();
}

/* RFC 5077-style ticket keys shared by every process with the file. */
static int
tls_ticket_cb(SSL *ssl, unsigned char name[16], unsigned char *iv,
    EVP_CIPHER_CTX *cctx, EVP_MAC_CTX *hctx, int enc)
{
	OSSL_PARAM params[3];

	(void)ssl;
	params[0] = OSSL_PARAM_construct_octet_string(OSSL_MAC_PARAM_KEY,
	    tls_ticket_key + 16, 32);
	params[1] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
	    (char *)"SHA256", 0);
	params[2] = OSSL_PARAM_construct_end();
	if (enc) {
		memcpy(name, tls_ticket_key, 16);
		if (RAND_bytes(iv, EVP_MAX_IV_LENGTH) <= 0 ||
		    !EVP_EncryptInit_ex(cctx, EVP_aes_256_cbc(), NULL,
		    tls_ticket_key + 48, iv))
			return -1;
	} else {
		if (memcmp(name, tls_ticket_key, 16) != 0)
			return 0;	/* unknown key: full handshake */
		if (!EVP_DecryptInit_ex(cctx, EVP_aes_256_cbc(), NULL,
		    tls_ticket_key + 48, iv))
			return -1;
	}
	return EVP_MAC_CTX_set_params(hctx, params) ? 1 : -1;
}

static int
tls_load_ticket_key(SSL_CTX *ctx, const char *path)
{
	struct str s = STR_INIT(4096);
	int ok;

	if (path == NULL) {
		SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);
		return SSL_CTX_set_num_tickets(ctx, 0) ? 0 : -1;
	}
	ok = file_read_all(path, &s, 4096) == 0 && s.len >= TICKET_KEY_LEN;
	if (ok)
		memcpy(tls_ticket_key, s.s, TICKET_KEY_LEN);
	if (s.s)
		explicit_bzero(s.s, s.len);
	str_free(&s);
	if (!ok) {
		log_warn("config", "error=\"TLS_TICKET_KEY needs %d bytes\" "
		    "file=%s", TICKET_KEY_LEN, log_esc(path));
		return -1;
	}
	return SSL_CTX_set_tlsext_ticket_key_evp_cb(ctx, tls_ticket_cb) ? 0 :
	    -1;
}

static int
tls_load_dh(SSL_CTX *ctx, const char *path)
{
	EVP_PKEY *dh = NULL;
	BIO *bio;

	if (path == NULL)
		return SSL_CTX_set_dh_auto(ctx, 1) ? 0 : -1;
	bio = BIO_new_file(path, "r");
	if (bio != NULL)
		dh = PEM_read_bio_Parameters(bio, NULL);
	BIO_free(bio);
	if (dh == NULL || !SSL_CTX_set0_tmp_dh_pkey(ctx, dh)) {
		EVP_PKEY_free(dh);
		tls_log_error("config", "TLS_DHPARAM");
		return -1;
	}
	return 0;
}

static int
tls_settings(SSL_CTX *ctx, const struct login_config *c)
{
	int min = strcmp(c->tls_min, "TLSv1.3") == 0 ? TLS1_3_VERSION :
	    strcmp(c->tls_min, "TLSv1.2") == 0 ? TLS1_2_VERSION : 0;

	if (min == 0) {
		log_warn("config", "error=\"TLS_MIN must be TLSv1.2 or "
		    "TLSv1.3\"");
		return -1;
	}
	SSL_CTX_set_options(ctx, SSL_OP_CIPHER_SERVER_PREFERENCE |
	    SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION);
	SSL_CTX_set_mode(ctx, SSL_MODE_ENABLE_PARTIAL_WRITE |
	    SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
	/* One process per connection: a session cache would be useless. */
	SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
	if (!SSL_CTX_set_min_proto_version(ctx, min) ||
	    !SSL_CTX_set_cipher_list(ctx, c->tls_ciphers)) {
		tls_log_error("config", "TLS_CIPHERS");
		return -1;
	}
	return 0;
}

/* A server context for one certificate chain and key. */
static SSL_CTX *
tls_ctx_new(const struct login_config *c, const char *cert, const char *key)
{
	SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());

	if (ctx == NULL || tls_settings(ctx, c) < 0)
		goto fail;
	if (SSL_CTX_use_certificate_chain_file(ctx, cert) != 1) {
		tls_log_error("config", cert);
		goto fail;
	}
	if (SSL_CTX_use_PrivateKey_file(ctx, key, SSL_FILETYPE_PEM) != 1 ||
	    SSL_CTX_check_private_key(ctx) != 1) {
		tls_log_error("config", key);
		goto fail;
	}
	if (tls_load_dh(ctx, c->tls_dhparam) < 0 ||
	    tls_load_ticket_key(ctx, c->tls_ticket_key) < 0)
		goto fail;
	return ctx;
fail:
	SSL_CTX_free(ctx);
	return NULL;
}

/* SNI (RFC 6066 3): switch to the context loaded for that name. */
static int
tls_servername_cb(SSL *ssl, int *alert, void *arg)
{
	const char *name = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);

	(void)alert;
	(void)arg;
	if (name == NULL)
		return SSL_TLSEXT_ERR_NOACK;
	for (int i = 0; i < tls_nsni; i++)
		if (strcasecmp(name, tls_sni[i].name) == 0) {
			SSL_set_SSL_CTX(ssl, tls_sni[i].ctx);
			return SSL_TLSEXT_ERR_OK;
		}
	return SSL_TLSEXT_ERR_NOACK;	/* the default certificate */
}

/* TLS_SNI_DIR/NAME.pem: chain and key for NAME, loaded now, as root. */
static int
tls_load_sni(const struct login_config *c, SSL_CTX *deflt)
{
	char path[LIM_PATH];
	struct dirent *de;
	DIR *d = opendir(c->tls_sni_dir);

	if (d == NULL) {
		log_warn("config", "error=\"cannot open TLS_SNI_DIR\" dir=%s",
		    log_esc(c->tls_sni_dir));
		return -1;
	}
	while ((de = readdir(d)) != NULL && tls_nsni < TLS_SNI_MAX) {
		size_t n = strlen(de->d_name);
		if (n < 5 || n - 4 >= sizeof tls_sni[0].name ||
		    strcmp(de->d_name + n - 4, ".pem") != 0 ||
		    de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", c->tls_sni_dir,
		    de->d_name);
		SSL_CTX *ctx = tls_ctx_new(c, path, path);
		if (ctx == NULL)
			continue;	/* logged; the others still serve */
		memcpy(tls_sni[tls_nsni].name, de->d_name, n - 4);
		tls_sni[tls_nsni].name[n - 4] = '\0';
		tls_sni[tls_nsni++].ctx = ctx;
	}
	closedir(d);
	SSL_CTX_set_tlsext_servername_callback(deflt, tls_servername_cb);
	return 0;
}

struct tls_ctx *
tls_load(const struct login_config *c)
{
	SSL_CTX *ctx = tls_ctx_new(c, c->tls_cert,
	    c->tls_key ? c->tls_key : c->tls_cert);

	if (ctx == NULL)
		return NULL;
	if (c->tls_sni_dir && tls_load_sni(c, ctx) < 0) {
		SSL_CTX_free(ctx);
		return NULL;
	}
	tls_the_ctx.ctx = ctx;
	return &tls_the_ctx;
}

static int
tls_wait(int rfd, int wfd, int err, int timeout_ms)
{
	struct pollfd p = { .fd = err == SSL_ERROR_WANT_WRITE ? wfd : rfd,
		.events = err == SSL_ERROR_WANT_WRITE ? POLLOUT : POLLIN };
	int r;

	do
		r = poll(&p, 1, timeout_ms);
	while (r < 0 && errno == EINTR);
	return r > 0 ? 0 : -1;
}

static long
tls_ms_left(const struct timespec *deadline)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (deadline->tv_sec - now.tv_sec) * 1000 +
	    (deadline->tv_nsec - now.tv_nsec) / 1000000;
}

static int
tls_handshake(SSL *ssl, int rfd, int wfd, int timeout_ms)
{
	struct timespec deadline;
	long left;
	int r, err;

	clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_sec += timeout_ms / 1000;
	while ((r = SSL_accept(ssl)) != 1) {
		err = SSL_get_error(ssl, r);
		left = tls_ms_left(&deadline);
		if ((err != SSL_ERROR_WANT_READ &&
		    err != SSL_ERROR_WANT_WRITE) || left <= 0 ||
		    tls_wait(rfd, wfd, err, (int)left) < 0) {
			tls_log_error("tls-fail", left <= 0 ? "timeout" :
			    err == SSL_ERROR_SYSCALL ? "eof" : "handshake");
			return -1;
		}
	}
	return 0;
}

/* One direction of the relay: bytes read but not yet written. */
struct tls_buf {
	unsigned char b[TLS_BUF];
	size_t off, len;
	int eof;		/* the source side has ended */
};

struct tls_relay {
	SSL *ssl;
	int rfd, wfd, plain;
	struct tls_buf up, down;	/* client->plain, plain->client */
	short want_client, want_plain;	/* poll events */
	int shut;			/* close_notify sent */
	int error;
};

static void
tls_want_ssl(struct tls_relay *r, int err)
{
	if (err == SSL_ERROR_WANT_READ)
		r->want_client |= POLLIN;
	else if (err == SSL_ERROR_WANT_WRITE)
		r->want_client |= POLLOUT;
}

/* Client to plaintext: returns 1 if anything moved. */
static int
tls_relay_up(struct tls_relay *r)
{
	struct tls_buf *u = &r->up;
	size_t n;
	ssize_t w;
	int moved = 0;

	if (u->len == 0 && !u->eof) {
		int ok = SSL_read_ex(r->ssl, u->b, sizeof u->b, &n);
		int err = ok ? SSL_ERROR_NONE : SSL_get_error(r->ssl, 0);

		if (ok) {
			u->off = 0;
			u->len = n;
			moved = 1;
		} else if (err == SSL_ERROR_WANT_READ ||
		    err == SSL_ERROR_WANT_WRITE)
			tls_want_ssl(r, err);
		else {
			u->eof = moved = 1;
			ERR_clear_error();
		}
	}
	if (u->len > 0) {
		w = write(r->plain, u->b + u->off, u->len);
		if (w > 0) {
			u->off += (size_t)w;
			u->len -= (size_t)w;
			moved = 1;
		} else if (errno == EAGAIN)
			r->want_plain |= POLLOUT;
		else
			r->error = 1;
	}
	if (u->eof && u->len == 0 && u->eof++ == 1)
		shutdown(r->plain, SHUT_WR);
	return moved;
}

/* Plaintext to client: returns 1 if anything moved. */
static int
tls_relay_down(struct tls_relay *r)
{
	struct tls_buf *d = &r->down;
	size_t n;
	ssize_t got;
	int moved = 0;

	if (d->len == 0 && !d->eof) {
		got = read(r->plain, d->b, sizeof d->b);
		if (got > 0) {
			d->off = 0;
			d->len = (size_t)got;
			moved = 1;
		} else if (got == 0)
			d->eof = moved = 1;
		else if (errno == EAGAIN)
			r->want_plain |= POLLIN;
		else
			r->error = 1;
	}
	if (d->len > 0) {
		if (SSL_write_ex(r->ssl, d->b + d->off, d->len, &n)) {
			d->off += n;
			d->len -= n;
			moved = 1;
		} else {
			int err = SSL_get_error(r->ssl, 0);
			if (err == SSL_ERROR_WANT_READ ||
			    err == SSL_ERROR_WANT_WRITE)
				tls_want_ssl(r, err);
			else
				r->error = 1;
		}
	}
	return moved;
}

static void
tls_relay_poll(struct tls_relay *r)
{
	struct pollfd p[3];
	int n = 0;

	if (r->rfd == r->wfd) {
		p[n++] = (struct pollfd){ r->rfd, r->want_client, 0 };
	} else {
		p[n++] = (struct pollfd){ r->rfd, r->want_client & POLLIN, 0 };
		p[n++] = (struct pollfd){ r->wfd, r->want_client & POLLOUT,
		    0 };
	}
	p[n++] = (struct pollfd){ r->plain, r->want_plain, 0 };
	if (poll(p, (nfds_t)n, -1) < 0 && errno != EINTR)
		r->error = 1;
}

static void
tls_relay(struct tls_relay *r)
{
	while (!r->error) {
		int moved;

		r->want_client = r->want_plain = 0;
		moved = tls_relay_up(r) | tls_relay_down(r);
		if (r->down.eof && r->down.len == 0) {
			/* The mail process is done: close_notify, then go. */
			SSL_shutdown(r->ssl);
			return;
		}
		if (r->up.eof && r->up.len == 0 && r->want_plain == 0 &&
		    r->want_client == 0 && !moved)
			return;
		if (!moved)
			tls_relay_poll(r);
	}
}

static void
tls_nonblock(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	if (fl >= 0)
		fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

int
tls_serve(struct tls_ctx *t, int rfd, int wfd, int plainfd, int timeout_ms)
{
	static struct tls_relay r;
	char line[160];
	int n;

	r.ssl = SSL_new(t->ctx);
	if (r.ssl == NULL || !SSL_set_rfd(r.ssl, rfd) ||
	    !SSL_set_wfd(r.ssl, wfd))
		return 111;
	tls_nonblock(rfd);
	tls_nonblock(wfd);
	if (tls_handshake(r.ssl, rfd, wfd, timeout_ms) < 0)
		return 1;
	n = snprintf(line, sizeof line, "%s %s\n", SSL_get_version(r.ssl),
	    SSL_CIPHER_get_name(SSL_get_current_cipher(r.ssl)));
	if (n < 0 || (size_t)n >= sizeof line ||
	    fd_write_all(plainfd, line, (size_t)n, timeout_ms) < 0)
		return 111;
	tls_nonblock(plainfd);
	r.rfd = rfd;
	r.wfd = wfd;
	r.plain = plainfd;
	tls_relay(&r);
	SSL_free(r.ssl);
	return 0;
}
