/* cmd-misc.c: DELE, NOOP, RSET, QUIT, CAPA, and pre-login commands. */
#include "log.h"
#include "reply.h"

int
cmd_dele(struct session *s, const struct pop3_cmd *c)
{
	struct pop3_msg *m;
	int rc;

	if ((m = reply_msg(s, c->msg, &rc)) == NULL)
		return rc;
	m->deleted = 1;
	return reply_ok(s, "Message %llu deleted", c->msg);
}

int
cmd_noop(struct session *s, const struct pop3_cmd *c)
{
	(void)c;
	return io_puts(s->out, "+OK\r\n");
}

int
cmd_rset(struct session *s, const struct pop3_cmd *c)
{
	unsigned long long size;
	size_t n;

	(void)c;
	for (size_t i = 0; i < s->md->count; i++)
		s->md->msgs[i].deleted = 0;
	if (maildrop_stat(s->md, &n, &size) < 0)
		return reply_ok(s, "Maildrop has %zu messages", s->md->count);
	return reply_ok(s, "Maildrop has %zu messages (%llu octets)", n, size);
}

/* RFC 1939 6: QUIT enters UPDATE; only then does anything change. */
int
cmd_quit(struct session *s, const struct pop3_cmd *c)
{
	(void)c;
	s->reason = "logout";
	for (size_t i = 0; i < s->md->count; i++)
		if (s->md->msgs[i].deleted) {
			s->md->del_n++;
			s->md->del_bytes += s->md->msgs[i].size;
		}
	if (maildrop_update(s->md) < 0) {
		s->failed = 1;
		(void)reply_err(s, "[SYS/TEMP] Some deleted messages not "
		    "removed");
		return 1;
	}
	(void)reply_ok(s, "Logging out");
	return 1;
}

/* RFC 2449 5: the capabilities of the TRANSACTION state. */
int
cmd_capa(struct session *s, const struct pop3_cmd *c)
{
	(void)c;
	if (reply_ok(s, "Capability list follows") < 0 ||
	    io_puts(s->out, "TOP\r\nUIDL\r\nRESP-CODES\r\nPIPELINING\r\n") < 0)
		return -1;
	if (s->expire && io_printf(s->out, "EXPIRE %s\r\n", s->expire) < 0)
		return -1;
	if (s->login_delay &&
	    io_printf(s->out, "LOGIN-DELAY %s\r\n", s->login_delay) < 0)
		return -1;
	return io_puts(s->out, "IMPLEMENTATION pop3d\r\n.\r\n");
}

/* USER, PASS, APOP, AUTH, STLS, UTF8 belong to AUTHORIZATION only. */
int
cmd_authcmd(struct session *s, const struct pop3_cmd *c)
{
	return reply_err(s, "%s is not valid after login", c->name);
}
