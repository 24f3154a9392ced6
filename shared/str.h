/*
 * str.h: the one growable string.  Growth is overflow-checked and capped
 * at max; appending past it fails with ENOSPC and leaves the string as it
 * was.  The buffer is always NUL-terminated (the NUL is not in len).
 */
#ifndef MD_STR_H
#define MD_STR_H

#include <stdarg.h>
#include <stddef.h>

struct str {
	char *s;
	size_t len;
	size_t cap;
	size_t max;
};

#define STR_INIT(m) { NULL, 0, 0, (m) }

void str_init(struct str *, size_t max);
int str_reserve(struct str *, size_t extra);
int str_append(struct str *, const void *, size_t);
int str_appends(struct str *, const char *);
int str_appendc(struct str *, char);
int str_printf(struct str *, const char *, ...)
    __attribute__((format(printf, 2, 3)));
int str_vprintf(struct str *, const char *, va_list)
    __attribute__((format(printf, 2, 0)));
int str_copy(struct str *, const void *, size_t);
void str_truncate(struct str *, size_t len);
void str_free(struct str *);

#endif
