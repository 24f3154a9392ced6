# shared/: libmaildir.a is built from every shared/*.c (see Makefile).
MAN5 += man/maildir.5
