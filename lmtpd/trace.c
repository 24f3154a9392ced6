/* trace.c: Return-Path, Delivered-To and Received for one recipient. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "trace.h"

/* RFC 5322 3.3 date-time, always in the C locale's English names. */
static void
rfc5322_date(char *buf, size_t size, time_t when)
{
	static const char days[] = "SunMonTueWedThuFriSat";
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	struct tm tm;
	long off;
	char sign = '+';

	localtime_r(&when, &tm);
	off = tm.tm_gmtoff / 60;
	if (off < 0) {
		sign = '-';
		off = -off;
	}
	snprintf(buf, size, "%.3s, %d %.3s %d %02d:%02d:%02d %c%02ld%02ld",
	    days + 3 * tm.tm_wday, tm.tm_mday, months + 3 * tm.tm_mon,
	    tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec, sign,
	    off / 60, off % 60);
}

/* "[1.2.3.4]" or "[IPv6:::1]" (RFC 5321 4.1.3 address literals) */
static int
append_ip(struct str *out, const char *ip)
{
	if (*ip == '\0')
		return 0;
	return str_printf(out, " ([%s%s])", strchr(ip, ':') ? "IPv6:" : "",
	    ip);
}

int
trace_headers(struct str *out, const struct trace *t)
{
	char date[64];

	rfc5322_date(date, sizeof date, t->when);
	str_truncate(out, 0);
	if (str_printf(out, "Return-Path: <%s>\nDelivered-To: %s\n"
	    "Received: from %s", t->sender, t->rcpt, t->lhlo) < 0 ||
	    append_ip(out, t->ip) < 0 ||
	    str_printf(out, "\n\tby %s with %s\n\tid %s\n"
	    "\t(envelope-from <%s>)\n\tfor <%s>; %s\n", t->host,
	    t->utf8 ? "UTF8LMTP" : "LMTP", t->id, t->sender, t->rcpt,
	    date) < 0)
		return -1;
	return 0;
}
