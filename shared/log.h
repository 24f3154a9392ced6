/*
 * log.h: one line per event on stderr,
 *   program[pid]: level: event key=value ... user=... ip=...
 * No timestamps (multilog, s6-log, journald add them).  Values that may
 * hold spaces or client bytes go through log_esc(), which quotes, escapes
 * and cuts them at LIM_LOG_VALUE.  Never log a password or message text.
 */
#ifndef MD_LOG_H
#define MD_LOG_H

enum log_level { LOG_FATAL, LOG_WARNING, LOG_INFO, LOG_DEBUG };

void log_init(const char *program);
void log_set_level(enum log_level);	/* default LOG_INFO; LOG_LEVEL env */
void log_context(const char *key, const char *value); /* user=, ip= */
void log_event(enum log_level, const char *event, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void log_die(int exitcode, const char *event, const char *fmt, ...)
    __attribute__((format(printf, 3, 4), noreturn));
const char *log_esc(const char *value);	/* four rotating buffers */

#define log_info(...) log_event(LOG_INFO, __VA_ARGS__)
#define log_warn(...) log_event(LOG_WARNING, __VA_ARGS__)
#define log_debug(...) log_event(LOG_DEBUG, __VA_ARGS__)

#endif
