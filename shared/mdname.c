/* mdname.c: create and parse Maildir file names. */
#include <sys/time.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "limits.h"
#include "mdname.h"

static const char mdname_letters[] = "DFPRST";

unsigned
mdname_flag_bit(char letter)
{
	const char *p = strchr(mdname_letters, letter);

	return letter && p ? 1u << (p - mdname_letters) : 0;
}

static long long
mdname_field(const char *base, size_t baselen, char key)
{
	long long v = -1;

	for (const char *p = memchr(base, ',', baselen); p;
	     p = memchr(p + 1, ',', baselen - (size_t)(p + 1 - base))) {
		const char *q = p + 3;
		if ((size_t)(p + 2 - base) >= baselen || p[1] != key ||
		    p[2] != '=')
			continue;
		for (v = 0; q < base + baselen && *q >= '0' && *q <= '9'; q++)
			if (v > (1LL << 50))
				return -1;
			else
				v = v * 10 + (*q - '0');
		if (q == p + 3 || (q < base + baselen && *q != ','))
			v = -1;
		if ((size_t)(q - base) >= baselen)
			break;
	}
	return v;
}

static void
mdname_parse_info(const char *info, struct mdname *mn)
{
	for (; *info; info++) {
		unsigned bit = mdname_flag_bit(*info);
		if (bit)
			mn->flags |= bit;
		else if (*info >= 'a' && *info <= 'z')
			mn->keywords |= UINT32_C(1) << (*info - 'a');
		/* Other letters (Courier's, future ones) are ignored. */
	}
}

int
mdname_parse(const char *name, struct mdname *mn)
{
	const char *colon;
	size_t len = strnlen(name, MDNAME_MAX + 1);

	memset(mn, 0, sizeof *mn);
	if (len == 0 || len > MDNAME_MAX || name[0] == '.' ||
	    strchr(name, '/')) {
		errno = EINVAL;
		return -1;
	}
	colon = strchr(name, ':');
	mn->baselen = colon ? (size_t)(colon - name) : len;
	if (mn->baselen == 0) {
		errno = EINVAL;
		return -1;
	}
	mn->size = mdname_field(name, mn->baselen, 'S');
	mn->vsize = mdname_field(name, mn->baselen, 'W');
	if (colon && strncmp(colon, ":2,", 3) == 0) {
		mn->has_info = 1;
		mdname_parse_info(colon + 3, mn);
	}
	return 0;
}

const char *
mdname_host(void)
{
	static char host[LIM_HOSTNAME * 4 + 1];
	char raw[LIM_HOSTNAME + 1];
	size_t n = 0;

	if (host[0])
		return host;
	if (gethostname(raw, sizeof raw) < 0 || raw[0] == '\0')
		strcpy(raw, "localhost");
	raw[LIM_HOSTNAME] = '\0';
	/* maildir.html: '/' as \057 and ':' as \072; ',' too (Dovecot). */
	for (const char *p = raw; *p; p++) {
		if (*p == '/' || *p == ':' || *p == ',') {
			n += (size_t)snprintf(host + n, 5, "\\%03o",
			    (unsigned char)*p);
		} else
			host[n++] = *p;
	}
	host[n] = '\0';
	return host;
}

int
mdname_unique(char *buf, size_t bufsize, long long size, long long vsize)
{
	static unsigned long counter;
	struct timeval tv;
	int n;

	gettimeofday(&tv, NULL);
	n = snprintf(buf, bufsize, "%lld.M%ldP%ldQ%lu.%s", (long long)tv.tv_sec,
	    (long)tv.tv_usec, (long)getpid(), ++counter, mdname_host());
	if (n >= 0 && (size_t)n < bufsize && size >= 0)
		n += snprintf(buf + n, bufsize - (size_t)n, ",S=%lld", size);
	if (n >= 0 && (size_t)n < bufsize && vsize >= 0)
		n += snprintf(buf + n, bufsize - (size_t)n, ",W=%lld", vsize);
	if (n < 0 || (size_t)n >= bufsize || (size_t)n > MDNAME_MAX - 40) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

void
mdname_info(char *buf, unsigned flags, uint32_t keywords)
{
	char *p = buf;

	memcpy(p, ":2,", 3);
	p += 3;
	for (int i = 0; mdname_letters[i]; i++)
		if (flags & (1u << i))
			*p++ = mdname_letters[i];
	for (int i = 0; i < LIM_KEYWORDS; i++)
		if (keywords & (UINT32_C(1) << i))
			*p++ = (char)('a' + i);
	*p = '\0';
}

int
mdname_with_flags(char *buf, size_t bufsize, const char *name,
    size_t baselen, unsigned flags, uint32_t keywords)
{
	char info[MDNAME_INFO_MAX];
	int n;

	mdname_info(info, flags, keywords);
	n = snprintf(buf, bufsize, "%.*s%s", (int)baselen, name, info);
	if (n < 0 || (size_t)n >= bufsize) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}
