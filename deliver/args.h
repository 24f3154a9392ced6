/*
 * args.h: the command line and the environment an MTA hands us
 * (qmail-local: SENDER, RECIPIENT, DTLINE, RPLINE; Postfix local(8):
 * SENDER, RECIPIENT; RECIPIENT_DELIMITER).  Flags win over variables.
 */
#ifndef DELIVER_ARGS_H
#define DELIVER_ARGS_H

#define DELIVER_TABLE		"/etc/mail/users.cdb"
#define DELIVER_WARN_TEMPLATE	"/etc/mail/quotawarn.msg"
#define DELIVER_DELIMS		"+"

struct deliver_args {
	const char *maildir;	/* operand: ./Maildir/ or /abs/Maildir */
	const char *address;	/* -d user@domain: look up in the table */
	const char *table;	/* -t users.cdb */
	const char *folder;	/* -m Folder */
	const char *delims;	/* -D, RECIPIENT_DELIMITER; NULL: none */
	const char *sender;	/* -f, SENDER, RPLINE; NULL: not known */
	const char *recipient;	/* -a, -d, DTLINE, RECIPIENT; NULL */
	const char *limits;	/* -Q 10000000S,1000C */
	const char *warn_template;	/* -W */
	int warn_percent;	/* -w, 0: no warnings */
	int grace_percent;	/* -g, default 10 */
	int create;		/* -c */
	int quota_permanent;	/* -q */
	int sysexits;		/* -s */
};

/* 0, or -1 with *why set to a one-line reason (usage error). */
int args_parse(struct deliver_args *, int argc, char **argv,
    const char **why);

#endif
