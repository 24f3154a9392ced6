#!/usr/bin/env python3
"""lmtpd on a UNIX socket the way systemd runs it (ListenStream=/path,
Accept=yes: one process per connection, the socket on fds 0 and 1),
through systemd-socket-activate --accept --inetd."""
import os
import shutil
import signal
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import mailtest  # noqa: E402
from tap import TAP  # noqa: E402
from lmtptest import Users, Raw, message_files, split_headers  # noqa: E402

t = TAP()
act = shutil.which("systemd-socket-activate")
if not act:
    t.skip_all("systemd-socket-activate not installed (install-deps "
               "interop: systemd)")
u = Users()
u.add("alice@x.org")
table = u.build()
path = os.path.join(u.dir, "lmtp.sock")
log = open(os.path.join(u.dir, "log"), "w+")
proc = subprocess.Popen([act, "--accept", "--inetd", "-l", path,
                         "-E", "LMTP_HOSTNAME=mx.test",
                         mailtest.prog("lmtpd/lmtpd"), table],
                        stdout=log, stderr=log, start_new_session=True)
try:
    for _ in range(100):
        if os.path.exists(path):
            break
        time.sleep(0.05)

    class UnixRaw(Raw):
        def __init__(self):
            self.s = socket.socket(socket.AF_UNIX)
            self.s.settimeout(20)
            self.s.connect(path)
            self.buf = b""

    for n in (1, 2):
        c = UnixRaw()
        t.is_(c.reply(), ["220 mx.test LMTP ready"], f"connection {n}: "
              "greeting on the UNIX socket")
        c.send("LHLO local\r\nMAIL FROM:<s@y.org>\r\nRCPT TO:<alice@x.org>"
               "\r\nDATA\r\n")
        c.replies(4)
        c.send(f"Subject: unix {n}\r\n\r\nhi\r\n.\r\nQUIT\r\n")
        t.like(c.reply()[0], r"^250 2\.0\.0 <alice@x\.org> \S+ Saved$",
               f"connection {n}: saved")
        c.close()
    files = message_files(u.maildir("alice@x.org"))
    t.is_(len(files), 2, "two messages")
    hdr = split_headers(sorted(files.values())[0])[0].decode()
    t.like(hdr, r"Received: from local\n\tby mx\.test with LMTP\n",
           "no address literal for a UNIX socket client")
finally:
    os.killpg(proc.pid, signal.SIGTERM)
    proc.wait(10)
    log.close()
t.done()
