"""logintest.py: fixtures for the imap-login / pop3-login e2e tests.

The chain under test is the real one, under tcpserver on a free loopback
port:  imap-login tests/tools/checkpassword-test tests/tools/login-stub
(the stub stands in for imapd/pop3d and follows the handoff contract of
imap-login(8)).  As root, privilege separation is on: a LOGIN_USER
(maillogin) is created when missing and LOGIN_ROOT is an empty directory.
"""
import os
import socket
import ssl
import subprocess
import sys
import time

import mailtest

TOOLS = os.path.join(mailtest.SRC, "tests", "tools")
CHECKPW = os.path.join(TOOLS, "checkpassword-test")
STUB = os.path.join(TOOLS, "login-stub")
LOGIN_USER = "maillogin"
# The tools run by the real interpreter, not through "#!/usr/bin/env":
# a version-manager shim there costs far more than the login itself.
PY = [sys.executable, "-S"]
CHAIN = [*PY, CHECKPW, *PY, STUB]

_cert = None
_root = None


def cert():
    """(cert.pem, key.pem) of a fresh self-signed EC certificate."""
    global _cert
    if _cert is None:
        d = mailtest.tmpdir("cert")
        c, k = os.path.join(d, "cert.pem"), os.path.join(d, "key.pem")
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
             "ec_paramgen_curve:P-256", "-nodes", "-keyout", k, "-out", c,
             "-days", "2", "-subj", "/CN=localhost"],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.chmod(k, 0o600)
        _cert = (c, k)
    return _cert


def ensure_login_user():
    """As root, make sure LOGIN_USER exists; returns its uid or None."""
    import pwd
    if not mailtest.IS_ROOT:
        return None
    try:
        return pwd.getpwnam(LOGIN_USER).pw_uid
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home",
                        "--home-dir", "/nonexistent", "--shell",
                        "/usr/sbin/nologin", LOGIN_USER], check=True)
        return pwd.getpwnam(LOGIN_USER).pw_uid


def login_root():
    global _root
    if _root is None:
        _root = mailtest.tmpdir("empty")
        os.chmod(_root, 0o755)
    return _root


def server(proto="imap", tls=True, implicit=False, env=None, argv=None,
           tcpserver_opts=("-HRl0",)):
    """Start <proto>-login under tcpserver; returns a mailtest.Server."""
    e = {"AUTH_DELAY": "0", "LOGIN_TIMEOUT": "10",
         "AUTH_MECHS": "PLAIN LOGIN CRAM-MD5"}
    if tls:
        c, k = cert()
        e.update(TLS_CERT=c, TLS_KEY=k)
    if implicit:
        e["TLS"] = "implicit"
    if mailtest.IS_ROOT:
        ensure_login_user()
        e.update(LOGIN_USER=LOGIN_USER, LOGIN_ROOT=login_root())
    e.update(env or {})
    prog = mailtest.prog(f"login/{proto}-login")
    return mailtest.Server([prog, *CHAIN] if argv is None
                           else [prog, *argv], env=e,
                           tcpserver_opts=tcpserver_opts)


def tls_context():
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


class Client:
    """A line-oriented raw client: send bytes, read CRLF lines."""

    def __init__(self, port, implicit=False, timeout=10):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout)
        if implicit:
            self.sock = tls_context().wrap_socket(self.sock)
        self.buf = b""

    def send(self, data):
        self.sock.sendall(data.encode() if isinstance(data, str) else data)

    def line(self):
        while b"\n" not in self.buf:
            d = self.sock.recv(65536)
            if not d:
                if self.buf:
                    line, self.buf = self.buf, b""
                    return line.decode("utf-8", "replace")
                return None
            self.buf += d
        line, self.buf = self.buf.split(b"\n", 1)
        return line.rstrip(b"\r").decode("utf-8", "replace")

    def until(self, prefix):
        """Lines up to and including the first starting with prefix."""
        out = []
        while True:
            line = self.line()
            if line is None:
                return out
            out.append(line)
            if line.startswith(prefix):
                return out

    def cmd(self, text, prefix=None):
        self.send(text + "\r\n")
        return self.until(prefix or text.split()[0] + " ")

    def starttls(self):
        self.sock = tls_context().wrap_socket(self.sock)
        self.buf = b""

    def eof(self, timeout=5):
        """True if the server closes without sending anything more."""
        self.sock.settimeout(timeout)
        try:
            return self.line() is None
        except (OSError, ssl.SSLError):
            return True

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


def wait_log(srv, regex, timeout=3.0):
    import re
    end = time.time() + timeout
    while time.time() < end:
        if re.search(regex, srv.log()):
            return True
        time.sleep(0.05)
    return False
