#!/usr/bin/env python3
"""STARTTLS and STLS through UCSPI-TLS (SSLCTLFD, SSLREADFD, SSLWRITEFD):
imap-login and pop3-login without a certificate of their own, under a
UCSPI-TLS server (tests/tools/ucspi-tls-server stands in for
sslserver -n and s6-tlsserver), hand the TLS fds to the mail process."""
import os
import signal
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import logintest as lt  # noqa: E402
import mailtest  # noqa: E402
from tap import TAP  # noqa: E402

t = TAP()
SERVER = os.path.join(lt.TOOLS, "ucspi-tls-server")


def start(proto):
    port = mailtest.free_port()
    cert, key = lt.cert()
    env = dict(os.environ, AUTH_DELAY="0")
    if mailtest.IS_ROOT:
        lt.ensure_login_user()
        env.update(LOGIN_USER=lt.LOGIN_USER, LOGIN_ROOT=lt.login_root())
    log = open(os.path.join(mailtest.tmpdir("ucspi"), "log"), "w+")
    p = subprocess.Popen([sys.executable, SERVER, cert, key, str(port),
                          mailtest.prog(f"login/{proto}-login"),
                          *lt.CHAIN], env=env, stdout=log, stderr=log,
                         start_new_session=True)
    if not mailtest.wait_port(port):
        raise SystemExit("Bail out! ucspi-tls-server did not start")
    return p, port, log


def stop(p):
    os.killpg(p.pid, signal.SIGTERM)
    p.wait()


p, port, log = start("imap")
try:
    c = lt.Client(port)
    g = c.line()
    t.like(g, r"STARTTLS.*LOGINDISABLED", "no certificate, but UCSPI-TLS: "
           "STARTTLS offered")
    t.like(c.cmd("a STARTTLS")[-1], r"^a OK", "STARTTLS")
    c.starttls()
    r = c.cmd("b CAPABILITY")
    t.ok("LOGINDISABLED" not in r[0] and "AUTH=PLAIN" in r[0],
         "after the UCSPI-TLS handshake: plaintext mechanisms allowed")
    c.send("c LOGIN alice@example.org secret\r\nd ENV\r\n")
    r = c.until("d OK")
    t.like(r[0], r"^c OK .*Logged in", "LOGIN over UCSPI-TLS")
    env = dict(x[6:].split("=", 1) for x in r if x.startswith("* ENV "))
    t.like(env.get("SSL_PROTOCOL", ""), r"^TLSv1\.[23]$",
           "SSL_PROTOCOL from the UCSPI-TLS server")
    t.ok("SSLCTLFD" not in env, "the control fd is not passed on")
    t.is_(c.cmd("e FOO"), ["* ECHO e FOO", "e OK FOO done"],
          "the mail process talks through SSLREADFD/SSLWRITEFD")
    c.close()
    log.seek(0)
    t.like(log.read(), r"tls proto=TLSv1\.\d cipher=\S+ via=ucspi-tls",
           "tls line logged")
finally:
    stop(p)

p, port, log = start("pop3")
try:
    c = lt.Client(port)
    c.line()
    t.ok("STLS" in c.cmd("CAPA", "."), "POP3: STLS offered")
    c.send("STLS\r\nUSER injected\r\n")
    t.like(c.line(), r"^\+OK", "STLS (with an injected command)")
    c.starttls()
    t.is_(c.cmd("PASS secret", "-"), ["-ERR USER first"],
          "the injected USER was discarded")
    c.cmd("USER alice@example.org", "+OK")
    t.like(c.cmd("PASS secret", "+OK")[-1], r"^\+OK stub", "POP3 login")
    c.close()
finally:
    stop(p)
with lt.server(tls=False, env={"SSL_PROTOCOL": "TLSv1.3",
                               "SSL_CIPHER": "TLS_AES_128_GCM_SHA256"}) as s:
    c = lt.Client(s.port)
    g = c.line()
    t.ok("LOGINDISABLED" not in g and "STARTTLS" not in g,
         "behind sslserver without -n (SSL_PROTOCOL set): TLS already on")
    c.close()
t.done()
