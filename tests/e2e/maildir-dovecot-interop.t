#!/usr/bin/env python3
"""Dovecot shares a Maildir with us.  Our view gives UIDs and keywords;
Dovecot's own imap binary (run pre-authenticated from a private config,
no system service) must report the same UIDVALIDITY, UIDNEXT, UIDs, flags,
keywords and RFC822.SIZEs.  Then Dovecot appends, stores flags and
keywords and expunges, and our view must read all of it identically; then
we add again and Dovecot sees our UID."""
import os
import pwd
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
import mailtest  # noqa: E402
from tap import TAP  # noqa: E402

t = TAP()
IMAP = "/usr/lib/dovecot/imap"
if not os.access(IMAP, os.X_OK):
    t.skip_all("Dovecot is not installed (dovecot-imapd): " + IMAP)
tool = mailtest.prog("tests/tools/viewtool")

# Dovecot refuses mail access as root: run both sides as nobody then.
if os.geteuid() == 0:
    pw = pwd.getpwnam("nobody")
    UID, GID = pw.pw_uid, pw.pw_gid
else:
    UID, GID = os.geteuid(), os.getegid()
top = mailtest.tmpdir("dovecot")
md = mailtest.make_maildir(os.path.join(top, "Maildir"))
os.makedirs(os.path.join(top, "run"))
os.makedirs(os.path.join(top, "index"))
conf = os.path.join(top, "dovecot.conf")
with open(conf, "w") as f:
    f.write(f"""base_dir = {top}/run
log_path = /dev/stderr
ssl = no
mail_location = maildir:{md}:INDEX={top}/index
mail_uid = {UID}
mail_gid = {GID}
first_valid_uid = 0
first_valid_gid = 0
""")
for dirpath, dirs, files in os.walk(top):
    for n in dirs + files:
        os.lchown(os.path.join(dirpath, n), UID, GID)
os.chown(top, UID, GID)


def as_user(argv, data=None):
    kw = {}
    if os.geteuid() == 0:
        kw = dict(user=UID, group=GID, extra_groups=[])
    env = {"USER": "test", "HOME": top, "PATH": "/usr/bin:/bin"}
    r = subprocess.run(argv, input=data, capture_output=True, env=env,
                       timeout=60, **kw)
    if r.returncode != 0:
        t.diag(f"{argv[:3]} exit {r.returncode}: {r.stderr[-800:]!r}")
    return r.stdout.decode(errors="replace")


def ours():
    out = as_user([tool, "list", md]).splitlines()
    head = {ln.split()[0]: ln.split()[1:] for ln in out[:3]}
    msgs = {}
    for ln in out[3:]:
        uid, flags, kws, size, vsize, date, base = ln.split()
        fl = {"D": "\\Draft", "F": "\\Flagged", "P": "$Forwarded",
              "R": "\\Answered", "S": "\\Seen", "T": "\\Deleted"}
        names = {fl[c] for c in flags if c in fl}
        names |= set(kws.split(",")) if kws != "-" else set()
        msgs[int(uid)] = (names, int(vsize))
    return int(head["uidvalidity"][0]), int(head["uidnext"][0]), msgs


def dovecot(cmds):
    script = "".join(f"x{i} {c}\r\n" for i, c in enumerate(cmds))
    script += "z LOGOUT\r\n"
    return as_user([IMAP, "-c", conf], script.encode("latin-1"))


def dovecot_state():
    out = dovecot(["SELECT INBOX", "UID FETCH 1:* (UID FLAGS RFC822.SIZE)",
                   "STATUS INBOX (UIDNEXT UIDVALIDITY)"])
    msgs = {}
    for m in re.finditer(r"\* \d+ FETCH \((.*)\)", out):
        uid = int(re.search(r"UID (\d+)", m.group(1)).group(1))
        fl = re.search(r"FLAGS \(([^)]*)\)", m.group(1)).group(1).split()
        size = int(re.search(r"RFC822\.SIZE (\d+)", m.group(1)).group(1))
        msgs[uid] = (set(fl) - {"\\Recent"}, size)
    st = re.search(r"STATUS INBOX \(UIDNEXT (\d+) UIDVALIDITY (\d+)\)", out)
    if not st:
        t.diag(out[-1500:])
        return 0, 0, {}
    return int(st.group(2)), int(st.group(1)), msgs


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
