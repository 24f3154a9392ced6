/* args.c: getopt and the qmail/Postfix environment. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "args.h"

#define ARGS_USAGE "usage: deliver [-cqs] [-a rcpt] [-D delims] [-f sender] " \
	"[-g grace] [-m folder] [-Q limits] [-w percent] [-W template] " \
	"{maildir | -d address [-t table]}"

static int
args_percent(const char *s, int *out, int max)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v < 0 || v > max)
		return -1;
	*out = (int)v;
	return 0;
}

/*
 * qmail's DTLINE is "Delivered-To: addr\n", RPLINE "Return-Path: <addr>\n";
 * return what follows the field name, without the line end.
 */
static const char *
args_env_field(const char *var, const char *field)
{
	static char buf[2][1024];
	static int n;
	const char *v = getenv(var);
	size_t flen = strlen(field), len;
	char *b = buf[n++ % 2];

	if (v == NULL || strncmp(v, field, flen) != 0)
		return NULL;
	v += flen;
	len = strcspn(v, "\r\n");
	if (len >= sizeof buf[0])
		return NULL;
	memcpy(b, v, len);
	b[len] = '\0';
	if (strncmp(var, "RPLINE", 6) == 0 && len >= 2 && b[0] == '<' &&
	    b[len - 1] == '>') {
		b[len - 1] = '\0';
		return b + 1;
	}
	return b;
}

static void
args_env(struct deliver_args *a)
{
	if (a->sender == NULL && (a->sender = getenv("SENDER")) == NULL)
		a->sender = args_env_field("RPLINE", "Return-Path: ");
	if (a->recipient == NULL)
		a->recipient = a->address;
	if (a->recipient == NULL &&
	    (a->recipient = args_env_field("DTLINE", "Delivered-To: ")) == NULL)
		a->recipient = getenv("RECIPIENT");
	if (a->delims == NULL)
		a->delims = getenv("RECIPIENT_DELIMITER");
	if (a->table == NULL)
		a->table = DELIVER_TABLE;
	if (a->warn_template == NULL)
		a->warn_template = DELIVER_WARN_TEMPLATE;
}

static int
args_option(struct deliver_args *a, int c, const char *arg)
{
	switch (c) {
	case 'a': a->recipient = arg; return 0;
	case 'c': a->create = 1; return 0;
	case 'd': a->address = arg; return 0;
	case 'D': a->delims = arg; return 0;
	case 'f': a->sender = arg; return 0;
	case 'g': return args_percent(arg, &a->grace_percent, 1000);
	case 'm': a->folder = arg; return 0;
	case 'q': a->quota_permanent = 1; return 0;
	case 'Q': a->limits = arg; return 0;
	case 's': a->sysexits = 1; return 0;
	case 't': a->table = arg; return 0;
	case 'w': return args_percent(arg, &a->warn_percent, 100);
	case 'W': a->warn_template = arg; return 0;
	default: return -1;
	}
}

int
args_parse(struct deliver_args *a, int argc, char **argv, const char **why)
{
	int c, bad = 0;

	memset(a, 0, sizeof *a);
	a->grace_percent = 10;
	opterr = 0;
	while ((c = getopt(argc, argv, "a:cd:D:f:g:m:qQ:st:w:W:")) != -1)
		if (args_option(a, c, optarg) < 0)
			bad = 1;	/* keep going: -s may still follow */
	if (optind < argc)
		a->maildir = argv[optind++];
	*why = ARGS_USAGE;
	if (bad || optind != argc || (a->maildir == NULL) ==
	    (a->address == NULL))
		return -1;
	args_env(a);
	return 0;
}
