"""imaptest.py: drive imapd directly (pre-authenticated) for e2e tests.

    from imaptest import Imapd, imaplib_client
    d = Imapd(maildir)              # imapd on a socketpair, "* PREAUTH"
    lines = d.cmd("SELECT INBOX")  # list of response lines (bytes, no CRLF)
    d.send(b"a1 NOOP\\r\\n"); d.read_until(b"a1 ")
    d.close()
    M = imaplib_client(maildir)     # imaplib.IMAP4_stream on imapd

Literals in responses are kept inline: a line ending in {n} is followed
in the same list element by CRLF and the n bytes and the rest of the line.
"""
import imaplib
import os
import shlex
import socket
import subprocess

from mailtest import prog


def imapd_env(maildir, extra=None):
    e = dict(os.environ)
    e.pop("IMAPLOGINTAG", None)
    e.update({"MAILDIR": maildir, "USER": "tester"})
    e.update(extra or {})
    return e


class Imapd:
    def __init__(self, maildir, env=None, timeout=10, popen_kw=None):
        self.sock, child = socket.socketpair()
        self.proc = subprocess.Popen(
            [prog("imapd/imapd")], stdin=child, stdout=child,
            stderr=subprocess.PIPE, env=imapd_env(maildir, env),
            **(popen_kw or {}))
        child.close()
        self.sock.settimeout(timeout)
        self.buf = b""
        self.n = 0
        self.greeting = self.line()

    def send(self, data):
        self.sock.sendall(data)

    def _fill(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise EOFError("imapd closed the connection")
        self.buf += chunk

    def line(self):
        """One response line, literals included inline."""
        out = b""
        while True:
            while b"\r\n" not in self.buf:
                self._fill()
            ln, self.buf = self.buf.split(b"\r\n", 1)
            out += ln
            if ln.endswith(b"}") and b"{" in ln:
                n = int(ln[ln.rindex(b"{") + 1:-1])
                while len(self.buf) < n:
                    self._fill()
                out += b"\r\n" + self.buf[:n]
                self.buf = self.buf[n:]
                continue
            return out

    def read_until(self, tag):
        lines = []
        while True:
            ln = self.line()
            lines.append(ln)
            if ln.startswith(tag + b" ") or ln.startswith(b"+ "):
                return lines

    def cmd(self, text, tag=None):
        """Send one command (str or bytes), return all lines incl. tagged."""
        self.n += 1
        tag = tag or ("t%d" % self.n)
        if isinstance(text, str):
            text = text.encode()
        self.send(tag.encode() + b" " + text + b"\r\n")
        return self.read_until(tag.encode())

    def close(self):
        try:
            self.sock.close()
        finally:
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.stderr = self.proc.stderr.read().decode(errors="replace")
        self.proc.stderr.close()
        return self.proc.returncode


def imaplib_client(maildir, env=None):
    """imaplib talking to a pre-authenticated imapd over pipes."""
    e = imapd_env(maildir, env)
    cmd = "exec env " + " ".join(
        shlex.quote(f"{k}={e[k]}") for k in ("MAILDIR", "USER")) + \
        " " + shlex.quote(prog("imapd/imapd")) + " 2>/dev/null"
    return imaplib.IMAP4_stream(cmd)


def put_message(maildir, name, data, sub="new"):
    """Write a message file directly (as a delivery would)."""
    path = os.path.join(maildir, sub, name)
    with open(path, "wb") as f:
        f.write(data)
    return path
