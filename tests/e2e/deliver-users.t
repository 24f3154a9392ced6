#!/usr/bin/env python3
"""deliver-users.t: deliver -d against a users.cdb built by mkusers:
lookups (case, +detail, aliases, catch-all), maildir= and the default
$HOME/Maildir, quota= from the table, unknown users (100 / 67), and the
switch to the user's uid and gid when run as root."""
import os
import pwd
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
import mailtest  # noqa: E402
from tap import TAP  # noqa: E402

t = TAP()
DELIVER = mailtest.prog("deliver/deliver")
MKUSERS = os.path.join(mailtest.BUILD, "login", "mkusers")
if not os.access(MKUSERS, os.X_OK):
    t.skip_all("login/mkusers not built")
TOP = mailtest.tmpdir("deliver-users")
os.chmod(TOP, 0o755)
ENV = {k: v for k, v in os.environ.items()
       if k not in ("SENDER", "RECIPIENT", "DTLINE", "RPLINE",
                    "RECIPIENT_DELIMITER")}
UID, GID = os.getuid(), os.getgid()
try:
    NOBODY = pwd.getpwnam("nobody")
except KeyError:
    NOBODY = None

home = {u: os.path.join(TOP, u) for u in ("alice", "bob", "carol", "nob")}
for h in home.values():
    os.mkdir(h)
mailtest.make_maildir(os.path.join(home["alice"], "Maildir"),
                      folders=["lists", "Work"])
bobmd = os.path.join(TOP, "store", "bob")
mailtest.make_maildir(bobmd)
mailtest.make_maildir(os.path.join(home["carol"], "Maildir"))
lines = [
    f"alice@example.org:{{PLAIN}}pw:{UID}:{GID}::{home['alice']}::"
    "alias=al@example.org",
    f"bob@example.org:{{PLAIN}}pw:{UID}:{GID}::{home['bob']}::"
    f"maildir={bobmd} quota=2k,messages=3",
    f"carol@example.net:{{PLAIN}}pw:{UID}:{GID}::{home['carol']}::"
    "alias=@example.net",
]
if NOBODY and mailtest.IS_ROOT:
    mailtest.make_maildir(os.path.join(home["nob"], "Maildir"))
    for root, dirs, files in os.walk(home["nob"]):
        os.chown(root, NOBODY.pw_uid, NOBODY.pw_gid)
    lines.append(f"nob@example.org:{{PLAIN}}pw:{NOBODY.pw_uid}:"
                 f"{NOBODY.pw_gid}::{home['nob']}::")
src = os.path.join(TOP, "users")
with open(src, "w") as f:
    f.write("\n".join(lines) + "\n")
cdb = os.path.join(TOP, "users.cdb")
p = subprocess.run([MKUSERS, src, cdb], capture_output=True, text=True)
if p.returncode != 0:
    t.skip_all("mkusers failed: " + p.stderr.strip()[:200])
os.chmod(cdb, 0o644)


def deliver(args, data=b"Subject: u\n\nbody\n"):
    p = subprocess.run([DELIVER, "-t", cdb, *args], input=data, env=ENV,
                       capture_output=True)
    return p.returncode, p.stderr.decode(errors="replace")


def new(md):
    d = os.path.join(md, "new")
    return [open(os.path.join(d, n), "rb").read() for n in sorted(
        os.listdir(d), key=lambda n: os.stat(os.path.join(d, n)).st_mtime)]


alice = os.path.join(home["alice"], "Maildir")
rc, err = deliver(["-f", "s@x", "-d", "alice@example.org"])
t.is_(rc, 0, "-d finds the user, default $HOME/Maildir")
t.is_(new(alice)[-1:], [b"Return-Path: <s@x>\nDelivered-To: "
                        b"alice@example.org\nSubject: u\n\nbody\n"],
      "Delivered-To is the -d address")
t.like(err, r"user=alice@example\.org", "log line names the user")
rc, _ = deliver(["-d", "Alice@EXAMPLE.org"])
t.is_((rc, len(new(alice))), (0, 2), "lookup ignores case")
rc, _ = deliver(["-d", "al@example.org"])
t.is_((rc, len(new(alice))), (0, 3), "an alias delivers to its user")
rc, _ = deliver(["-d", "alice+lists@example.org"])
t.is_((rc, len(new(os.path.join(alice, ".lists")))), (0, 1),
      "+detail goes into the existing folder")
rc, _ = deliver(["-D", "-", "-d", "alice-lists@example.org"])
t.is_((rc, len(new(os.path.join(alice, ".lists")))), (0, 2),
      "-D sets the delimiter")
rc, _ = deliver(["-d", "alice+Work@example.org"])
t.is_((rc, len(new(os.path.join(alice, ".Work")))), (0, 1),
      "+Detail keeps its case for the folder name")
rc, _ = deliver(["-d", "alice+nofolder@example.org"])
t.is_((rc, len(new(alice))), (0, 4), "+detail without folder: INBOX")

# loop for the -d address
loop = b"Received: r\nDelivered-To: alice@example.org\n\nb\n"
rc, _ = deliver(["-d", "alice@example.org"], loop)
rcs, _ = deliver(["-s", "-d", "alice@example.org"], loop)
t.is_((rc, rcs), (100, 65), "loop on the -d address: 100 / 65")

# maildir= and quota= from the table
rc, _ = deliver(["-d", "bob@example.org"])
t.is_((rc, len(new(bobmd))), (0, 1), "maildir= from the table")
t.is_(open(os.path.join(bobmd, "maildirsize")).readline(), "2048S,3C\n",
      "quota= written as the maildirsize limits line")
big = b"Subject: big\n\n" + b"b" * 3000 + b"\n"
rc, err = deliver(["-d", "bob@example.org"], big)
rcq, _ = deliver(["-s", "-q", "-d", "bob@example.org"], big)
t.is_((rc, rcq), (111, 73), "over the table's quota: 111, -q -s 73")
rc, _ = deliver(["-d", "bob@example.org"])
rc2, _ = deliver(["-d", "bob@example.org"])
rc3, _ = deliver(["-d", "bob@example.org"])
t.is_((rc, rc2, rc3), (0, 0, 111), "messages=3 enforced exactly")

# catch-all and unknown users
rc, _ = deliver(["-d", "whoever@example.net"])
t.is_((rc, len(new(os.path.join(home["carol"], "Maildir")))), (0, 1),
      "@domain catch-all")
rc, err = deliver(["-d", "nobody@example.org"])
rcs, _ = deliver(["-s", "-d", "nobody@example.org"])
t.is_((rc, rcs), (100, 67), "unknown user: 100 / EX_NOUSER 67")
t.like(err, r"reason=\"no such user\"", "  reason on stderr")

# root switches to the user's uid and gid before touching the Maildir
if NOBODY and mailtest.IS_ROOT:
    nmd = os.path.join(home["nob"], "Maildir")
    rc, err = deliver(["-d", "nob@example.org"])
    names = os.listdir(os.path.join(nmd, "new"))
    st = os.stat(os.path.join(nmd, "new", names[0])) if names else None
    t.ok(rc == 0 and st and st.st_uid == NOBODY.pw_uid and
         st.st_gid == NOBODY.pw_gid, "as root: file owned by the user")
    os.chown(os.path.join(nmd, "tmp"), 0, 0)
    os.chmod(os.path.join(nmd, "tmp"), 0o755)
    rc, _ = deliver(["-d", "nob@example.org"])
    t.is_(rc, 111, "as root: no root access left (root-owned tmp/ fails)")
else:
    t.skip("needs root and a nobody user", 2)
t.done()
