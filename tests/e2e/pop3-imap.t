#!/usr/bin/env python3
"""pop3d with a concurrent IMAP session (Dovecot's imap on the same
Maildir): UIDL is IMAP's UID and UIDVALIDITY; IMAP flag changes and an
IMAP EXPUNGE during a POP3 session; the POP3 QUIT then keeps IMAP's flags,
skips what IMAP expunged, and IMAP sees POP3's changes."""
import os
import re
import sys
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import mailtest
import dovecotimap
from pop3test import Direct, put_msg, wire
from tap import TAP

t = TAP()
if not dovecotimap.available():
    t.skip_all("Dovecot's imap not installed")

top = mailtest.tmpdir("pop3imap")
os.chmod(top, 0o755)
md = mailtest.make_maildir(os.path.join(top, "Maildir"))
msgs = [b"Subject: %d\n\nbody %d\n" % (i, i) for i in range(1, 5)]
for m in msgs:
    put_msg(md, m)
dv = dovecotimap.Dovecot(os.path.join(top, "dv"), md)
dv.chown()
os.chown(md, dv.uid, dv.gid)
for dp, dn, fn in os.walk(md):
    for n in dn + fn:
        os.lchown(os.path.join(dp, n), dv.uid, dv.gid)
user = (dv.uid, dv.gid) if os.geteuid() == 0 else None


def pop3():
    d = Direct(md, user=user)
    t.ok(d.line().startswith(b"+OK"), "pop3d session starts")
    return d


# pop3d first: it numbers the messages; IMAP agrees.
d = pop3()
d.send(b"UIDL\r\n")
d.line()
uidl = [ln.split()[1].decode() for ln in d.multi().split(b"\r\n") if ln]
d.close()
uidvalidity, uidnext, state, err = dv.state()
t.is_(sorted(state), [1, 2, 3, 4], "IMAP sees UIDs 1..4")
t.is_(uidl, ["%08x%08x" % (u, uidvalidity) for u in sorted(state)],
      "UIDL = IMAP UID + UIDVALIDITY (%08Xu%08Xv)")
t.is_([state[u][1] for u in sorted(state)], [len(wire(m)) for m in msgs],
      "IMAP RFC822.SIZE = POP3 LIST size")

# A POP3 session; meanwhile IMAP flags, deletes and expunges.
d = pop3()
d.cmd(b"DELE 1")
t.like(d.cmd(b"RETR 2").decode(), r"^\+OK", "RETR 2")
d.multi()
out, err = dv.session(["SELECT INBOX", "UID STORE 1 +FLAGS (\\Deleted)",
                       "UID STORE 2 +FLAGS (\\Flagged)",
                       "UID STORE 3 +FLAGS (\\Answered)", "EXPUNGE"])
t.like(out, r"\* 1 EXPUNGE", "IMAP expunged message 1 meanwhile")
t.like(d.cmd(b"RETR 3").decode(), r"^\+OK", "RETR 3 after IMAP renamed it")
t.is_(d.multi(), wire(msgs[2]), "content right")
d.send(b"UIDL\r\n")
d.line()
t.is_([ln.split()[1].decode() for ln in d.multi().split(b"\r\n") if ln],
      uidl[1:], "UIDLs unchanged by IMAP's renames")
t.is_(d.cmd(b"QUIT"), b"+OK Logging out\r\n",
      "QUIT: a message IMAP expunged first is no error")
t.is_(d.close(quit=False), 0, "exit 0")
uidvalidity2, _, state, err = dv.state()
t.is_(uidvalidity2, uidvalidity, "UIDVALIDITY unchanged")
t.is_(sorted(state), [2, 3, 4], "IMAP: 1 gone")
t.is_(state[2][0], {"\\Flagged", "\\Seen"}, "IMAP's \\Flagged kept, "
      "POP3's RETR added \\Seen")
t.is_(state[3][0], {"\\Answered", "\\Seen"}, "same for \\Answered")
t.is_(state[4][0], set(), "untouched message unchanged")

# POP3 deletes what IMAP has already moved to cur/ with flags.
d = pop3()
d.cmd(b"DELE 1")
d.cmd(b"QUIT")
d.close(quit=False)
_, _, state, err = dv.state()
t.is_(sorted(state), [3, 4], "POP3 deletion seen by IMAP")
t.done()
