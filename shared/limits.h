/*
 * limits.h: every ceiling in the suite, named once.  Tests exercise each
 * one byte over.  Programs may lower some from the environment (MAX_LINE,
 * APPEND_MAX ...); none may raise one above what is here.
 */
#ifndef MD_LIMITS_H
#define MD_LIMITS_H

#define LIM_LINE		8192	/* protocol command line, default */
#define LIM_LINE_MAX		65536	/* MAX_LINE may not exceed this */
#define LIM_SMTP_LINE		1000	/* RFC 5321 4.5.3.1.6 text line */
#define LIM_SMTP_CMD		512	/* RFC 5321 4.5.3.1.4 command line */
#define LIM_LMTP_CMD		2048	/* LMTP command: 512 + RFC 1870/3461/6531 */
#define LIM_LMTP_RCPT		1000	/* LMTP_MAX_RECIPIENTS may not exceed */
#define LIM_LMTP_RCPT_DEFAULT	100	/* RFC 5321 4.5.3.1.8: at least 100 */
#define LIM_CRED		512	/* checkpassword fd 3 record */
#define LIM_LOGIN		256	/* login name */
#define LIM_SECRET		256	/* password / SASL secret */
#define LIM_SASL		2048	/* one base64 SASL line */
#define LIM_FOLDER_NAME		255	/* one on-disk folder name, bytes */
#define LIM_FOLDER_DEPTH	32	/* hierarchy levels */
#define LIM_PATH		4096	/* any path we build */
#define LIM_HOSTNAME		255
#define LIM_KEYWORDS		26	/* Maildir keyword letters a-z */
#define LIM_KEYWORD		100	/* one keyword name */
#define LIM_USER_RECORD		4096	/* one users.cdb record */
#define LIM_USER_LINE		4096	/* one line of the users source */
#define LIM_ENV_VALUE		1024	/* one environment value we set */
#define LIM_LOG_LINE		1024	/* one log line */
#define LIM_LOG_VALUE		200	/* one value in a log line */
#define LIM_STR_DEFAULT		(1u << 20)	/* str growth default */
#define LIM_MESSAGE		((off_t)1 << 40)	/* any message file */
#define LIM_HEADER		(1u << 20)	/* one message header block */
#define LIM_MIME_DEPTH		32	/* nested MIME parts */
#define LIM_MIME_PARTS		10000	/* parts in one message */
#define LIM_TMP_AGE		(36 * 3600)	/* stale tmp/ files */
#define LIM_QUOTA_FILE		5120	/* maildirsize recalc threshold */
#define LIM_QUOTA_AGE		(15 * 60)	/* maildirsize stale after */
#define LIM_IMAP_COMMAND	(1u << 18)	/* one IMAP command, literals incl. */
#define LIM_IMAP_ARGS		4096	/* tokens in one IMAP command */
#define LIM_IMAP_DEPTH		16	/* nested lists in one IMAP command */
#define LIM_LITERAL_MINUS	4096	/* RFC 7888 5: LITERAL- {n+} at most */
#define LIM_FETCHCACHE		(256u << 20)	/* imapd.cache: compact above */
#define LIM_IMAP_APPEND		(64u << 20)	/* APPEND literal default */
#define LIM_SEQSET_RANGES	4096	/* ranges in one IMAP sequence set */
#define LIM_SEARCH_DEPTH	32	/* nested OR/NOT/() in SEARCH */
#define LIM_SEARCH_KEYS		1024	/* keys in one SEARCH */
#define LIM_IMAP_IDLE		(30 * 60)	/* RFC 3501 5.4 autologout, s */
#define LIM_SUBS_FILE		(1u << 20)	/* subscriptions file */
#define LIM_UIDLIST_FILE	(256u << 20)	/* dovecot-uidlist we read */
#define LIM_KEYWORDS_FILE	(64u << 10)	/* dovecot-keywords we read */
#define LIM_VIEWCACHE_FILE	(512u << 20)	/* maildir-view.cache */
#define LIM_LOCK_STALE		120	/* dot-lock untouched: stale (s) */
#define LIM_LOCK_WAIT		60	/* wait for a dot-lock at most (s) */
#define LIM_POP3_BAD		20	/* pop3d: bad commands in a row */
#define LIM_POP3_SIZECACHE	(64u << 20)	/* pop3d-sizes file */

#endif
