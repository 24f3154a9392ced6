/* courier.c: stub until the import lands (see courier.h). */
#include <errno.h>

#include "courier.h"

int
courier_parse_uiddb(struct uidlist *ul, const char *buf, size_t len)
{
	return uidlist_parse(ul, buf, len);
}

int
courier_import(const char *dir, struct uidlist *ul)
{
	(void)dir;
	(void)ul;
	errno = ENOENT;
	return -1;
}
