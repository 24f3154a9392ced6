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
