/*
 * session.h: one LMTP connection (RFC 2033) and its transaction.
 */
#ifndef LMTP_SESSION_H
#define LMTP_SESSION_H

#include <sys/types.h>

#include "io.h"
#include "limits.h"
#include "parse.h"
#include "status.h"
#include "unstuff.h"

struct config {
	const char *table;	/* users.cdb */
	char host[LIM_HOSTNAME + 1];	/* LMTP_HOSTNAME or gethostname */
	const char *delims;	/* RECIPIENT_DELIMITER, "+" */
	const char *spooldir;	/* LMTP_SPOOL, TMPDIR, /tmp */
	long long max_size;	/* LMTP_MAX_SIZE, 0: no limit */
	size_t max_rcpt;	/* LMTP_MAX_RECIPIENTS */
	int timeout_ms;		/* LMTP_TIMEOUT */
	int quota_perm;		/* LMTP_QUOTA_PERMANENT=1: 552 5.2.2 */
	int detail_folder;	/* LMTP_DETAIL_FOLDER=1 */
	int warn_percent;	/* LMTP_QUOTA_WARN, 0: no warnings */
	const char *warn_template;	/* LMTP_QUOTA_WARN_TEMPLATE */
	int switch_uid;		/* running as root: write as each user */
};

/* One accepted recipient and, after the data, its outcome. */
struct rcpt {
	char addr[LMTP_PATH_MAX + 1];	/* as the client wrote it */
	char login[LIM_LOGIN];
	char maildir[LIM_PATH];
	char detail[LIM_LOGIN];
	uid_t uid;
	gid_t gid;
	long long quota_bytes, quota_messages;
	char reply[LMTP_PATH_MAX + 128];		/* "250 2.0.0 ..." after delivery */
	char file[LIM_PATH];		/* final file, for the log */
};

struct session {
	struct io_in in;
	struct io_out out;
	const struct config *cfg;
	char ip[64];			/* remote address, "" on UNIX socket */
	char lhlo[LIM_HOSTNAME + 1];	/* "" until LHLO */
	unsigned long ntrans;
	unsigned long nmsg;		/* messages taken (data complete) */
	unsigned long long msgbytes;	/* their decoded size */
	/* The transaction: from MAIL FROM to the end of the data. */
	int mail;
	struct lmtp_path sender;
	struct lmtp_mail_params mp;
	char id[32];
	struct rcpt *rcpt;
	size_t nrcpt;
	/* BDAT (RFC 3030): chunks so far go to the spool. */
	int bdat, bdat_failed;
	int spool_fd;
	long long spooled;
	struct unstuff us;
};

/* Run the session on fds 0/1 until QUIT, EOF or timeout; exit code. */
int session_run(const struct config *cfg, const char *ip);

/* A reply line (CRLF added), buffered until the client must wait. */
void reply(struct session *, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Flush replies; -1 if the client is gone. */
int reply_flush(struct session *);
/* Forget the transaction (RSET, after the data, new MAIL). */
void transaction_reset(struct session *);

/* envelope.c */
void cmd_mail(struct session *, char *arg);
void cmd_rcpt(struct session *, char *arg);
/* data.c: 0, or -1 when the connection is lost (session ends). */
int cmd_data(struct session *, char *arg);
int cmd_bdat(struct session *, char *arg);

#endif
