#!/usr/bin/env python3
"""lmtpd with swaks --protocol LMTP (pipelined and not, DATA and BDAT)."""
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from tap import TAP  # noqa: E402
from lmtptest import Users, lmtpd, message_files  # noqa: E402

t = TAP()
if not shutil.which("swaks"):
    t.skip_all("swaks not installed (scripts/install-deps interop)")
u = Users()
u.add("alice@x.org")
u.add("bob@x.org")
table = u.build()

with lmtpd(table) as srv:
    base = ["swaks", "--protocol", "LMTP", "--server", "127.0.0.1",
            "--port", str(srv.port), "--from", "s@y.org",
            "--helo", "swaks.test", "--timeout", "20"]
    for extra, name in (([], "plain"), (["--pipeline"], "pipelined")):
        r = subprocess.run(base + ["--to", "alice@x.org,bob@x.org",
                                   "--header", f"Subject: swaks {name}",
                                   "--body", f"body {name}"] + extra,
                           capture_output=True, text=True, timeout=60)
        t.is_(r.returncode, 0, f"swaks {name}: exit 0")
        t.like(r.stdout, r"<-  250 2\.0\.0 <alice@x\.org> \S+ Saved\n"
               r"(.*\n)?<-  250 2\.0\.0 <bob@x\.org> \S+ Saved",
               f"swaks {name}: a reply per recipient")
    r = subprocess.run(base + ["--to", "alice@x.org,nobody@x.org",
                               "--body", "x"], capture_output=True,
                       text=True, timeout=60)
    t.like(r.stdout, r"<\*\* 550 5\.1\.1 <nobody@x\.org> User unknown",
           "swaks sees the unknown recipient refused")
    t.like(r.stdout, r"<-  250 2\.0\.0 <alice@x\.org> \S+ Saved",
           "and alice's copy saved")
t.is_(len(message_files(u.maildir("alice@x.org"))), 3, "alice: 3 messages")
t.is_(len(message_files(u.maildir("bob@x.org"))), 2, "bob: 2 messages")
t.done()
