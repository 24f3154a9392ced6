#!/usr/bin/env python3
"""make demo: scripts/demo --check sets up users, certificate and
Maildirs in a scratch directory, starts every service on free ports and
logs in once on each (IMAP STARTTLS, IMAPS, POP3 STLS, POP3S, LMTP)."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import mailtest  # noqa: E402
from tap import TAP  # noqa: E402

t = TAP()
for p in ("login/checkpassword-cdb", "login/mkusers", "login/mailpw"):
    if not os.access(os.path.join(mailtest.BUILD, p), os.X_OK):
        t.skip_all(f"{p} not built")
d = mailtest.tmpdir("demo")
env = dict(os.environ, DEMO_DIR=d, BUILD=mailtest.BUILD,
           DEMO_IMAP_PORT=str(mailtest.free_port()),
           DEMO_IMAPS_PORT=str(mailtest.free_port()),
           DEMO_POP3_PORT=str(mailtest.free_port()),
           DEMO_POP3S_PORT=str(mailtest.free_port()),
           DEMO_LMTP_PORT=str(mailtest.free_port()))
p = subprocess.run([os.path.join(mailtest.SRC, "scripts", "demo"),
                    "--check"], env=env, capture_output=True, text=True,
                   timeout=60)
t.is_(p.returncode, 0, "scripts/demo --check exits 0")
if p.returncode:
    t.diag(p.stdout + p.stderr)
for name in ("IMAP STARTTLS", "IMAPS", "POP3 STLS", "POP3S"):
    t.like(p.stdout, rf"demo-check: ok {name} \d+", f"{name} login works")
t.ok(os.path.exists(os.path.join(d, "users.cdb")), "users.cdb built")
with open(os.path.join(d, "users")) as f:
    users = f.read()
t.like(users, r"demo@example\.org:\{SHA512-CRYPT\}\$6\$", "hashed password")
md = os.path.join(d, "mail", "example.org", "demo", "Maildir")
t.is_(len(mailtest.maildir_files(md)), 3, "three sample messages")
if os.access(os.path.join(mailtest.BUILD, "lmtpd/lmtpd"), os.X_OK):
    t.like(p.stdout, r"demo-check: ok LMTP \d+: delivered", "LMTP delivery")
    md = os.path.join(d, "mail", "example.org", "alice", "Maildir")
    t.is_(len(mailtest.maildir_files(md)), 4, "alice has the LMTP message")
else:
    t.skip("lmtpd not built", 2)
t.like(p.stderr, r"not root|root: login parsers run as maillogin",
       "says how privileges are handled")
t.done()
