# lmtpd/: LMTP delivery daemon (issue 7).
PROGRAMS += lmtpd/lmtpd
# Quota warnings are deliver(8)'s own code (deliver -w), linked as is.
lmtpd/lmtpd_SRCS := $(wildcard lmtpd/*.c) deliver/quotawarn.c deliver/header.c
lmtpd/lmtpd_LIBS := -lcdb
MAN8 += man/lmtpd.8
tests/unit/test-lmtp-parse_OBJS := lmtpd/parse.c lmtpd/params.c
tests/unit/test-lmtp-unstuff_OBJS := lmtpd/unstuff.c
tests/unit/test-lmtp-trace_OBJS := lmtpd/trace.c
