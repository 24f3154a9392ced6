#!/usr/bin/env python3
"""pop3d: UIDL - Dovecot's %08Xu%08Xv from dovecot-uidlist, stable across
sessions, flag renames and new/ -> cur/ moves; POP3_UIDL=filename gives
qmail-pop3d's strings (the file name without new/ cur/, up to ':')."""
import os
import sys
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import mailtest
from pop3test import Direct, put_msg
from tap import TAP

t = TAP()


def uidls(md, env=None):
    d = Direct(md, env=env)
    d.line()
    d.send(b"UIDL\r\n")
    d.line()
    out = [ln.split(b" ", 1)[1].decode()
           for ln in d.multi().decode().encode().split(b"\r\n") if ln]
    d.close()
    return out


# A Maildir coming from Dovecot: its uidlist gives the UIDs.
md = mailtest.make_maildir(os.path.join(mailtest.tmpdir("pop3uidl"), "Maildir"))
a = put_msg(md, b"Subject: a\n\na\n", name="1700000001.M1P1.old,S=14")
b = put_msg(md, b"Subject: b\n\nb\n", sub="cur", name="1700000002.M2P2.old,S=14",
            info="S").split(":")[0]
with open(os.path.join(md, "dovecot-uidlist"), "w") as f:
    f.write("3 V1700000000 N43 G0123456789abcdef0123456789abcdef\n"
            f"41 :{a}\n42 :{b}:2,S\n")
got = uidls(md)
t.is_(got, ["00000029" "6553f100", "0000002a" "6553f100"],
      "Dovecot's %08Xu%08Xv from dovecot-uidlist")

# Stable across sessions, flag renames and moves.
os.rename(os.path.join(md, "new", a), os.path.join(md, "cur", a + ":2,FS"))
os.rename(os.path.join(md, "cur", b + ":2,S"),
          os.path.join(md, "cur", b + ":2,RS"))
t.is_(uidls(md), got, "same UIDLs after IMAP-like flag renames")
c = put_msg(md, b"Subject: c\n\nc\n")
got2 = uidls(md)
t.is_(got2[:2], got, "old UIDLs unchanged after a delivery")
t.is_(got2[2], "0000002b6553f100", "new message gets the next UID")
d = Direct(md)
d.line()
d.cmd(b"DELE 3")
d.cmd(b"QUIT")
d.close(quit=False)
put_msg(md, b"Subject: d\n\nd\n")
t.is_(uidls(md)[2], "0000002c6553f100", "a deleted message's UID is not reused")
t.is_(uidls(md)[:2], got, "still the same in a later session")

# A fresh Maildir: the uidlist is created and UIDs start at 1.
md2 = mailtest.make_maildir(os.path.join(mailtest.tmpdir("pop3uidl2"), "Maildir"))
put_msg(md2, b"Subject: x\n\nx\n")
put_msg(md2, b"Subject: y\n\ny\n")
u = uidls(md2)
t.ok(u[0].startswith("00000001") and u[1].startswith("00000002")
     and u[0][8:] == u[1][8:], "fresh Maildir: UIDs 1 and 2, one UIDVALIDITY")
t.ok(os.path.exists(os.path.join(md2, "dovecot-uidlist")),
     "dovecot-uidlist written, so IMAP agrees")
t.is_(uidls(md2), u, "stable in the next session")

# qmail-pop3d compatibility: POP3_UIDL=filename.
md3 = mailtest.make_maildir(os.path.join(mailtest.tmpdir("pop3uidl3"), "Maildir"))
q1 = put_msg(md3, b"Subject: q\n\nq\n", name="1700000000.12345.mailhost")
q2 = put_msg(md3, b"Subject: r\n\nr\n", sub="cur",
             name="1700000001.M5P6V0000000000000801I00000042_0.mailhost,S=14",
             info="S").split(":")[0]
env = {"POP3_UIDL": "filename"}
got = uidls(md3, env)
t.is_(sorted(got), sorted([q1, q2]),
      "qmail mode: the file name, without new/ or cur/, up to ':'")
os.rename(os.path.join(md3, "new", q1), os.path.join(md3, "cur", q1 + ":2,S"))
t.is_(sorted(uidls(md3, env)), sorted(got),
      "qmail mode: same after the move to cur/ with flags")
d = Direct(md3, env=env)
d.line()
t.is_(d.cmd(b"UIDL 1").decode().split()[0], "+OK", "UIDL n in qmail mode")
d.close()
t.done()
