/* cmd-list.c: STAT, LIST and UIDL (RFC 1939 sections 5 and 7). */
#include <errno.h>

#include "log.h"
#include "reply.h"

/* Size for LIST; a message expunged by another session counts 0. */
static int
list_size(struct session *s, struct pop3_msg *m, unsigned long long *size)
{
	if (maildrop_size(s->md, m, size) == 0)
		return 0;
	if (errno != ENOENT) {
		log_warn("size-fail", "errno=%d", errno);
		return -1;
	}
	*size = 0;
	return 0;
}

int
cmd_stat(struct session *s, const struct pop3_cmd *c)
{
	unsigned long long size;
	size_t n;

	(void)c;
	if (maildrop_stat(s->md, &n, &size) < 0)
		return reply_err(s, "[SYS/TEMP] Cannot read the maildrop");
	return reply_ok(s, "%zu %llu", n, size);
}

static int
list_one(struct session *s, unsigned long long n)
{
	unsigned long long size;
	struct pop3_msg *m;
	int rc;

	if ((m = reply_msg(s, n, &rc)) == NULL)
		return rc;
	if (list_size(s, m, &size) < 0)
		return reply_err(s, "[SYS/TEMP] Cannot read message %llu", n);
	return reply_ok(s, "%llu %llu", n, size);
}

int
cmd_list(struct session *s, const struct pop3_cmd *c)
{
	unsigned long long size, total;
	size_t count;

	if (c->has_msg)
		return list_one(s, c->msg);
	if (maildrop_stat(s->md, &count, &total) < 0)
		return reply_err(s, "[SYS/TEMP] Cannot read the maildrop");
	if (reply_ok(s, "%zu messages (%llu octets)", count, total) < 0)
		return -1;
	for (size_t i = 0; i < s->md->count; i++) {
		struct pop3_msg *m = &s->md->msgs[i];
		if (m->deleted)
			continue;
		/* Sizes are known after maildrop_stat. */
		(void)list_size(s, m, &size);
		if (io_printf(s->out, "%zu %llu\r\n", i + 1, size) < 0)
			return -1;
	}
	return io_puts(s->out, ".\r\n");
}

static int
uidl_line(struct session *s, const char *status, size_t n,
    const struct pop3_msg *m)
{
	char uidl[UIDL_MAX];

	if (maildrop_uidl(s->md, m, uidl, sizeof uidl) < 0)
		return 0;	/* a file name too long for UIDL: skip it */
	return io_printf(s->out, "%s%zu %s\r\n", status, n, uidl);
}

int
cmd_uidl(struct session *s, const struct pop3_cmd *c)
{
	struct pop3_msg *m;
	int rc;

	if (c->has_msg) {
		if ((m = reply_msg(s, c->msg, &rc)) == NULL)
			return rc;
		return uidl_line(s, "+OK ", (size_t)c->msg, m);
	}
	if (reply_ok(s, "Unique-ID listing follows") < 0)
		return -1;
	for (size_t i = 0; i < s->md->count; i++)
		if (!s->md->msgs[i].deleted &&
		    uidl_line(s, "", i + 1, &s->md->msgs[i]) < 0)
			return -1;
	return io_puts(s->out, ".\r\n");
}
