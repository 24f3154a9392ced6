/* log.c: event lines on stderr. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "limits.h"
#include "log.h"

#define LOG_CONTEXTS 4

static const char *log_program = "mail";
static enum log_level log_threshold = LOG_INFO;
static struct {
	char key[16];
	char value[LIM_LOG_VALUE * 4 + 8];	/* as log_esc can make it */
} log_ctx[LOG_CONTEXTS];

static const char *const log_level_names[] = {
	"fatal", "warning", "info", "debug"
};

void
log_init(const char *program)
{
	const char *lvl = getenv("LOG_LEVEL");
	const char *slash = strrchr(program, '/');

	log_program = slash ? slash + 1 : program;
	if (lvl && strcmp(lvl, "debug") == 0)
		log_threshold = LOG_DEBUG;
	else if (lvl && strcmp(lvl, "warning") == 0)
		log_threshold = LOG_WARNING;
}

void
log_set_level(enum log_level level)
{
	log_threshold = level;
}

void
log_context(const char *key, const char *value)
{
	int i, free_slot = -1;

	for (i = 0; i < LOG_CONTEXTS; i++) {
		if (strcmp(log_ctx[i].key, key) == 0)
			break;
		if (free_slot < 0 && log_ctx[i].key[0] == '\0')
			free_slot = i;
	}
	if (i == LOG_CONTEXTS)
		i = free_slot;
	if (i < 0)
		return;
	snprintf(log_ctx[i].key, sizeof log_ctx[i].key, "%s", key);
	snprintf(log_ctx[i].value, sizeof log_ctx[i].value, "%s",
	    value ? log_esc(value) : "");
	if (value == NULL)
		log_ctx[i].key[0] = '\0';
}

const char *
log_esc(const char *v)
{
	static char ring[4][LIM_LOG_VALUE * 4 + 8];
	static unsigned next;
	char *out = ring[next++ % 4], *p = out;
	size_t n = 0;
	int quote = *v == '\0';

	for (const char *q = v; *q && !quote; q++)
		if (*q == ' ' || *q == '"' || *q == '=' ||
		    (unsigned char)*q < 0x21 || (unsigned char)*q >= 0x7f)
			quote = 1;
	if (quote)
		*p++ = '"';
	for (; *v && n < LIM_LOG_VALUE; v++, n++) {
		unsigned char c = (unsigned char)*v;
		if (c == '"' || c == '\\') {
			*p++ = '\\';
			*p++ = (char)c;
		} else if (c < 0x20 || c >= 0x7f) {
			p += snprintf(p, 5, "\\x%02x", c);
		} else
			*p++ = (char)c;
	}
	if (*v) {
		memcpy(p, "...", 3);
		p += 3;
	}
	if (quote)
		*p++ = '"';
	*p = '\0';
	return out;
}

static void
log_vevent(enum log_level level, const char *event, const char *fmt,
    va_list ap)
{
	char line[LIM_LOG_LINE];
	size_t n;
	int r;

	r = snprintf(line, sizeof line, "%s[%ld]: %s: %s", log_program,
	    (long)getpid(), log_level_names[level], event);
	n = r < 0 ? 0 : (size_t)r;
	if (fmt && *fmt && n < sizeof line - 1) {
		line[n++] = ' ';
		r = vsnprintf(line + n, sizeof line - n, fmt, ap);
		n += r < 0 ? 0 : (size_t)r;
	}
	for (int i = 0; i < LOG_CONTEXTS && n < sizeof line; i++)
		if (log_ctx[i].key[0]) {
			r = snprintf(line + n, sizeof line - n, " %s=%s",
			    log_ctx[i].key, log_ctx[i].value);
			n += r < 0 ? 0 : (size_t)r;
		}
	if (n > sizeof line - 2)
		n = sizeof line - 2;
	line[n++] = '\n';
	/* One write so concurrent processes never interleave a line. */
	if (write(STDERR_FILENO, line, n) < 0)
		return;
}

void
log_event(enum log_level level, const char *event, const char *fmt, ...)
{
	va_list ap;

	if (level > log_threshold)
		return;
	va_start(ap, fmt);
	log_vevent(level, event, fmt, ap);
	va_end(ap);
}

void
log_die(int exitcode, const char *event, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vevent(LOG_FATAL, event, fmt, ap);
	va_end(ap);
	_exit(exitcode);
}
