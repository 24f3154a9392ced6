# imapd: the IMAP server that runs after imap-login and the authenticator.
PROGRAMS += imapd/imapd
imapd/imapd_SRCS := $(wildcard imapd/*.c)
imapd/imapd_LIBS :=
MAN8 += man/imapd.8

# The I/O-free parsers, linked into the unit tests and fuzz targets.
IMAPD_PARSERS := imapd/parse.c imapd/seqset.c imapd/header.c \
  imapd/mimeparam.c imapd/mime.c imapd/imapstr.c imapd/envelope.c \
  imapd/bodystructure.c imapd/section.c imapd/search-parse.c \
  imapd/rfc2047.c imapd/casefold.c
tests/unit/test-imap-command_OBJS := $(IMAPD_PARSERS)
tests/unit/test-imap-seqset_OBJS := $(IMAPD_PARSERS)
tests/unit/test-imap-mime_OBJS := $(IMAPD_PARSERS)
tests/unit/test-imap-envelope_OBJS := $(IMAPD_PARSERS)
tests/unit/test-imap-bodystructure_OBJS := $(IMAPD_PARSERS)
tests/unit/test-imap-section_OBJS := $(IMAPD_PARSERS)
tests/unit/test-imap-search-parse_OBJS := $(IMAPD_PARSERS)
tests/unit/test-imap-rfc2047_OBJS := $(IMAPD_PARSERS)
