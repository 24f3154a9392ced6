/* reply.h: response lines and the command handlers of session.c. */
#ifndef POP3_REPLY_H
#define POP3_REPLY_H

#include "cmd.h"
#include "session.h"

/* "+OK text" / "-ERR text"; 0 or -1 on a write error. */
int reply_ok(struct session *, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int reply_err(struct session *, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/*
 * The message a command names, or NULL after answering -ERR (no such
 * message, or already deleted); *rc is then the handler's result.
 */
struct pop3_msg *reply_msg(struct session *, unsigned long long n, int *rc);

/* Handlers: 0 next command, 1 end the session, -1 write error. */
int cmd_stat(struct session *, const struct pop3_cmd *);
int cmd_list(struct session *, const struct pop3_cmd *);
int cmd_uidl(struct session *, const struct pop3_cmd *);
int cmd_retr(struct session *, const struct pop3_cmd *);
int cmd_top(struct session *, const struct pop3_cmd *);
int cmd_dele(struct session *, const struct pop3_cmd *);
int cmd_noop(struct session *, const struct pop3_cmd *);
int cmd_rset(struct session *, const struct pop3_cmd *);
int cmd_quit(struct session *, const struct pop3_cmd *);
int cmd_capa(struct session *, const struct pop3_cmd *);
int cmd_authcmd(struct session *, const struct pop3_cmd *);

#endif
