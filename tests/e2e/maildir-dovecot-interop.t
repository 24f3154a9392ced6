#!/usr/bin/env python3
"""Dovecot shares a Maildir with us.  Our view gives UIDs and keywords;
Dovecot's own imap binary (run pre-authenticated from a private config,
no system service) must report the same UIDVALIDITY, UIDNEXT, UIDs, flags,
keywords and RFC822.SIZEs.  Then Dovecot appends, stores flags and
keywords and expunges, and our view must read all of it identically; then
we add again and Dovecot sees our UID."""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
import mailtest  # noqa: E402
import dovecotimap  # noqa: E402
from tap import TAP  # noqa: E402

t = TAP()
if not dovecotimap.available():
    t.skip_all("Dovecot is not installed (dovecot-imapd): " +
               dovecotimap.IMAP)
tool = mailtest.prog("tests/tools/viewtool")
top = mailtest.tmpdir("dovecot")
md = mailtest.make_maildir(os.path.join(top, "Maildir"))
dc = dovecotimap.Dovecot(top, md)
UID, GID = dc.uid, dc.gid


def as_user(argv):
    out, err, rc = dc.run(argv)
    if rc != 0:
        t.diag(f"{argv[:3]} exit {rc}: {err[-800:]!r}")
    return out


def ours():
    uv, un, msgs, _ = dovecotimap.parse_viewtool_list(
        as_user([tool, "list", md]))
    return uv, un, msgs


def dovecot(cmds):
    out, err = dc.session(cmds)
    if "Error" in err or "Panic" in err:
        t.diag("Dovecot: " + err[-1500:])
    return out


def dovecot_state():
    uv, un, msgs, err = dc.state()
    if "Error" in err or "Panic" in err:
        t.diag("Dovecot: " + err[-1500:])
    return uv, un, msgs


# Round 1: our side assigns UIDs and keywords.
corpus = [(f"From: a{i}@example.org\nTo: b@example.org\nSubject: m{i}\n"
           f"Date: Mon, 2 Nov 2026 10:0{i}:00 +0000\n\n" +
           "line of text\n" * (i * 7 + 1)).encode() for i in range(6)]
for i, body in enumerate(corpus):
    sub, name = ("new", f"170000000{i}.M{i}P9.test") if i % 2 else \
        ("cur", f"170000000{i}.M{i}P9.test,S={len(body)}:2,S")
    with open(os.path.join(md, sub, name), "wb") as f:
        f.write(body)
    os.lchown(os.path.join(md, sub, name), UID, GID)
uv, un, mine = ours()
t.is_(sorted(mine), [1, 2, 3, 4, 5, 6], "our view gave UIDs 1-6")
as_user([tool, "flags", md, "2", "S", "$Junk", "Work"])
as_user([tool, "flags", md, "3", "FR", "$NonJunk"])
as_user([tool, "expunge", md, "4"])
uv, un, mine = ours()
dv_uv, dv_un, theirs = dovecot_state()
t.is_(dv_uv, uv, f"Dovecot reports our UIDVALIDITY {uv}")
t.is_(dv_un, un, f"Dovecot reports our UIDNEXT {un}")
t.is_(sorted(theirs), sorted(mine), "Dovecot sees the same UIDs")
t.is_({u: v[0] for u, v in theirs.items()}, {u: v[0] for u, v in
      mine.items()}, "same flags and keywords per UID")
t.is_({u: v[1] for u, v in theirs.items()}, {u: v[1] for u, v in
      mine.items()}, "same RFC822.SIZE per UID")

# Round 2: Dovecot appends, stores, expunges; we must read it.
data = corpus[1].replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
lit = data.decode("latin-1")
out = dovecot(["SELECT INBOX",
               f"APPEND INBOX (\\Seen $Dove) {{{len(data)}+}}\r\n{lit}",
               f"APPEND INBOX () {{{len(data)}+}}\r\n{lit}",
               "UID STORE 1 +FLAGS (\\Answered NewKw)",
               "UID STORE 3 -FLAGS (\\Flagged $NonJunk)",
               "UID STORE 5 +FLAGS (\\Deleted)", "UID EXPUNGE 5"])
appended = [int(x) for x in re.findall(r"APPENDUID \d+ (\d+)", out)]
t.is_(len(appended), 2, f"Dovecot appended two messages {appended}")
t.like(out, r"x5 OK", "Dovecot expunged UID 5")
dv_uv, dv_un, theirs = dovecot_state()
uv, un, mine = ours()
t.is_((uv, un), (dv_uv, dv_un), "same UIDVALIDITY and UIDNEXT after Dovecot")
t.is_(sorted(mine), sorted(theirs), "we see Dovecot's UIDs (5 gone, "
      "appends present)")
t.ok(all(u in mine for u in appended), "appended UIDs as Dovecot gave them")
t.is_({u: v[0] for u, v in mine.items()}, {u: v[0] for u, v in
      theirs.items()}, "we read Dovecot's flags and keywords")
t.is_(mine.get(appended[0], (set(),))[0] if appended else None,
      {"\\Seen", "$Dove"}, "appended message flags")
t.is_({u: v[1] for u, v in mine.items()}, {u: v[1] for u, v in
      theirs.items()}, "same sizes")

# Round 3: we deliver and flag again after Dovecot rewrote the uidlist.
name = "1800000000.M1P9.test"
with open(os.path.join(md, "new", name), "wb") as f:
    f.write(corpus[2])
os.lchown(os.path.join(md, "new", name), UID, GID)
uv, un, mine = ours()
newuid = max(mine)
t.ok(newuid > max(appended or [0]), f"our new message got UID {newuid}")
as_user([tool, "flags", md, str(newuid), "F", "$Dove", "Ours"])
uv, un, mine = ours()
dv_uv, dv_un, theirs = dovecot_state()
t.is_((dv_uv, dv_un), (uv, un), "Dovecot agrees on UIDVALIDITY, UIDNEXT")
t.is_(theirs, mine, "Dovecot agrees on every UID, flag, keyword, size")
lines = open(os.path.join(md, "dovecot-uidlist")).read().splitlines()
uids = [int(ln.split()[0]) for ln in lines[1:]]
t.ok(uids == sorted(set(uids)), "uidlist UIDs unique and increasing")
t.done()
