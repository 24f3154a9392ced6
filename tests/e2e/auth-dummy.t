#!/usr/bin/env python3
"""The table's dummy hash: mkusers stores one in the scheme and cost most
users have, and checkpassword-cdb verifies unknown logins against it, so
"no such user" costs what "wrong password" costs (timing figures:
tests/bench/auth-timing.sh).  Which hash was verified is seen through the
LD_PRELOAD shim tests/tools/cryptspy.so, which logs crypt_r()'s setting."""
import fcntl
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from tap import TAP  # noqa: E402
import mailtest  # noqa: E402

t = TAP()
CP = mailtest.prog("login/checkpassword-cdb")
MK = mailtest.prog("login/mkusers")
MP = mailtest.prog("login/mailpw")
SPY = mailtest.prog("tests/tools/cryptspy.so")
d = mailtest.tmpdir("auth-dummy")
os.chmod(d, 0o777)
UID = 65534 if mailtest.IS_ROOT else os.getuid()
os.makedirs(os.path.join(d, "home"))
os.chown(os.path.join(d, "home"), UID, UID)
spylog = os.path.join(d, "spy.log")
table = os.path.join(d, "users.cdb")


def hashed(scheme, pw="right"):
    return subprocess.run([MP, "-s", scheme], input=pw + "\n", check=True,
                          capture_output=True, text=True).stdout.strip()


def make(schemes):
    """A table with one user per scheme (u0, u1, ...); mkusers -v output."""
    hashes = [hashed(s) if s else "" for s in schemes]
    with open(os.path.join(d, "users"), "w") as f:
        for i, h in enumerate(hashes):
            f.write(f"u{i}:{h}:{UID}:{UID}::{d}/home\n")
    r = subprocess.run([MK, "-v", os.path.join(d, "users"), table],
                       capture_output=True, text=True)
    return r.returncode, r.stdout, hashes


def settings(login, pw="wrong"):
    """crypt_r settings used for one login attempt; (rc, [settings])."""
    if os.path.exists(spylog):
        os.unlink(spylog)
    r0, w = os.pipe()
    r = fcntl.fcntl(r0, fcntl.F_DUPFD_CLOEXEC, 20)
    os.close(r0)
    os.write(w, login.encode() + b"\0" + pw.encode() + b"\0<x>\0")
    os.close(w)
    env = {"PATH": os.environ["PATH"], "LD_PRELOAD": SPY,
           "MAILDIR_CREATE": "1",
           "CRYPTSPY_FILE": spylog,
           "ASAN_OPTIONS": os.environ.get("ASAN_OPTIONS", "") +
           ":verify_asan_link_order=0"}
    p = subprocess.run([CP, table, "true"], env=env, close_fds=False,
                       preexec_fn=lambda: os.dup2(r, 3),
                       stdin=subprocess.DEVNULL, capture_output=True)
    os.close(r)
    try:
        with open(spylog) as f:
            return p.returncode, f.read().split()
    except FileNotFoundError:
        return p.returncode, []


def cost(h):
    """"$2b$05$", "$y$j9T$", "$6$": the setting without salt and hash."""
    if h.startswith("$2"):
        return h[:7]
    return h[:h.rstrip("$").rfind("$", 0, h.rfind("$")) + 1]


def crypt_part(stored):
    return stored[stored.index("}") + 1:]


# --- a BLF-CRYPT table: the dummy is BLF-CRYPT at the users' cost
rc, out, hashes = make(["BLF-CRYPT", "BLF-CRYPT", "SHA512-CRYPT"])
t.is_(rc, 0, "mkusers compiles a mixed table")
t.like(out, r"3 users, 0 aliases, dummy \{BLF-CRYPT\}\$2b\$\d\d\$\n",
       "mkusers -v names the dummy's scheme and cost: the most common")
lst = subprocess.run([MK, "-l", table], capture_output=True, text=True)
t.is_([ln.split(":")[0] for ln in lst.stdout.splitlines()],
      ["u0", "u1", "u2"], "mkusers -l lists the users, not the dummy")
t.is_(lst.returncode, 0, "mkusers -l exits 0")

rc, seen = settings("u0")
t.ok(rc == 1 and seen == [crypt_part(hashes[0])],
     "wrong password: verified against the user's own hash")
rc, seen = settings("nobody")
t.is_(rc, 1, "unknown login refused (exit 1)")
t.ok(len(seen) == 1 and seen[0].startswith("$2b$") and
     cost(seen[0]) == cost(crypt_part(hashes[0])),
     "unknown login: verified against a BLF-CRYPT hash of the same cost")
t.ok(seen and seen[0] not in [crypt_part(h) for h in hashes],
     "the dummy is no user's hash")
rc2, seen2 = settings("someone-else")
t.is_(seen2, seen, "every unknown login uses the same stored dummy")
rc, seen = settings("u0", "right")
t.is_(rc, 0, "the right password still logs in")

# --- the majority decides; the table replaced: the new dummy
rc, out, hashes = make(["YESCRYPT", "BLF-CRYPT", "YESCRYPT"])
t.like(out, r"dummy \{YESCRYPT\}\$y\$[^$]+\$\n", "YESCRYPT majority")
rc, seen = settings("nobody")
t.ok(rc == 1 and len(seen) == 1 and seen[0].startswith("$y$") and
     cost(seen[0]) == cost(crypt_part(hashes[0])),
     "unknown login: a YESCRYPT hash with the users' parameters")

# --- a PLAIN table: no crypt work for anyone
rc, out, hashes = make(["PLAIN", "PLAIN", "SHA512-CRYPT"])
t.like(out, r"dummy \{PLAIN\}\n", "PLAIN majority: a PLAIN dummy")
rc, seen = settings("nobody")
t.ok(rc == 1 and seen == [], "unknown login: no crypt(3) in a PLAIN table")

# --- no password at all: no dummy, the built-in SHA512-CRYPT one
rc, out, hashes = make(["", ""])
t.like(out, r"dummy none\n", "a table without passwords gets no dummy")
rc, seen = settings("nobody")
t.ok(rc == 1 and len(seen) == 1 and seen[0].startswith("$6$"),
     "unknown login then costs the built-in SHA512-CRYPT dummy")
rc, seen = settings("u0")
t.ok(rc == 1 and len(seen) == 1 and seen[0].startswith("$6$"),
     "so does a user without a password")

t.done()
