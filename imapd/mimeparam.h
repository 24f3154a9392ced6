/*
 * mimeparam.h: structured MIME header values, I/O-free:
 *   Content-Type: text/plain; charset="utf-8"; format=flowed
 *   Content-Disposition: attachment; filename*0*=utf-8''%E2%82%AC; ...
 * The value before the first ';' is kept (lowercased type/subtype split
 * by the caller); parameters are name=value with quoted strings and
 * RFC 2231 continuations (name*0, name*1 ...) merged in order.  An
 * extended parameter (name* or name*0*) keeps its charset'lang'%XX
 * form under the name "name*", as Dovecot reports it in BODYSTRUCTURE.
 * Junk is skipped, never an error.
 */
#ifndef IMAPD_MIMEPARAM_H
#define IMAPD_MIMEPARAM_H

#include <stddef.h>

#include "str.h"

#define MIME_PARAMS_MAX 32
#define MIME_SECTIONS_MAX 1000	/* RFC 2231 continuations: name*0 .. name*999 */

struct mime_value {
	struct str buf;		/* "value\0name\0value\0name\0value\0..." */
	size_t nparams;
	size_t name[MIME_PARAMS_MAX], val[MIME_PARAMS_MAX];	/* offsets */
};

void mime_value_init(struct mime_value *);
void mime_value_free(struct mime_value *);
/* Parse; 0, or -1 only on memory exhaustion. */
int mime_value_parse(struct mime_value *, const char *v, size_t n);
const char *mime_value_main(const struct mime_value *);
const char *mime_value_param(const struct mime_value *, const char *name);
#define mime_param_name(mv, i) ((mv)->buf.s + (mv)->name[i])
#define mime_param_val(mv, i) ((mv)->buf.s + (mv)->val[i])

#endif
