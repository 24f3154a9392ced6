/* keywords.c: dovecot-keywords (see keywords.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "file.h"
#include "keywords.h"

void
keywords_free(struct keywords *kw)
{
	for (unsigned i = 0; i < LIM_KEYWORDS; i++)
		free(kw->names[i]);
	memset(kw, 0, sizeof *kw);
}

int
keywords_valid(const char *name)
{
	size_t n = strlen(name);

	/* RFC 9051 9: flag-keyword = atom; atom-specials excluded. */
	if (n == 0 || n > LIM_KEYWORD)
		return 0;
	for (const char *p = name; *p; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 127 ||
		    strchr("(){%*\"\\]", *p))
			return 0;
	return 1;
}

static int
keywords_set(struct keywords *kw, unsigned idx, const char *name, size_t n)
{
	char *s;

	if (idx >= LIM_KEYWORDS || (s = malloc(n + 1)) == NULL)
		return -1;
	memcpy(s, name, n);
	s[n] = '\0';
	if (!keywords_valid(s) || keywords_find(kw, s) >= 0) {
		free(s);
		errno = EINVAL;
		return -1;
	}
	free(kw->names[idx]);
	kw->names[idx] = s;
	if (idx + 1 > kw->count)
		kw->count = idx + 1;
	return 0;
}

int
keywords_parse(struct keywords *kw, const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len, *nl;

	keywords_free(kw);
	for (; p < end; p = nl + 1) {
		unsigned idx = 0;
		const char *q = p;
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		while (q < nl && *q >= '0' && *q <= '9' && idx < 1000)
			idx = idx * 10 + (unsigned)(*q++ - '0');
		if (q == p || q >= nl || *q != ' ' || idx >= LIM_KEYWORDS)
			continue;
		q++;
		if (keywords_set(kw, idx, q, (size_t)(nl - q)) < 0 &&
		    errno == ENOMEM)
			return -1;
	}
	return 0;
}

int
keywords_format(const struct keywords *kw, struct str *out)
{
	for (unsigned i = 0; i < kw->count; i++)
		if (kw->names[i] && str_printf(out, "%u %s\n", i,
		    kw->names[i]) < 0)
			return -1;
	return 0;
}

int
keywords_find(const struct keywords *kw, const char *name)
{
	for (unsigned i = 0; i < kw->count; i++)
		if (kw->names[i] && strcmp(kw->names[i], name) == 0)
			return (int)i;
	for (unsigned i = 0; i < kw->count; i++)
		if (kw->names[i] && strcasecmp(kw->names[i], name) == 0)
			return (int)i;
	return -1;
}

int
keywords_add(struct keywords *kw, const char *name)
{
	int idx = keywords_find(kw, name);

	if (idx >= 0)
		return idx;
	if (!keywords_valid(name)) {
		errno = EINVAL;
		return -1;
	}
	for (unsigned i = 0; i < LIM_KEYWORDS; i++)
		if (kw->names[i] == NULL)
			return keywords_set(kw, i, name, strlen(name)) < 0 ?
			    -1 : (int)i;
	errno = EOVERFLOW;	/* not ENOSPC: that is a full disk */
	return -1;
}

int
keywords_read(struct keywords *kw, const char *path)
{
	struct str data = STR_INIT(KEYWORDS_MAX);
	int rc;

	if (file_read_all(path, &data, KEYWORDS_MAX) < 0) {
		str_free(&data);
		if (errno != ENOENT)
			return -1;
		keywords_free(kw);
		return 0;
	}
	rc = keywords_parse(kw, data.s ? data.s : "", data.len);
	str_free(&data);
	return rc;
}
