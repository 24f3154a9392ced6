#!/usr/bin/env python3
"""mkusers: compile, list back, refuse bad tables without touching the old."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from tap import TAP  # noqa: E402
import mailtest  # noqa: E402

t = TAP()
mk = mailtest.prog("login/mkusers")
d = mailtest.tmpdir("mkusers")
src = os.path.join(d, "users")
cdb = os.path.join(d, "users.cdb")

GOOD = [
    "alice@example.org:{PLAIN}test:5000:5000:Alice:/var/mail/example.org/alice"
    "::quota=2G,messages=1000 alias=al@example.org,@example.org",
    "bob@example.org:{CRAM-MD5}e02d374fde0dc75a17a557039a3a5338c7743304777dc"
    "cd376f332bee68d2cf6:5000:5000::/var/mail/example.org/bob:/bin/false:"
    "nologin=\"account moved\" allow_nets=10.0.0.0/8,2001:db8::/32",
    "master:{PLAIN}m:5000:5000::/var/empty::disable=lmtp master lang=de",
]


def run(*args):
    return subprocess.run([mk, *args], capture_output=True, text=True)


with open(src, "w") as f:
    f.write("# users\n\n" + "\n".join(GOOD) + "\n")
r = run("-v", src, cdb)
t.is_(r.returncode, 0, "good table compiles")
t.is_(r.stdout, f"{cdb}: 3 users, 2 aliases, dummy {{PLAIN}}\n",
      "-v counts, and the dummy's scheme")
t.is_(oct(os.stat(cdb).st_mode & 0o777), "0o640", "new table is 0640")
r = run("-l", "-s", cdb)
t.is_(r.stdout.splitlines(), GOOD, "-l -s lists the source back")
r = run("-l", cdb)
t.ok("{PLAIN}*:" in r.stdout and "test" not in r.stdout.split(":")[1],
     "-l masks secrets")
t.ok("e02d374f" not in r.stdout, "-l masks CRAM-MD5 contexts")

os.chmod(cdb, 0o600)
before = open(cdb, "rb").read()
ino = os.stat(cdb).st_ino
with open(src, "w") as f:
    f.write("\n".join(GOOD) + "\n"
            "carol:{PLAIN}x:5000:5000::relative\n"
            "al@example.org:{PLAIN}x:5000:5000::/h\n"
            "dave:{PLAIN}x:5000:5000::/h::alias=@example.org\n"
            "eve:{SHA512-CRYPT}$6$x:1:1::/h\n"
            + "x" * 5000 + "\n"
            "frank:{PLAIN}x:1:1::/h\n")
r = run(src, cdb)
t.is_(r.returncode, 100, "bad table: exit 100")
t.is_(r.stderr.splitlines(), [
    f"{src}:4: home is not an absolute path",
    f"{src}:5: duplicate address al@example.org (first on line 1)",
    f"{src}:6: duplicate address @example.org (first on line 1)",
    f"{src}:7: bad SHA512-CRYPT hash",
    f"{src}:8: line too long",
    f"{src}: 5 bad lines, {cdb} not changed",
], "every bad line reported with file:line: reason")
t.is_(open(cdb, "rb").read(), before, "old table untouched")
t.is_(os.stat(cdb).st_ino, ino, "old table not replaced")
t.is_(sorted(os.listdir(d)), ["users", "users.cdb"], "no temporary left")

with open(src, "w", newline="") as f:
    f.write(GOOD[0] + "\r\n")
r = run(src, cdb)
t.is_(r.returncode, 0, "recompile")
t.ok(os.stat(cdb).st_ino != ino, "replaced by rename")
t.is_(oct(os.stat(cdb).st_mode & 0o777), "0o600", "keeps the old mode")
t.is_(run("-l", "-s", cdb).stdout, GOOD[0] + "\n",
      "new content; CR LF source lines read")

r = run(src)
t.is_(r.returncode, 2, "usage error: exit 2")
r = run(os.path.join(d, "missing"), cdb)
t.is_(r.returncode, 111, "unreadable source: exit 111")
r = run("-l", os.path.join(d, "missing.cdb"))
t.is_(r.returncode, 111, "unreadable table: exit 111")
t.done()
