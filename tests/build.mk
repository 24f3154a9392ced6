# tests/: helper programs for the e2e tests (not installed).
# viewtool drives shared/view.h from the command line: list, open, flags,
# expunge, and a stress loop for tests/e2e/maildir-concurrency.t.
TEST_TOOLS += $(O)tests/tools/viewtool

$(O)tests/tools/viewtool: $(O)tests/tools/viewtool.o \
    $(O)tests/tools/viewstress.o $(O)shared/libmaildir.a
	$(CC) $(ALL_LDFLAGS) -o $@ $^

tests: $(TEST_TOOLS)

# foldertool drives shared/folder.h and subscriptions.h for
# tests/e2e/maildir-folders-dovecot.t.
TEST_TOOLS += $(O)tests/tools/foldertool

$(O)tests/tools/foldertool: $(O)tests/tools/foldertool.o $(O)shared/libmaildir.a
	$(CC) $(ALL_LDFLAGS) -o $@ $^

tests: $(O)tests/tools/foldertool

clean: clean-test-tools
clean-test-tools:
	rm -f $(TEST_TOOLS)
.PHONY: clean-test-tools

# nolink.so makes link() fail (LD_PRELOAD) for the rename fallback test
# in tests/e2e/deliver-nolink.t.  Built without the sanitizer: it is
# preloaded into other programs.
TEST_TOOLS += $(O)tests/tools/nolink.so

$(O)tests/tools/nolink.so: tests/tools/nolink.c
	@mkdir -p $(dir $@)
	$(CC) -shared -fPIC -O2 -Wall -Wextra -Werror -o $@ $<

tests: $(O)tests/tools/nolink.so

# cryptspy.so logs crypt_r()'s settings (LD_PRELOAD) for
# tests/e2e/auth-dummy.t; built without the sanitizer like nolink.so.
TEST_TOOLS += $(O)tests/tools/cryptspy.so

$(O)tests/tools/cryptspy.so: tests/tools/cryptspy.c
	@mkdir -p $(dir $@)
	$(CC) -shared -fPIC -O2 -Wall -Wextra -Werror -o $@ $<

tests: $(O)tests/tools/cryptspy.so
