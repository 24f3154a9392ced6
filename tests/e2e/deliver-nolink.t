#!/usr/bin/env python3
"""deliver-nolink.t: on a file system without hard links (link() fails
with EPERM: simulated with the LD_PRELOAD shim tests/tools/nolink.so)
deliver and lmtpd fall back to rename(), as Dovecot and Courier do:
every message arrives once, byte-exact, tmp/ is left empty, and an
lmtpd delivery to several users on one file system writes a copy for
each instead of a hard link."""
import os
import smtplib
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
import mailtest  # noqa: E402
from tap import TAP  # noqa: E402
from lmtptest import Users, lmtpd, message_files, split_headers  # noqa

t = TAP()
SHIM = mailtest.prog("tests/tools/nolink.so")
# An ASan build must come first in the library list; the shim only
# overrides link(), so the order check can be relaxed for it.
ENV = {"LD_PRELOAD": SHIM,
       "ASAN_OPTIONS": os.environ.get("ASAN_OPTIONS", "") +
       ":verify_asan_link_order=0"}

# The shim works: python's own os.link fails under it.
r = subprocess.run([sys.executable, "-c",
                    "import os, sys; open(sys.argv[1], 'w').close()\n"
                    "try:\n os.link(sys.argv[1], sys.argv[1] + '.l')\n"
                    "except PermissionError:\n print('EPERM')",
                    os.path.join(mailtest.tmpdir("nolink-probe"), "f")],
                   capture_output=True, text=True,
                   env=dict(os.environ, **ENV))
t.is_(r.stdout.strip(), "EPERM", "the shim makes link() fail with EPERM")

top = mailtest.tmpdir("deliver-nolink")
md = mailtest.make_maildir(os.path.join(top, "Maildir"))
msgs = mailtest.corpus_messages(12, seed=3)
bad = []
for i, msg in enumerate(msgs):
    p = subprocess.run([mailtest.prog("deliver/deliver"), "-f",
                        f"s{i}@example.net", "-a", "rcpt@example.org", md],
                       input=msg, capture_output=True,
                       env=dict(os.environ, **ENV))
    if p.returncode != 0:
        bad.append((i, p.returncode, p.stderr[:200]))
t.is_(bad, [], f"deliver: {len(msgs)} messages delivered with rename()")
got = sorted(message_files(md).values())
t.is_(len(got), len(msgs), "each message once in new/")
t.ok(all(any(g.endswith(m) for g in got) for m in msgs),
     "every body byte-exact after the trace lines")
t.is_(os.listdir(os.path.join(md, "tmp")), [], "tmp/ is empty")

u = Users("nolink-lmtp")
homes = [u.add(f"{n}@x.org") for n in ("ann", "ben", "cat")]
table = u.build()
body = msgs[0]
with lmtpd(table, ENV) as srv:
    c = smtplib.LMTP("127.0.0.1", srv.port)
    c.ehlo("client.example")
    refused = c.sendmail("s@y.org", [f"{n}@x.org" for n in
                                     ("ann", "ben", "cat")],
                           body.replace(b"\n", b"\r\n"))
    c.quit()
t.is_(refused, {}, "lmtpd: three recipients accepted")
for h in homes:
    files = message_files(h)
    data = list(files.values())[0] if len(files) == 1 else b""
    ok = bool(data) and split_headers(data)[1] == body
    t.ok(ok, f"lmtpd: {os.path.basename(os.path.dirname(h))} has the "
         "message once, byte-exact")
    t.is_(os.listdir(os.path.join(h, "tmp")), [], "  and an empty tmp/")
inodes = {os.stat(os.path.join(h, n)).st_ino
          for h in homes for n in message_files(h)}
t.is_(len(inodes), 3, "three separate files, not hard links")
t.done()
