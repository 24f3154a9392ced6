/* authpolicy.c: login policy from the user record (see authpolicy.h). */
#include <stddef.h>
#include <string.h>

#include "authpolicy.h"
#include "cidr.h"

static unsigned
service_bit(const char *service)
{
	if (service == NULL)
		return 0;
	if (strcmp(service, "imap") == 0)
		return USER_DISABLE_IMAP;
	if (strcmp(service, "pop3") == 0)
		return USER_DISABLE_POP3;
	if (strcmp(service, "lmtp") == 0)
		return USER_DISABLE_LMTP;
	return 0;
}

const char *
authpolicy_check(const struct user_record *r, const char *service,
    const char *ip, int allow_uid0)
{
	if (r->nologin)
		return "nologin";
	if (r->disable & service_bit(service))
		return "disabled-service";
	if (r->allow_nets[0]) {
		/* No address known: fail closed. */
		if (ip == NULL || *ip == '\0')
			return "no-address";
		if (cidr_list_match(r->allow_nets, ip) != 1)
			return "network";
	}
	if (r->uid == 0 && !allow_uid0)
		return "uid0";
	return NULL;
}
