/* cmd-stubs.c: commands not written yet answer NO. */
#include "commands.h"

#define STUB(fn) int fn(struct session *s, const struct imap_arg *a, \
    struct command *c, struct result *res) { (void)s; (void)a; (void)c; \
    return done(res, "NO", "[CANNOT] Not implemented yet"); }
STUB(cmd_fetch)
STUB(cmd_store)
STUB(cmd_search)
STUB(cmd_append)
STUB(cmd_copy)
STUB(cmd_move)
STUB(cmd_idle)
STUB(cmd_getquota)
STUB(cmd_getquotaroot)
STUB(cmd_setquota)
