#!/usr/bin/env python3
"""Privilege separation (as root): the process that parses client bytes
runs as LOGIN_USER, chrooted into LOGIN_ROOT, with no_new_privs, cannot
open the key file and never had the key in its memory; the TLS process
is unprivileged and chrooted too; the root part stays root."""
import os
import pwd
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import logintest as lt  # noqa: E402
import mailtest  # noqa: E402
from tap import TAP  # noqa: E402

t = TAP()
if not mailtest.IS_ROOT:
    t.skip_all("privilege separation needs root")


def children(pid):
    out = []
    for p in os.listdir("/proc"):
        if not p.isdigit():
            continue
        try:
            with open(f"/proc/{p}/stat") as f:
                st = f.read()
        except OSError:
            continue
        if int(st.rsplit(")", 1)[1].split()[1]) == pid:
            out.append(int(p))
    return sorted(out)


def status(pid):
    with open(f"/proc/{pid}/status") as f:
        return dict(line.rstrip("\n").split(":\t", 1) for line in f
                    if ":\t" in line)


def memory_has(pid, needle):
    found = False
    with open(f"/proc/{pid}/maps") as maps, \
            open(f"/proc/{pid}/mem", "rb", 0) as mem:
        for line in maps:
            m = re.match(r"([0-9a-f]+)-([0-9a-f]+) r", line)
            if not m or "[vvar]" in line or "[vsyscall]" in line:
                continue
            lo, hi = int(m.group(1), 16), int(m.group(2), 16)
            if hi - lo > 256 << 20:     # ASan shadow memory
                continue
            try:
                mem.seek(lo)
                if needle in mem.read(hi - lo):
                    found = True
            except (OSError, MemoryError):
                pass
    return found


def cannot_open_as(uid, gid, path):
    pid = os.fork()
    if pid == 0:
        os.setgroups([])
        os.setgid(gid)
        os.setuid(uid)
        try:
            open(path).close()
            os._exit(0)
        except OSError:
            os._exit(1)
    return os.waitpid(pid, 0)[1] != 0


def unpriv_checks(pid, uid, gid, what):
    st = status(pid)
    t.is_(st["Uid"].split(), [str(uid)] * 4, f"{what}: all uids {uid}")
    t.is_(st["Gid"].split(), [str(gid)] * 4, f"{what}: all gids {gid}")
    t.is_(st.get("Groups", "").split(), [str(gid)], f"{what}: groups")
    t.is_(os.readlink(f"/proc/{pid}/root"), lt.login_root(),
          f"{what}: chrooted into LOGIN_ROOT")
    t.is_(st.get("NoNewPrivs"), "1", f"{what}: no_new_privs")


uid = lt.ensure_login_user()
gid = pwd.getpwuid(uid).pw_gid
cert, key = lt.cert()


def private_scalar(path):
    """The EC private key as OpenSSL keeps it in a BIGNUM: little-endian."""
    out = subprocess.run(["openssl", "pkey", "-in", path, "-text",
                          "-noout"], capture_output=True, text=True).stdout
    m = re.search(r"priv:\s*((?:[0-9a-f]{2}:?\s*)+)pub:", out)
    hexs = re.sub(r"[^0-9a-f]", "", m.group(1))
    return bytes.fromhex(hexs[-64:])[::-1]


key_line = private_scalar(key)

with lt.server() as srv:
    c = lt.Client(srv.port)
    t.like(c.line(), r"^\* OK", "connected (plaintext, STARTTLS offered)")
    # The readiness probe of mailtest.Server may still be winding down.
    for _ in range(100):
        monitor = [m for m in children(srv.proc.pid) if children(m)]
        if len(monitor) == 1 and len(children(srv.proc.pid)) == 1:
            break
        time.sleep(0.05)
    t.is_(len(monitor), 1, "one root part per connection")
    mon = monitor[0]
    t.is_(status(mon)["Uid"].split()[0], "0", "the root part is root")
    kids = children(mon)
    t.is_(len(kids), 1, "one protocol process before TLS")
    proto = kids[0]
    unpriv_checks(proto, uid, gid, "protocol process")
    t.ok(cannot_open_as(uid, gid, key), "LOGIN_USER cannot open the key file")
    t.ok(not os.path.exists(os.path.join(lt.login_root(),
                                         key.lstrip("/"))),
         "the key path does not exist inside the chroot")
    t.ok(memory_has(mon, key_line), "the root part holds the key (sanity)")
    t.ok(not memory_has(proto, key_line),
         "the protocol process never had the key in its memory")
    c.cmd("a STARTTLS")
    c.starttls()
    c.cmd("b NOOP")
    kids = children(mon)
    t.is_(len(kids), 2, "after STARTTLS: protocol and TLS processes")
    tlsp = [k for k in kids if k != proto]
    unpriv_checks(tlsp[0], uid, gid, "TLS process")
    c.cmd("c LOGIN alice@example.org secret")
    for _ in range(100):
        if proto not in children(mon):
            break
        time.sleep(0.02)
    t.ok(proto not in children(mon),
         "after login the protocol process is gone")
    c.close()
t.done()
