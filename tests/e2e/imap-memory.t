#!/usr/bin/env python3
"""imapd's idle memory (issue 6: well under 1 MB private for an idle
session): private memory (Private_Clean + Private_Dirty of
/proc/PID/smaps_rollup) after login is under 1 MB; FETCH ENVELOPE over a
folder whose imapd.cache is complete leaves the session no bigger than
its index (the mapped file is given back after the command); a big
SEARCH result does not stay behind.  Skipped under the sanitizers and
valgrind, whose shadow memory makes the figures meaningless."""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from tap import TAP  # noqa: E402
from mailtest import tmpdir, make_maildir  # noqa: E402
from imaptest import Imapd, put_message  # noqa: E402

N = 3000
t = TAP()
if (os.environ.get("SANITIZE") or os.environ.get("VALGRIND")
        or not os.path.exists("/proc/self/smaps_rollup")):
    t.skip_all("sanitizer build, valgrind run, or no /proc/PID/smaps_rollup")
md = make_maildir(os.path.join(tmpdir("imap-memory"), "Maildir"))
now = int(time.time())
pad = b"Received: from somewhere by somewhere else; a long header line\n" * 20
for i in range(N):
    put_message(md, "%d.M%dP1.host" % (now, i),
                pad + b"Subject: message %d\nFrom: <a%d@example.org>\n\n"
                b"body\n" % (i, i), "cur")


def private_kb(d):
    kb = 0
    with open("/proc/%d/smaps_rollup" % d.proc.pid) as f:
        for ln in f:
            if ln.startswith(("Private_Clean:", "Private_Dirty:")):
                kb += int(ln.split()[1])
    return kb


d = Imapd(md)
d.cmd("SELECT INBOX")
d.cmd("FETCH 1:* (ENVELOPE BODYSTRUCTURE)")     # fills imapd.cache
d.cmd("LOGOUT")
d.close()
cache = os.path.getsize(os.path.join(md, "imapd.cache"))

d = Imapd(md)
login = private_kb(d)
t.ok(login < 1024, "idle after login: %d kB private (< 1 MB)" % login)
d.cmd("SELECT INBOX")
sel = private_kb(d)
d.cmd("FETCH 1:* (ENVELOPE BODYSTRUCTURE)")
env = private_kb(d)
index_kb = 2 * N * 12 // 1024
t.ok(env - sel < index_kb + 256,
     "FETCH from a %d kB cache: +%d kB (index %d kB)" %
     (cache // 1024, env - sel, index_kb))
d.cmd("SEARCH ALL")                             # a ~15 kB result line
d.cmd("FETCH 1:* (BODY.PEEK[HEADER])")          # every header once
after = private_kb(d)
t.ok(after - env < 256, "SEARCH and FETCH BODY[HEADER] leave +%d kB"
     % (after - env))
d.cmd("LOGOUT")
d.close()
t.done()
