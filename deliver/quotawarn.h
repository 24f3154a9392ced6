/*
 * quotawarn.h: Courier deliverquota -w.  When a delivery leaves the
 * Maildir at PERCENT or more of its quota (bytes or messages), one
 * warning message goes into INBOX.  "Once" is tracked by the empty file
 * quotawarn in the Maildir: it is created (O_EXCL) when the warning is
 * delivered, and removed by the first delivery that finds the usage
 * below PERCENT again, which arms the warning for the next crossing.
 * The warning is the template file, verbatim (a Date: field is added if
 * it has none); without the file, a built-in text.  It counts against
 * the quota like any message.  A failure here never fails the delivery.
 */
#ifndef DELIVER_QUOTAWARN_H
#define DELIVER_QUOTAWARN_H

#include "quota.h"

void quotawarn_check(struct quota *, const char *root, int percent,
    const char *template_path, const char *recipient);

#endif
