#!/usr/bin/env python3
"""The same chain under systemd socket activation (Accept=yes, the
connection on fds 0 and 1, no tcpserver environment): systemd's
systemd-socket-activate --accept --inetd stands in for PID 1."""
import os
import shutil
import signal
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import logintest as lt  # noqa: E402
import mailtest  # noqa: E402
from tap import TAP  # noqa: E402

t = TAP()
if shutil.which("systemd-socket-activate") is None:
    t.skip_all("systemd-socket-activate not installed (package systemd)")

port = mailtest.free_port()
cert, key = lt.cert()
# systemd-socket-activate gives the service only the variables named
# with -E, like Environment= in a unit.
env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "TLS_CERT": cert,
       "TLS_KEY": key, "TLS": "implicit", "AUTH_DELAY": "0"}
if mailtest.IS_ROOT:
    lt.ensure_login_user()
    env.update(LOGIN_USER=lt.LOGIN_USER, LOGIN_ROOT=lt.login_root())
log = open(os.path.join(mailtest.tmpdir("sd"), "log"), "w+")
setenv = [f"-E{k}={v}" for k, v in env.items()]
p = subprocess.Popen(["systemd-socket-activate", "--accept", "--inetd",
                      "-l", f"127.0.0.1:{port}", *setenv,
                      mailtest.prog("login/imap-login"), *lt.CHAIN],
                     env=env, stdout=log, stderr=log,
                     start_new_session=True)
try:
    t.ok(mailtest.wait_port(port), "listening")
    c = lt.Client(port, implicit=True)
    t.like(c.line(), r"^\* OK \[CAPABILITY", "greeting over implicit TLS")
    r = c.cmd("a LOGIN alice@example.org secret")
    t.like(r[-1], r"^a OK .*Logged in", "login through the chain")
    r = c.cmd("b ENV")
    e = dict(x[6:].split("=", 1) for x in r if x.startswith("* ENV "))
    t.is_(e.get("TCPREMOTEIP"), "127.0.0.1",
          "TCPREMOTEIP read from the socket without tcpserver")
    t.is_(e.get("TCPLOCALPORT"), str(port), "TCPLOCALPORT from the socket")
    c.cmd("c LOGOUT", "* BYE")
    c.close()
finally:
    os.killpg(p.pid, signal.SIGTERM)
    p.wait()
t.done()
