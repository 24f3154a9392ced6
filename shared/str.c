/* str.c: bounded growable strings. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "str.h"

void
str_init(struct str *sp, size_t max)
{
	sp->s = NULL;
	sp->len = 0;
	sp->cap = 0;
	sp->max = max;
}

int
str_reserve(struct str *sp, size_t extra)
{
	size_t need, cap;
	char *p;

	if (__builtin_add_overflow(sp->len, extra, &need) ||
	    __builtin_add_overflow(need, 1, &need) || need - 1 > sp->max) {
		errno = ENOSPC;
		return -1;
	}
	if (need <= sp->cap)
		return 0;
	cap = sp->cap ? sp->cap : 64;
	while (cap < need)
		if (__builtin_mul_overflow(cap, 2, &cap)) {
			cap = need;
			break;
		}
	if (cap > sp->max + 1)
		cap = sp->max + 1;
	if ((p = realloc(sp->s, cap)) == NULL)
		return -1;
	sp->s = p;
	sp->cap = cap;
	return 0;
}

int
str_append(struct str *sp, const void *p, size_t n)
{
	if (str_reserve(sp, n) < 0)
		return -1;
	if (n)
		memcpy(sp->s + sp->len, p, n);
	sp->len += n;
	sp->s[sp->len] = '\0';
	return 0;
}

int
str_appends(struct str *sp, const char *s)
{
	return str_append(sp, s, strlen(s));
}

int
str_appendc(struct str *sp, char c)
{
	return str_append(sp, &c, 1);
}

int
str_vprintf(struct str *sp, const char *fmt, va_list ap)
{
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0 || str_reserve(sp, (size_t)n) < 0)
		return -1;
	vsnprintf(sp->s + sp->len, (size_t)n + 1, fmt, ap);
	sp->len += (size_t)n;
	return 0;
}

int
str_printf(struct str *sp, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = str_vprintf(sp, fmt, ap);
	va_end(ap);
	return r;
}

int
str_copy(struct str *sp, const void *p, size_t n)
{
	str_truncate(sp, 0);
	return str_append(sp, p, n);
}

void
str_truncate(struct str *sp, size_t len)
{
	if (len < sp->len) {
		sp->len = len;
		sp->s[len] = '\0';
	}
}

void
str_free(struct str *sp)
{
	free(sp->s);
	str_init(sp, sp->max);
}
