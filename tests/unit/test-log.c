/* test-log.c: shared/log.c: the line format, contexts, levels, log_esc. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "limits.h"
#include "log.h"

static int saved_stderr = -1;
static int pipe_rd = -1;

/* Send stderr into a pipe until captured() reads what came. */
static void
capture(void)
{
	int p[2];

	if (pipe(p) < 0)
		return;
	saved_stderr = dup(STDERR_FILENO);
	dup2(p[1], STDERR_FILENO);
	close(p[1]);
	pipe_rd = p[0];
}

static const char *
captured(void)
{
	static char buf[4 * LIM_LOG_LINE];
	ssize_t n;

	dup2(saved_stderr, STDERR_FILENO);
	close(saved_stderr);
	n = read(pipe_rd, buf, sizeof buf - 1);
	close(pipe_rd);
	buf[n < 0 ? 0 : n] = '\0';
	return buf;
}

static void
test_format(void)
{
	char want[128];

	log_init("/usr/sbin/testprog");
	capture();
	log_info("login", "n=%d", 3);
	snprintf(want, sizeof want, "testprog[%ld]: info: login n=3\n",
	    (long)getpid());
	is_str(captured(), want, "program[pid]: level: event key=value");
	capture();
	log_info("bare", NULL);
	snprintf(want, sizeof want, "testprog[%ld]: info: bare\n",
	    (long)getpid());
	is_str(captured(), want, "an event without fields");
}

static void
test_context(void)
{
	char want[160];

	log_context("user", "alice");
	log_context("ip", "10.0.0.1");
	capture();
	log_warn("x", "a=1");
	snprintf(want, sizeof want,
	    "testprog[%ld]: warning: x a=1 user=alice ip=10.0.0.1\n",
	    (long)getpid());
	is_str(captured(), want, "contexts follow the fields, in order");
	log_context("user", "bob smith");
	log_context("ip", NULL);
	capture();
	log_warn("x", NULL);
	snprintf(want, sizeof want, "testprog[%ld]: warning: x "
	    "user=\"bob smith\"\n", (long)getpid());
	is_str(captured(), want, "a context is replaced, escaped, removed");
	log_context("user", NULL);
}

/* A context value escaped to its longest is kept whole, quotes closed. */
static void
test_context_long(void)
{
	char nasty[LIM_LOG_VALUE + 1];
	const char *out;
	size_t n;

	memset(nasty, '\t', sizeof nasty - 1);
	nasty[sizeof nasty - 1] = '\0';
	log_context("user", nasty);
	capture();
	log_info("ctx", NULL);
	out = captured();
	log_context("user", NULL);
	n = strlen(out);
	ok(n > 2 && strcmp(out + n - 2, "\"\n") == 0 &&
	    strstr(out, " user=\"\\x09") != NULL,
	    "an escaped context of %d bytes ends with its closing quote",
	    LIM_LOG_VALUE * 4 + 2);
}

static void
test_levels(void)
{
	const char *out;

	capture();
	log_debug("hidden", NULL);
	log_set_level(LOG_DEBUG);
	log_debug("shown", NULL);
	log_set_level(LOG_WARNING);
	log_info("hidden2", NULL);
	log_set_level(LOG_INFO);
	out = captured();
	ok(strstr(out, "debug: shown\n") != NULL &&
	    strstr(out, "hidden") == NULL,
	    "debug only at LOG_DEBUG, info not at LOG_WARNING");
}

static void
test_esc(void)
{
	char big[LIM_LOG_VALUE * 2], want[LIM_LOG_VALUE + 8];
	char nasty[LIM_LOG_VALUE + 2];

	is_str(log_esc("plain"), "plain", "a plain value is as it is");
	is_str(log_esc(""), "\"\"", "an empty value is quoted");
	is_str(log_esc("a b"), "\"a b\"", "a space quotes");
	is_str(log_esc("k=v"), "\"k=v\"", "an = quotes");
	is_str(log_esc("say \"hi\"\\"), "\"say \\\"hi\\\"\\\\\"",
	    "quotes and backslashes are escaped");
	is_str(log_esc("a\r\nb\x7f\xff"), "\"a\\x0d\\x0ab\\x7f\\xff\"",
	    "control and 8-bit bytes become \\xNN");
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	memset(want, 'a', LIM_LOG_VALUE);
	memcpy(want + LIM_LOG_VALUE, "...", 4);
	is_str(log_esc(big), want, "a long value is cut at LIM_LOG_VALUE");
	memset(nasty, '\n', sizeof nasty - 1);
	nasty[sizeof nasty - 1] = '\0';
	is_int((long)strlen(log_esc(nasty)), LIM_LOG_VALUE * 4 + 5,
	    "the worst case fits: every byte escaped, cut, quoted");
}

/* A line never exceeds LIM_LOG_LINE and always ends with a newline. */
static void
test_long_line(void)
{
	char big[LIM_LOG_LINE * 2];
	const char *out;

	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	log_context("user", "u");
	capture();
	log_info("long", "v=%s", big);
	out = captured();
	log_context("user", NULL);
	ok(strlen(out) <= LIM_LOG_LINE && out[strlen(out) - 1] == '\n' &&
	    strchr(out, '\n') == out + strlen(out) - 1,
	    "an over-long line is cut to one line of at most LIM_LOG_LINE");
}

/* log_esc has four rotating buffers: four results live at once. */
static void
test_ring(void)
{
	const char *a = log_esc("one"), *b = log_esc("two"),
	    *c = log_esc("three"), *d = log_esc("four");

	ok(strcmp(a, "one") == 0 && strcmp(b, "two") == 0 &&
	    strcmp(c, "three") == 0 && strcmp(d, "four") == 0,
	    "four log_esc results can be used in one line");
}

int
main(void)
{
	test_format();
	test_context();
	test_context_long();
	test_levels();
	test_esc();
	test_long_line();
	test_ring();
	return done_testing();
}
