/* mimefixture.h: the multipart message the imapd MIME unit tests share:
 * a text part and a message/rfc822 part, with preamble and epilogue. */
#ifndef MIMEFIXTURE_H
#define MIMEFIXTURE_H

static const char multi[] =
    "From: a@b\n"
    "Content-Type: multipart/mixed; boundary=\"XX\"\n"
    "\n"
    "preamble\n"
    "--XX\n"
    "Content-Type: text/plain\n"
    "\n"
    "hello\n"
    "--XX\n"
    "Content-Type: message/rfc822\n"
    "\n"
    "Subject: inner\n"
    "\n"
    "inner body\n"
    "--XX--\n"
    "epilogue\n";

#endif
