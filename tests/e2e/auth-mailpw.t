#!/usr/bin/env python3
"""mailpw: hashes from a pipe and a terminal, -t checks, and Dovecot's
doveadm pw agreeing in both directions (skipped without doveadm)."""
import os
import pty
import select
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from tap import TAP  # noqa: E402
import mailtest  # noqa: E402

t = TAP()
MP = mailtest.prog("login/mailpw")
SCHEMES = ["SHA512-CRYPT", "SHA256-CRYPT", "BLF-CRYPT", "YESCRYPT",
           "CRAM-MD5", "PLAIN"]
PW = "correct horse"


def mailpw(args, stdin):
    return subprocess.run([MP, *args], input=stdin, capture_output=True,
                          text=True)


hashes = {}
for s in SCHEMES:
    r = mailpw(["-s", s], PW + "\n")
    h = r.stdout.strip()
    hashes[s] = h
    t.ok(r.returncode == 0 and h.startswith("{" + s + "}"),
         f"{s}: hash from a pipe")
    t.is_(mailpw(["-t", h], PW + "\n").returncode, 0, f"{s}: -t matches")
    t.is_(mailpw(["-t", h], PW + "x\n").returncode, 1, f"{s}: -t mismatch")
r = mailpw([], PW + "\n")
t.ok(r.stdout.startswith("{SHA512-CRYPT}$6$"), "default SHA512-CRYPT")
t.ok(mailpw([], PW + "\n").stdout != r.stdout, "fresh salt each time")
t.ok(mailpw(["-r", "9000"], PW + "\n").stdout.startswith(
    "{SHA512-CRYPT}$6$rounds=9000$"), "-r rounds")
t.is_(mailpw(["-s", "PLAIN"], PW + "\r\n").stdout, "{PLAIN}" + PW + "\n",
      "CR LF stripped")
t.is_(mailpw(["-s", "CRAM-MD5"], "test\n").stdout,
      "{CRAM-MD5}e02d374fde0dc75a17a557039a3a5338c7743304777dccd376f332bee6"
      "8d2cf6\n", "CRAM-MD5 as doveadm pw stores it")
t.is_(mailpw(["-s", "MD4"], PW + "\n").returncode, 2, "unknown scheme: 2")
t.is_(mailpw([], "\n").returncode, 1, "empty password refused")
t.is_(mailpw([], "x" * 300 + "\n").returncode, 111, "overlong refused")
t.is_(mailpw(["-t", "nohash"], PW + "\n").returncode, 2, "-t bad hash: 2")
t.is_(mailpw(["extra"], "").returncode, 2, "usage: 2")


def on_tty(args, answers, timeout=20):
    """Run mailpw on a pty, answer each prompt; (rc, output)."""
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(MP, [MP, *args])
    out, deadline = b"", time.time() + timeout

    def read_some(wait=0.2):
        nonlocal out
        if not select.select([fd], [], [], wait)[0]:
            return False
        try:
            chunk = os.read(fd, 1024)
        except OSError:
            return False
        out += chunk
        return bool(chunk)

    for a in answers:
        while not out.endswith(b"assword: ") and time.time() < deadline:
            read_some()
        os.write(fd, a.encode() + b"\n")
        out += b"\n"
    status = None
    while status is None and time.time() < deadline:
        done, st = os.waitpid(pid, os.WNOHANG)
        if done:
            status = st
        read_some(0.05)
    if status is None:
        os.kill(pid, 9)
        _, status = os.waitpid(pid, 0)
    while read_some(0):
        pass
    os.close(fd)
    return os.waitstatus_to_exitcode(status), out.decode(errors="replace")


rc, out = on_tty(["-s", "PLAIN"], ["typed pw", "typed pw"])
t.ok(rc == 0 and "Retype password:" in out and "{PLAIN}typed pw" in out,
     "terminal: asks twice")
t.ok(out.count("typed pw") == 1, "terminal: no echo")
rc, out = on_tty([], ["one", "two"])
t.ok(rc == 1 and "do not match" in out, "terminal: mismatch refused")

doveadm = shutil.which("doveadm")
if doveadm is None:
    t.skip("doveadm not installed: no interop check", 9)
else:
    for s in ["SHA512-CRYPT", "SHA256-CRYPT", "BLF-CRYPT", "CRAM-MD5",
              "PLAIN"]:
        r = subprocess.run([doveadm, "pw", "-t", hashes[s], "-p", PW],
                           capture_output=True, text=True)
        t.is_(r.returncode, 0, f"doveadm pw -t verifies our {s}")
    for s in ["SHA512-CRYPT", "SHA256-CRYPT", "BLF-CRYPT", "CRAM-MD5"]:
        r = subprocess.run([doveadm, "pw", "-s", s, "-p", PW],
                           capture_output=True, text=True)
        t.is_(mailpw(["-t", r.stdout.strip()], PW + "\n").returncode, 0,
              f"we verify doveadm's {s}")
t.done()
