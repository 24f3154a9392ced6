# pop3d/: the POP3 server after login (see man/pop3d.8).
PROGRAMS += pop3d/pop3d
pop3d/pop3d_SRCS := $(wildcard pop3d/*.c)
MAN8 += man/pop3d.8
tests/unit/test-pop3-cmd_OBJS := pop3d/cmd.c
tests/unit/test-pop3-wire_OBJS := pop3d/wire.c
tests/unit/test-pop3-uidl_OBJS := pop3d/uidl.c
tests/unit/test-pop3-sizecache_OBJS := pop3d/sizecache.c pop3d/msgsize.c \
  pop3d/wire.c
tests/unit/test-pop3-config_OBJS := pop3d/config.c pop3d/uidl.c
