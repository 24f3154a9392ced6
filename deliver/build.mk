# deliver/: the local delivery agent for MTA pipes.
PROGRAMS += deliver/deliver
deliver/deliver_SRCS := $(filter-out deliver/compat_%.c,$(wildcard deliver/*.c))
# Stand-ins while shared/maildir.c, folder.c (core) and usertable.c (auth)
# are not on main yet.
ifeq ($(wildcard shared/folder_name.c),)
deliver/deliver_SRCS += deliver/compat_core.c
endif
ifeq ($(wildcard shared/usertable.c),)
deliver/deliver_SRCS += deliver/compat_auth.c
endif
deliver/deliver_LIBS := -lcdb
MAN8 += man/deliver.8
tests/unit/test-deliver-header_OBJS := deliver/header.c deliver/loop.c \
  deliver/trace.c
