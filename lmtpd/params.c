/*
 * params.c: MAIL FROM and RCPT TO parameters (RFC 5321 4.1.2
 * Mail-parameters, RFC 1870 SIZE, RFC 6152 BODY, RFC 6531 SMTPUTF8,
 * RFC 3461 ENVID/RET/NOTIFY/ORCPT), no I/O.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "parse.h"

/* Next "keyword[=value]" from *sp, split in place; 0 at the end. */
static int
next_param(char **sp, char **key, char **value)
{
	char *s = *sp, *e;

	while (*s == ' ')
		s++;
	if (*s == '\0')
		return 0;
	e = s + strcspn(s, " ");
	if (*e != '\0')
		*e++ = '\0';
	*sp = e;
	*key = s;
	*value = strchr(s, '=');
	if (*value != NULL)
		*(*value)++ = '\0';
	return 1;
}

/* esmtp-keyword and esmtp-value (RFC 5321 4.1.2, RFC 6531 3.3). */
static int
param_ok(const char *key, const char *value)
{
	const unsigned char *u = (const unsigned char *)key;

	if (!isalnum(*u))
		return 0;
	for (; *u; u++)
		if (!isalnum(*u) && *u != '-')
			return 0;
	if (value == NULL)
		return 1;
	if (*value == '\0')
		return 0;
	for (u = (const unsigned char *)value; *u; u++)
		if (*u < 33 || *u == '=' || *u == 127)
			return 0;
	return lmtp_utf8_valid((const unsigned char *)value, strlen(value));
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* RFC 3461 4: xtext, "+" HEXCHAR HEXCHAR for the rest; -1 if bad. */
static int
xtext_decode(const char *in, char *out, size_t max)
{
	size_t n = 0;

	for (; *in; in++) {
		int c = (unsigned char)*in;
		if (c == '+') {
			int h = hexval(in[1]), l = h < 0 ? -1 : hexval(in[2]);
			if (l < 0)
				return -1;
			c = h * 16 + l;
			in += 2;
		} else if (c < 33 || c > 126)
			return -1;
		if (n >= max || c == 0)
			return -1;
		out[n++] = (char)c;
	}
	out[n] = '\0';
	return 0;
}

/* RFC 1870 6: size-value ::= 1*20DIGIT */
static int
size_value(const char *v, long long *size)
{
	long long n = 0;
	size_t i;

	for (i = 0; v[i] != '\0'; i++) {
		if (!isdigit((unsigned char)v[i]) || i >= 20)
			return -1;
		if (__builtin_mul_overflow(n, 10, &n) ||
		    __builtin_add_overflow(n, v[i] - '0', &n))
			n = __LONG_LONG_MAX__;	/* "too big" all the same */
	}
	if (i == 0)
		return -1;
	*size = n;
	return 0;
}

static int
mail_param(const char *key, const char *value, struct lmtp_mail_params *mp)
{
	if (strcasecmp(key, "SIZE") == 0 && value && mp->size < 0)
		return size_value(value, &mp->size);
	if (strcasecmp(key, "BODY") == 0 && value && mp->body == BODY_NONE) {
		if (strcasecmp(value, "7BIT") == 0)
			mp->body = BODY_7BIT;
		else if (strcasecmp(value, "8BITMIME") == 0)
			mp->body = BODY_8BITMIME;
		else
			return -1;	/* BINARYMIME is not offered */
		return 0;
	}
	if (strcasecmp(key, "SMTPUTF8") == 0 && !value && !mp->smtputf8) {
		mp->smtputf8 = 1;
		return 0;
	}
	if (strcasecmp(key, "ENVID") == 0 && value && !mp->envid[0])
		return xtext_decode(value, mp->envid, sizeof mp->envid - 1);
	if (strcasecmp(key, "RET") == 0 && value)
		return strcasecmp(value, "FULL") == 0 ||
		    strcasecmp(value, "HDRS") == 0 ? 0 : -1;
	return -1;
}

enum lmtp_perr
lmtp_parse_mail_params(char *s, struct lmtp_mail_params *mp)
{
	char *key, *value;

	memset(mp, 0, sizeof *mp);
	mp->size = -1;
	while (next_param(&s, &key, &value))
		if (!param_ok(key, value) || mail_param(key, value, mp) < 0)
			return PERR_PARAM;
	return PERR_OK;
}

enum lmtp_perr
lmtp_parse_rcpt_params(char *s)
{
	char *key, *value;

	while (next_param(&s, &key, &value)) {
		if (!param_ok(key, value) || value == NULL)
			return PERR_PARAM;
		if (strcasecmp(key, "NOTIFY") != 0 &&
		    strcasecmp(key, "ORCPT") != 0)
			return PERR_PARAM;
	}
	return PERR_OK;
}

int
lmtp_parse_bdat(const char *arg, long long *size, int *last)
{
	char buf[32];
	const char *sp = strchr(arg, ' ');
	size_t n = sp ? (size_t)(sp - arg) : strlen(arg);

	if (n == 0 || n >= sizeof buf)
		return -1;
	memcpy(buf, arg, n);
	buf[n] = '\0';
	if (size_value(buf, size) < 0 || *size == __LONG_LONG_MAX__)
		return -1;
	*last = 0;
	if (sp == NULL)
		return 0;
	if (strcasecmp(sp + 1, "LAST") != 0)
		return -1;
	*last = 1;
	return 0;
}
