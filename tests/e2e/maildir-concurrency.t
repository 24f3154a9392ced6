#!/usr/bin/env python3
"""Several processes deliver, flag, expunge, refresh and reopen one folder
through shared/view.h at once (tests/tools/viewstress.c); afterwards every
surviving message is present once, UIDs are unique and increasing in the
uidlist, no UID named two files, and the last flags set on each surviving
message are on disk."""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
import mailtest  # noqa: E402
from tap import TAP  # noqa: E402

NPROC = 4
SECONDS = int(os.environ.get("STRESS_SECONDS", "3"))

t = TAP()
tool = mailtest.prog("tests/tools/viewtool")
d = mailtest.make_maildir(os.path.join(mailtest.tmpdir("conc"), "Maildir"))

procs = [subprocess.Popen([tool, "stress", d, str(SECONDS), str(1000 + i)],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True) for i in range(NPROC)]
outs = [p.communicate(timeout=120) for p in procs]
t.ok(all(p.returncode == 0 for p in procs), f"{NPROC} stress processes ran")
for o in outs:
    if o[1].strip():
        t.diag(o[1].strip()[:2000])

delivered, expunged, lastflags = set(), set(), {}
uid_of, base_of, errors = {}, {}, []
for out, _ in outs:
    for line in out.splitlines():
        f = line.split()
        if f[0] == "deliver":
            delivered.add(f[1])
        elif f[0] == "expunge":
            expunged.add(f[1])
        elif f[0] == "flags":
            lastflags[f[1]] = "" if f[2] == "-" else f[2]
        elif f[0] == "seen":
            uid, base = int(f[1]), f[2]
            if base_of.setdefault(uid, base) != base:
                errors.append(f"uid {uid} named {base_of[uid]} and {base}")
            uid_of.setdefault(base, set()).add(uid)
        elif f[0] == "error":
            errors.append(line)
t.ok(len(delivered) > 20, f"messages delivered ({len(delivered)})")
t.ok(len(expunged) > 0, f"messages expunged ({len(expunged)})")
t.ok(len(lastflags) > 0, f"flag changes ({len(lastflags)})")
t.is_(errors, [], "no UID named two files, no operation failed")
changed = {b: u for b, u in uid_of.items() if len(u) > 1}
t.is_(changed, {}, "no message changed its UID while it lived")

# Files on disk.
on_disk = {}
for sub in ("new", "cur"):
    for n in os.listdir(os.path.join(d, sub)):
        on_disk.setdefault(n.split(":")[0], []).append((sub, n))
t.is_({b: v for b, v in on_disk.items() if len(v) > 1}, {},
      "every message file present once")
t.is_(set(on_disk), delivered - expunged,
      "exactly the delivered, not expunged messages survive")
bad = []
for b, files in on_disk.items():
    name = files[0][1]
    info = name.split(":2,")[1] if ":2," in name else ""
    want = lastflags.get(b, "")
    if "".join(c for c in info if c.isupper()) != want:
        bad.append((name, want))
t.is_(bad, [], "last flags set on each surviving message are on disk")

# The uidlist: header, unique strictly increasing UIDs, one line per base.
lines = open(os.path.join(d, "dovecot-uidlist")).read().split("\n")
t.like(lines[0], r"^3 V\d+ N\d+", "uidlist header v3")
uids, bases, ok_order = [], {}, True
for ln in lines[1:]:
    if not ln:
        continue
    m = re.match(r"^(\d+)(?: [^:]*)? :(.*)$", ln)
    if not m:
        ok_order = False
        continue
    u, b = int(m.group(1)), m.group(2).split(":")[0]
    if uids and u <= uids[-1]:
        ok_order = False
    uids.append(u)
    bases.setdefault(b, []).append(u)
t.ok(ok_order, f"uidlist UIDs strictly increasing ({len(uids)} lines)")
t.is_({b: u for b, u in bases.items() if len(u) > 1}, {},
      "no base name twice in the uidlist")
mism = [b for b in on_disk if b in base_of.values() and
        bases.get(b, [None])[0] not in uid_of.get(b, {None})]
t.is_(mism, [], "uidlist agrees with the UIDs the processes saw")

# A fresh view (no cache) agrees with the disk and the uidlist.
os.unlink(os.path.join(d, "maildir-view.cache"))
out = subprocess.run([tool, "list", d], capture_output=True, text=True,
                     check=True).stdout.splitlines()
listed = {ln.split()[-1]: int(ln.split()[0]) for ln in out[3:]}
t.is_(set(listed), set(on_disk), "a fresh view lists every surviving file")
t.ok(all(bases.get(b, [None])[0] == u for b, u in listed.items()),
     "with the uidlist's UIDs")
t.done()
