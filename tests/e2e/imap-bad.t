#!/usr/bin/env python3
"""Malformed and refused commands, each sent alone: every one gets its
tagged answer at once (a bare "UID" used to be answered only when the
next command came), with the status RFC 3501's syntax gives it (BAD for
what cannot be parsed, NO for what is refused), and the session goes on
in the state it was in.  The answers were checked against Dovecot 2.3
side by side; where they differ, Dovecot is the lenient one (it accepts
BODY[0], BODY[]<5>, NOOP with arguments)."""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from tap import TAP  # noqa: E402
from mailtest import tmpdir, make_maildir  # noqa: E402
from imaptest import Imapd, put_message  # noqa: E402

CASES = [
    # (command, status, response code or None) in the selected state
    ("FETCH", "BAD", None),
    ("FETCH 1", "BAD", None),
    ("FETCH 0 FLAGS", "BAD", None),
    ("FETCH 1:* FLAGZ", "BAD", None),
    ("FETCH 1 (FLAGS", "BAD", None),
    ("FETCH 1 BODY[HEADER.FIELDS]", "BAD", None),
    ("FETCH 1 BODY[0]", "BAD", None),
    ("FETCH 1 BODY[]<5>", "BAD", None),
    ("FETCH 99 FLAGS", "BAD", None),
    ("UID FETCH 0 FLAGS", "BAD", None),
    ("STORE 1 FLAGS", "BAD", None),
    ("STORE 1 +FLAGS (\\Bogus)", "BAD", None),
    ("STORE 1 XFLAGS (\\Seen)", "BAD", None),
    ("SEARCH", "BAD", None),
    ("SEARCH FOO", "BAD", None),
    ("SEARCH OR FROM a", "BAD", None),
    ("SEARCH CHARSET BOGUS-9 FROM a", "NO", "[BADCHARSET"),
    ("SEARCH LARGER x", "BAD", None),
    ("SEARCH BEFORE 32-Jan-2020", "BAD", None),
    ("COPY 1", "BAD", None),
    ('COPY 1 ""', "NO", "[CANNOT]"),
    ("COPY 1 Nope", "NO", "[TRYCREATE]"),
    ("CREATE", "BAD", None),
    ('CREATE ""', "NO", "[CANNOT]"),
    ("CREATE ../x", "NO", "[CANNOT]"),
    ("CREATE .x", "NO", "[CANNOT]"),
    ("DELETE INBOX", "NO", "[CANNOT]"),
    ("RENAME Nope X", "NO", "[NONEXISTENT]"),
    ("RENAME Work Sent", "NO", "[ALREADYEXISTS]"),
    ("STATUS INBOX ()", "BAD", None),
    ("STATUS INBOX (FOO)", "BAD", None),
    ("STATUS Nope (MESSAGES)", "NO", "[NONEXISTENT]"),
    ("LIST", "BAD", None),
    ("LIST x y z", "BAD", None),
    ("APPEND", "BAD", None),
    ("APPEND INBOX", "BAD", None),
    ("APPEND INBOX (\\Bogus) {1+}\r\nx", "BAD", None),
    ('APPEND INBOX "bad date" {1+}\r\nx', "BAD", None),
    ('APPEND "../x" {1+}\r\nx', "NO", "[CANNOT]"),
    ("EXPUNGE extra", "BAD", None),
    ("NOOP extra", "BAD", None),
    ("UID", "BAD", None),
    ("UID FOO 1", "BAD", None),
    ("UID NOOP", "BAD", None),
    ("XFOO", "BAD", None),
    ("ENABLE", "BAD", None),
    ("LOGIN a b", "BAD", None),
    ("AUTHENTICATE PLAIN", "BAD", None),
    ("STARTTLS", "BAD", None),
    ("SELECT", "BAD", None),
]

t = TAP()
md = make_maildir(os.path.join(tmpdir("imap-bad"), "Maildir"),
                  ["Work", "Sent"])
for i in range(3):
    put_message(md, "%d.M%dP1.h:2," % (int(time.time()), i),
                b"Subject: m%d\n\nbody\n" % i, "cur")
d = Imapd(md, timeout=5)
d.cmd("SELECT INBOX")
for cmd, status, code in CASES:
    try:
        last = d.cmd(cmd)[-1].decode("latin-1")
    except OSError as e:        # socket.timeout: not answered at once
        t.ok(False, "%s: answered at once (%s)" % (cmd.split("\r")[0], e))
        continue
    parts = last.split(" ", 2)
    got = parts[1] if len(parts) > 1 else ""
    ok = got == status and (code is None or
                            (len(parts) > 2 and parts[2].startswith(code)))
    t.ok(ok, "%s: %s%s (%s)" % (cmd.split("\r")[0], status,
                                " " + code if code else "", last))
r = d.cmd("FETCH 1:* (UID)")
t.is_(r[-1], b"t%d OK Fetch completed." % d.n,
      "after all of them the folder is still selected and works")
d.cmd("LOGOUT")
d.close()
t.done()
