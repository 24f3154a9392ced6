# deliver/: the local delivery agent for MTA pipes.
PROGRAMS += deliver/deliver
deliver/deliver_SRCS := $(wildcard deliver/*.c)
deliver/deliver_LIBS := -lcdb
MAN8 += man/deliver.8
tests/unit/test-deliver-header_OBJS := deliver/header.c deliver/loop.c \
  deliver/trace.c
