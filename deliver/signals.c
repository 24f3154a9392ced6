/* signals.c: remove the tmp file when killed politely. */
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "signals.h"

static const char *signals_tmppath;
static int signals_code;

static void
signals_cleanup(int sig)
{
	(void)sig;
	/* unlink(2) and _exit(2) are async-signal-safe. */
	if (signals_tmppath && signals_tmppath[0])
		unlink(signals_tmppath);
	_exit(signals_code);
}

void
signals_setup(const char *tmppath, int tempfail_code)
{
	static const int sigs[] = { SIGTERM, SIGHUP, SIGINT, SIGALRM };
	struct sigaction sa;

	signals_tmppath = tmppath;
	signals_code = tempfail_code;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = signals_cleanup;
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		sigaddset(&sa.sa_mask, sigs[i]);
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		sigaction(sigs[i], &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGXFSZ, &sa, NULL);
}
