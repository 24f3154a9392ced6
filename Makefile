# Build every program in its own directory and shared/libmaildir.a.
#
#   make                      programs and library, hardened, in the tree
#   make check                install missing dependencies, build, run the suite
#   make check-sanitize       the same suite, ASan+UBSan build in build-san/
#   make check-valgrind       unit tests and e2e tests (VG_TESTS=...) under
#                             valgrind; slow, not part of .ci/run
#   make install PREFIX=/usr/local DESTDIR=
#   make demo                 see README.md
#
# Each program directory has a build.mk that adds to PROGRAMS (and says
# which sources and libraries each program takes); this file only knows
# how to compile, link, test and install.

PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man

# B is the build directory: "." builds next to the sources (deliver/deliver),
# anything else (build-san) keeps objects and programs apart.
B ?= .
O := $(if $(filter .,$(B)),,$(B)/)
SANITIZE ?=

CC ?= cc
WARN   = -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wconversion \
         -Wno-sign-conversion -Wstrict-prototypes -Wmissing-prototypes \
         -Wvla -Wimplicit-fallthrough
STD    = -std=c17 -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700
ifeq ($(SANITIZE),1)
HARDEN = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
         -fno-sanitize-recover=all
LDHARDEN = -fsanitize=address,undefined
else
HARDEN = -O2 -g -D_FORTIFY_SOURCE=2 -fstack-protector-strong -fPIE
LDHARDEN = -pie -Wl,-z,relro,-z,now
endif
CFLAGS  ?=
LDFLAGS ?=
ALL_CFLAGS  = $(STD) $(WARN) $(HARDEN) -iquote shared -MMD -MP $(CFLAGS)
ALL_LDFLAGS = $(LDHARDEN) $(LDFLAGS)

# build.mk files may define rules: keep "all" the default goal.
.DEFAULT_GOAL := all
PROGRAMS :=
MAN1 :=
MAN5 :=
MAN8 :=
include $(sort $(wildcard */build.mk))

LIB_SRCS := $(sort $(wildcard shared/*.c))
LIB      := $(O)shared/libmaildir.a
LIB_OBJS := $(LIB_SRCS:%.c=$(O)%.o)

TEST_SRCS := $(sort $(wildcard tests/unit/test-*.c))
TESTS     := $(TEST_SRCS:%.c=$(O)%)
TEST_LIBS := -lcdb -lcrypt -lssl -lcrypto -lz

all: $(addprefix $(O),$(PROGRAMS)) $(LIB)

$(O)%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(LIB): $(LIB_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@
	ar rcs $@ $(LIB_OBJS)

# A program P is linked from $(P_SRCS) with $(P_LIBS).
define program_rule
$(O)$(1): $$(patsubst %.c,$(O)%.o,$$($(1)_SRCS)) $(LIB)
	$$(CC) $$(ALL_LDFLAGS) -o $$@ $$(filter %.o,$$^) $(LIB) $$($(1)_LIBS)
endef
$(foreach p,$(PROGRAMS),$(eval $(call program_rule,$(p))))

# A unit test tests/unit/test-X.c may link program objects named in
# tests/unit/test-X_OBJS (sources, set in a build.mk).
define test_rule
$(O)$(1): $(O)$(1).o $$(patsubst %.c,$(O)%.o,$$($(1)_OBJS)) $(LIB)
	$$(CC) $$(ALL_LDFLAGS) -o $$@ $$(filter %.o,$$^) $(LIB) $(TEST_LIBS)
endef
$(foreach t,$(TEST_SRCS:%.c=%),$(eval $(call test_rule,$(t))))

tests: $(TESTS)

deps:
	@scripts/install-deps

PROVE_ARGS ?=
check: deps
	$(MAKE) all tests
	BUILD=$(abspath $(B)) SRC=$(CURDIR) SANITIZE=$(SANITIZE) \
	  prove --exec '' $(PROVE_ARGS) $(TESTS) $(sort $(wildcard tests/e2e/*.t))

check-sanitize: deps
	$(MAKE) B=build-san SANITIZE=1 check

VG_DIR   ?= /tmp/maildir-valgrind
VG_TESTS ?= $(sort $(wildcard tests/e2e/*.t))
VG       := valgrind -q --vgdb=no --error-exitcode=97 --leak-check=full \
  --errors-for-leak-kinds=definite --show-leak-kinds=definite
check-valgrind: deps
	$(MAKE) all tests
	rm -rf $(VG_DIR) && mkdir -p $(VG_DIR) && chmod 1777 $(VG_DIR)
	prove --exec '$(VG)' $(TESTS)
	BUILD=$(CURDIR) SRC=$(CURDIR) VALGRIND=$(VG_DIR) \
	  prove --exec '' $(PROVE_ARGS) $(VG_TESTS) || true
	scripts/valgrind-report $(VG_DIR)

bench: all
	@for b in tests/bench/*.sh; do echo "== $$b"; BUILD=$(CURDIR) $$b || exit 1; done

demo: deps all
	scripts/demo

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	  $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man8
	for p in $(PROGRAMS); do install -m 755 $$p $(DESTDIR)$(BINDIR)/; done
	for m in $(MAN1); do install -m 644 $$m $(DESTDIR)$(MANDIR)/man1/; done
	for m in $(MAN5); do install -m 644 $$m $(DESTDIR)$(MANDIR)/man5/; done
	for m in $(MAN8); do install -m 644 $$m $(DESTDIR)$(MANDIR)/man8/; done

lint-man:
	mandoc -Tlint -Wwarning $(MAN1) $(MAN5) $(MAN8)

clean:
	rm -rf build-san run
	rm -f $(PROGRAMS) $(LIB) $(TESTS)
	find . -name '*.o' -delete -o -name '*.d' -delete

.PHONY: all tests deps check check-sanitize check-valgrind bench demo install lint-man clean

-include $(LIB_OBJS:.o=.d) $(TESTS:=.d) $(wildcard $(O)tests/tools/*.d) \
  $(foreach p,$(PROGRAMS),$(patsubst %.c,$(O)%.d,$($(p)_SRCS)))
