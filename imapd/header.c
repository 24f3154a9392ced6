/* header.c: header blocks; see header.h. */
#include <string.h>
#include <strings.h>

#include "header.h"

size_t
header_block_len(const char *p, size_t n)
{
	size_t i = 0;

	while (i < n) {
		const char *nl;

		if (p[i] == '\n')
			return i + 1;
		if (p[i] == '\r' && i + 1 < n && p[i + 1] == '\n')
			return i + 2;
		if ((nl = memchr(p + i, '\n', n - i)) == NULL)
			return n;
		i = (size_t)(nl - p) + 1;
	}
	return n;
}

/* End of the field starting at pos: through continuation lines. */
static size_t
field_end(const char *hdr, size_t n, size_t pos)
{
	for (;;) {
		const char *nl = memchr(hdr + pos, '\n', n - pos);

		if (nl == NULL)
			return n;
		pos = (size_t)(nl - hdr) + 1;
		if (pos >= n || (hdr[pos] != ' ' && hdr[pos] != '\t'))
			return pos;
	}
}

int
header_next(const char *hdr, size_t n, size_t *pos, struct header_field *f)
{
	for (;;) {
		size_t start = *pos, end;
		const char *colon;

		if (start >= n || hdr[start] == '\n' ||
		    (hdr[start] == '\r' && start + 1 < n &&
		    hdr[start + 1] == '\n'))
			return 0;
		end = field_end(hdr, n, start);
		*pos = end;
		colon = memchr(hdr + start, ':', end - start);
		if (colon == NULL)
			continue;	/* not a field: skip it, as Dovecot does */
		f->name = hdr + start;
		f->namelen = (size_t)(colon - f->name);
		while (f->namelen > 0 && (f->name[f->namelen - 1] == ' ' ||
		    f->name[f->namelen - 1] == '\t'))
			f->namelen--;
		f->raw = f->name;
		f->rawlen = end - start;
		f->value = colon + 1;
		f->valuelen = (size_t)(hdr + end - f->value);
		return 1;
	}
}

int
header_unfold(const char *v, size_t n, struct str *out)
{
	size_t start = out->len;

	for (size_t i = 0; i < n; i++) {
		if (v[i] == '\r' || v[i] == '\n')
			continue;
		if (str_appendc(out, v[i] == '\t' ? ' ' : v[i]) < 0)
			return -1;
	}
	while (out->len > start && out->s[out->len - 1] == ' ')
		out->len--;
	if (out->s != NULL)
		out->s[out->len] = '\0';
	return 0;
}

int
header_get(const char *hdr, size_t n, const char *name, struct str *out)
{
	size_t pos = 0, nlen = strlen(name);
	struct header_field f;

	str_truncate(out, 0);
	while (header_next(hdr, n, &pos, &f) == 1) {
		if (f.namelen != nlen || strncasecmp(f.name, name, nlen) != 0)
			continue;
		while (f.valuelen > 0 && (*f.value == ' ' || *f.value == '\t')) {
			f.value++;
			f.valuelen--;
		}
		if (header_unfold(f.value, f.valuelen, out) < 0)
			return -1;
		if (out->s == NULL && str_append(out, "", 0) < 0)
			return -1;
		return 1;
	}
	return 0;
}
