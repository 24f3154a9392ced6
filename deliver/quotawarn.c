/* quotawarn.c: one warning message per crossing of the threshold. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "delivery.h"
#include "file.h"
#include "header.h"
#include "log.h"
#include "quotawarn.h"
#include "str.h"

#define QUOTAWARN_MAX 65536	/* template size */

static int
quotawarn_builtin(struct str *msg, int pct, const char *recipient)
{
	return str_printf(msg,
	    "From: Mail Delivery System <MAILER-DAEMON>\n"
	    "To: %s\n"
	    "Subject: Your mailbox is %d%% full\n"
	    "Auto-Submitted: auto-generated\n"
	    "MIME-Version: 1.0\n"
	    "Content-Type: text/plain; charset=us-ascii\n"
	    "\n"
	    "Your mailbox is now %d%% full.  When it is full, new mail\n"
	    "will not be delivered.  Please delete some messages,\n"
	    "especially large ones, or empty your Trash folder.\n",
	    recipient ? recipient : "undisclosed-recipients:;", pct, pct);
}

static int
quotawarn_has_date(const struct str *msg)
{
	struct header_field f;
	size_t pos = 0;

	while (header_next(msg->s, msg->len, &pos, &f))
		if (header_is(&f, "Date"))
			return 1;
	return 0;
}

static int
quotawarn_compose(struct str *msg, const char *template_path, int pct,
    const char *recipient)
{
	struct str body = STR_INIT(QUOTAWARN_MAX);
	char date[64];
	time_t now = time(NULL);
	int r;

	if (file_read_all(template_path, &body, QUOTAWARN_MAX) < 0)
		r = quotawarn_builtin(&body, pct, recipient);
	else
		r = 0;
	if (r == 0 && !quotawarn_has_date(&body)) {
		/* RFC 5322 3.3 date-time */
		strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S %z",
		    localtime(&now));
		r = str_printf(msg, "Date: %s\n", date);
	}
	if (r == 0)
		r = str_append(msg, body.s, body.len);
	str_free(&body);
	return r;
}

static int
quotawarn_deliver(struct quota *q, const char *root, int pct,
    const char *template_path, const char *recipient)
{
	struct str msg = STR_INIT(2 * QUOTAWARN_MAX);
	struct delivery *d = malloc(sizeof *d);
	int r = -1;

	if (d && quotawarn_compose(&msg, template_path, pct, recipient) == 0 &&
	    delivery_open(d, root, DELIVERY_CRLF) == MD_OK &&
	    delivery_write(d, msg.s, msg.len) == MD_OK &&
	    delivery_commit(d, 0, 0) == MD_OK) {
		quota_add(q, d->size, 1);
		log_info("quota-warning", "percent=%d file=%s", pct,
		    log_esc(d->name));
		r = 0;
	}
	str_free(&msg);
	free(d);
	return r;
}

void
quotawarn_check(struct quota *q, const char *root, int percent,
    const char *template_path, const char *recipient)
{
	char marker[LIM_PATH];
	int pct = quota_percent(q), fd;

	if (percent <= 0 || !quota_enabled(q) ||
	    snprintf(marker, sizeof marker, "%s/quotawarn", root) >=
	    (int)sizeof marker)
		return;
	if (pct < percent) {
		if (unlink(marker) < 0 && errno != ENOENT)
			log_warn("quota-warning", "error=%s", strerror(errno));
		return;
	}
	fd = open(marker, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return;		/* already warned for this crossing */
	close(fd);
	if (quotawarn_deliver(q, root, pct, template_path, recipient) < 0) {
		log_warn("quota-warning", "error=%s", strerror(errno));
		unlink(marker);	/* try again next time */
	}
}
