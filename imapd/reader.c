/* reader.c: reading whole IMAP commands; see reader.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "reader.h"

void
command_init(struct command *c)
{
	str_init(&c->buf, LIM_IMAP_COMMAND);
	c->spool_at = (size_t)-1;
	c->spool_fd = -1;
	c->spool_len = 0;
}

void
command_reset(struct command *c)
{
	str_truncate(&c->buf, 0);
	c->spool_at = (size_t)-1;
	if (c->spool_fd >= 0)
		close(c->spool_fd);
	c->spool_fd = -1;
	c->spool_len = 0;
}

/* The tag at the start of the buffer, for an early refusal. */
static void
refuse(struct session *s, struct command *c, const char *status,
    const char *text)
{
	int n = 0;

	while ((size_t)n < c->buf.len && n < 100 && c->buf.s[n] != ' ')
		n++;
	if (n == 0)
		io_printf(&s->out, "* %s %s\r\n", status, text);
	else
		io_printf(&s->out, "%.*s %s %s\r\n", n, c->buf.s, status,
		    text);
	io_flush(&s->out);
}

/* Read and drop n literal bytes and the rest of the command. */
static int
discard_rest(struct session *s, uint64_t n, struct str *line)
{
	char buf[4096];
	uint64_t lit;
	int nonsync;

	for (;;) {
		while (n > 0) {
			ssize_t r = io_read(&s->in, buf,
			    n < sizeof buf ? (size_t)n : sizeof buf);
			if (r <= 0)
				return READ_EOF;
			n -= (uint64_t)r;
		}
		if (io_getline(&s->in, line, LIM_LINE_MAX) <= 0 &&
		    errno != ERANGE)
			return READ_EOF;
		while (line->len > 0 && (line->s[line->len - 1] == '\n' ||
		    line->s[line->len - 1] == '\r'))
			line->len--;
		if (imap_literal_tail(line->s, line->len, &lit, &nonsync) != 1)
			return READ_REFUSED;
		if (!nonsync)
			return READ_REFUSED;	/* we never send "+" */
		n = lit;
	}
}

/*
 * The APPEND literal cannot be spooled (a full disk, mostly): the client
 * sends it anyway, so read and drop the rest of it and of the command,
 * then say why, and go on with the next command.
 */
static int
spool_failed(struct session *s, struct command *c, uint64_t n,
    struct str *line, int e)
{
	int r;

	log_warn("append-spool", "errno=%d", e);
	if (c->spool_fd >= 0)
		close(c->spool_fd);	/* give the space back now */
	c->spool_fd = -1;
	if ((r = discard_rest(s, n, line)) != READ_EOF)
		refuse(s, c, "NO", e == ENOSPC || e == EDQUOT ?
		    "[OVERQUOTA] Not enough disk space" :
		    "[UNAVAILABLE] Cannot store the message, try again later");
	return r;
}

static int
spool_literal(struct session *s, struct command *c, uint64_t n,
    struct str *line)
{
	char path[LIM_PATH], buf[16384];

	snprintf(path, sizeof path, "%s/tmp/imapd-append.XXXXXX", s->root);
	if ((c->spool_fd = mkstemp(path)) < 0)
		return spool_failed(s, c, n, line, errno);
	unlink(path);
	c->spool_len = n;
	while (n > 0) {
		ssize_t r = io_read(&s->in, buf,
		    n < sizeof buf ? (size_t)n : sizeof buf);
		if (r <= 0)
			return READ_EOF;
		n -= (uint64_t)r;
		if (fd_write_all(c->spool_fd, buf, (size_t)r, -1) < 0)
			return spool_failed(s, c, n, line, errno);
	}
	return READ_OK;
}

/*
 * LITERAL- (RFC 7888 5): a non-synchronising literal over 4096 bytes.
 * Up to LIM_IMAP_COMMAND it is read and dropped and the command gets a
 * tagged BAD [TOOBIG] (RFC 7888 4, choice 1); a bigger one is not worth
 * reading: "* BYE [TOOBIG]" and the connection ends (choice 2, as
 * Dovecot does for every size).
 */
static int
literal_minus_refuse(struct session *s, struct command *c, uint64_t n,
    struct str *line)
{
	int r;

	if (n > LIM_IMAP_COMMAND) {
		log_info("literal-minus", "size=%llu action=bye",
		    (unsigned long long)n);
		io_puts(&s->out, "* BYE [TOOBIG] Non-synchronizing literal "
		    "larger than 4096 bytes (LITERAL-)\r\n");
		io_flush(&s->out);
		return READ_EOF;
	}
	if ((r = discard_rest(s, n, line)) != READ_EOF)
		refuse(s, c, "BAD", "[TOOBIG] Non-synchronizing literal larger "
		    "than 4096 bytes (LITERAL-)");
	return r;
}

/* One literal of n bytes announced at the end of the buffer. */
static int
take_literal(struct session *s, struct command *c, uint64_t n, int nonsync,
    struct str *line)
{
	char name[16];
	int append, big;

	if (nonsync && s->literal_minus && n > LIM_LITERAL_MINUS)
		return literal_minus_refuse(s, c, n, line);
	imap_peek_name(c->buf.s, c->buf.len, name, sizeof name);
	append = strcmp(name, "APPEND") == 0;
	big = c->buf.len + 2 + n > LIM_IMAP_COMMAND;
	if (big && (!append || c->spool_fd >= 0 || n > s->append_max)) {
		const char *why = append ? "[TOOBIG] Message too large" :
		    "Command too long";
		int r = nonsync ? discard_rest(s, n, line) : READ_REFUSED;

		if (r != READ_EOF)
			refuse(s, c, append ? "NO" : "BAD", why);
		return r;
	}
	if (!nonsync && (io_puts(&s->out, "+ OK\r\n") < 0 ||
	    io_flush(&s->out) < 0))
		return READ_EOF;
	if (str_append(&c->buf, "\r\n", 2) < 0)
		return READ_EOF;
	if (big) {
		c->spool_at = c->buf.len - 2;
		while (c->spool_at > 0 && c->buf.s[c->spool_at] != '{')
			c->spool_at--;
		return spool_literal(s, c, n, line);
	}
	if (str_reserve(&c->buf, (size_t)n) < 0 ||
	    io_readn(&s->in, c->buf.s + c->buf.len, (size_t)n) < 0)
		return READ_EOF;
	c->buf.len += (size_t)n;
	c->buf.s[c->buf.len] = '\0';
	return READ_OK;
}

int
command_read(struct session *s, struct command *c)
{
	struct str line = STR_INIT(LIM_LINE_MAX);
	uint64_t n;
	int nonsync, r = READ_OK, t;

	command_reset(c);
	for (;;) {
		if (io_getline(&s->in, &line, LIM_LINE) <= 0) {
			r = errno == ERANGE ? READ_REFUSED : READ_EOF;
			if (r == READ_REFUSED)
				refuse(s, c, "BAD", "Command line too long");
			break;
		}
		while (line.len > 0 && (line.s[line.len - 1] == '\n' ||
		    line.s[line.len - 1] == '\r'))
			line.len--;
		if (str_append(&c->buf, line.s, line.len) < 0) {
			refuse(s, c, "BAD", "Command too long");
			r = READ_REFUSED;
			break;
		}
		t = imap_literal_tail(line.s, line.len, &n, &nonsync);
		if (t == 0)
			break;
		if (t < 0) {
			refuse(s, c, "BAD", "Invalid literal");
			r = READ_REFUSED;
			break;
		}
		if ((r = take_literal(s, c, n, nonsync, &line)) != READ_OK)
			break;
	}
	str_free(&line);
	return r;
}
