/* courier_parse.c: Courier's UID and keyword files (I/O-free). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "courier.h"
#include "mdname.h"

static int
courier_isnum(const char *p, size_t n)
{
	if (n == 0 || n > 10)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (p[i] < '0' || p[i] > '9')
			return 0;
	return 1;
}

static uint32_t
courier_num(const char *p, size_t n)
{
	unsigned long long v = 0;

	for (size_t i = 0; i < n; i++)
		v = v * 10 + (unsigned long long)(p[i] - '0');
	return v > UINT32_MAX ? 0 : (uint32_t)v;
}

/* "<uid> <name>" or "<name> <uid>"; the name loses any ":2,..." info. */
static int
courier_uid_line(struct uidlist *ul, const char *p, const char *end)
{
	const char *sp = memchr(p, ' ', (size_t)(end - p)), *name;
	char buf[MDNAME_MAX + 1];
	size_t nlen;
	uint32_t uid;

	if (sp == NULL)
		return -1;
	if (courier_isnum(p, (size_t)(sp - p))) {
		uid = courier_num(p, (size_t)(sp - p));
		name = sp + 1;
		nlen = (size_t)(end - name);
	} else if (courier_isnum(sp + 1, (size_t)(end - sp - 1))) {
		uid = courier_num(sp + 1, (size_t)(end - sp - 1));
		name = p;
		nlen = (size_t)(sp - p);
	} else
		return -1;
	if (memchr(name, ':', nlen))
		nlen = (size_t)((const char *)memchr(name, ':', nlen) - name);
	if (nlen == 0 || nlen >= sizeof buf || memchr(name, '/', nlen))
		return -1;
	memcpy(buf, name, nlen);
	buf[nlen] = '\0';
	return uidlist_add(ul, uid, buf, NULL);
}

int
courier_parse_uiddb(struct uidlist *ul, const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len, *nl;
	unsigned long v[3];
	int k = 0;

	uidlist_free(ul);
	if ((nl = memchr(p, '\n', len)) == NULL)
		goto bad;
	for (; k < 3 && p < nl; k++) {
		const char *sp = memchr(p, ' ', (size_t)(nl - p));
		const char *fe = sp ? sp : nl;
		if (!courier_isnum(p, (size_t)(fe - p)))
			goto bad;
		v[k] = courier_num(p, (size_t)(fe - p));
		p = sp ? sp + 1 : nl;
	}
	if (k != 3 || v[0] < 1 || v[0] > 2 || v[1] == 0)
		goto bad;
	ul->uidvalidity = (uint32_t)v[1];
	for (p = nl + 1; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if (nl > p && courier_uid_line(ul, p, nl) < 0) {
			if (errno == ENOMEM)
				return -1;
			ul->skipped++;
		}
	}
	if (v[2] > ul->uidnext && v[2] <= UINT32_MAX)
		ul->uidnext = (uint32_t)v[2];
	return 0;
bad:
	uidlist_free(ul);
	errno = EINVAL;
	return -1;
}
