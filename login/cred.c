/* cred.c: parse the checkpassword fd 3 record (see cred.h). */
#include <string.h>

#include "cred.h"

int
cred_parse(const char *buf, size_t len, struct cred *c)
{
	const char *end = buf + len, *p = buf, *nul;

	memset(c, 0, sizeof *c);
	if ((nul = memchr(p, '\0', len)) == NULL)
		return -1;
	c->login = p;
	p = nul + 1;
	if ((nul = memchr(p, '\0', (size_t)(end - p))) == NULL)
		return -1;
	c->secret = p;
	c->secret_len = (size_t)(nul - p);
	p = nul + 1;
	c->stamp = "";
	if (p < end && (nul = memchr(p, '\0', (size_t)(end - p))) != NULL) {
		c->stamp = p;
		c->stamp_len = (size_t)(nul - p);
	}
	return 0;
}

int
cred_split_master(const char *login, const char *sep, char *user,
    size_t usize, char *master, size_t msize)
{
	const char *at;
	size_t ulen, slen = strlen(sep), mlen;

	if (slen == 0 || (at = strstr(login, sep)) == NULL)
		return 0;
	ulen = (size_t)(at - login);
	mlen = strlen(at + slen);
	if (ulen == 0 || mlen == 0 || ulen >= usize || mlen >= msize)
		return -1;
	memcpy(user, login, ulen);
	user[ulen] = '\0';
	memcpy(master, at + slen, mlen + 1);
	return 1;
}
