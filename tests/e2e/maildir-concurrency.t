#!/usr/bin/env python3
"""Several processes deliver, flag, expunge, refresh and reopen one folder
through shared/view.h at once (tests/tools/viewstress.c), while Dovecot's
own imap (if installed) opens the same folder again and again, moving new
files to cur/ and giving UIDs under the same lock.  Afterwards every
surviving message is present once, UIDs are unique and increasing in the
uidlist, no UID named two files (for us or for Dovecot), the last flags
set on each surviving message are on disk, and Dovecot agrees."""
import os
import re
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
import mailtest  # noqa: E402
import dovecotimap  # noqa: E402
from tap import TAP  # noqa: E402

NPROC = 4
SECONDS = int(os.environ.get("STRESS_SECONDS", "3"))

t = TAP()
tool = mailtest.prog("tests/tools/viewtool")
top = mailtest.tmpdir("conc")
d = mailtest.make_maildir(os.path.join(top, "Maildir"))
dc = dovecotimap.Dovecot(top, d) if dovecotimap.available() else None
kw = dc.popen_kw() if dc else {}

procs = [subprocess.Popen([tool, "stress", d, str(SECONDS), str(1000 + i)],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, **kw) for i in range(NPROC)]

dovecot_runs, dovecot_err, dovecot_seen = [0], [], []


def dovecot_loop():
    """Dovecot sessions until the stress processes end."""
    while any(p.poll() is None for p in procs):
        out, err = dc.session(["SELECT INBOX", "UID FETCH 1:* (UID "
                               "BODY.PEEK[HEADER.FIELDS (SUBJECT)])"])
        dovecot_runs[0] += 1
        dovecot_err.append(err)
        # A message expunged meanwhile comes back with an empty header.
        dovecot_seen.extend(m for m in re.findall(
            r"\* \d+ FETCH \(UID (\d+) BODY\[HEADER\.FIELDS \(SUBJECT\)\]"
            r" \{\d+\}\r\n(?:Subject: (P\d+N\d+))?", out) if m[1])
        time.sleep(0.05)


th = threading.Thread(target=dovecot_loop) if dc else None
if th:
    th.start()
outs = [p.communicate(timeout=120) for p in procs]
if th:
    th.join()
t.ok(all(p.returncode == 0 for p in procs), f"{NPROC} stress processes ran")
for o in outs:
    if o[1].strip():
        t.diag(o[1].strip()[:2000])

delivered, expunged, lastflags, token = set(), set(), {}, {}
uid_of, base_of, errors = {}, {}, []


def saw(uid, base, who):
    if base_of.setdefault(uid, base) != base:
        errors.append(f"{who}: uid {uid} named {base_of[uid]} and {base}")
    uid_of.setdefault(base, set()).add(uid)


for out, _ in outs:
    for line in out.splitlines():
        f = line.split()
        if f[0] == "deliver":
            delivered.add(f[1])
            token[f[2]] = f[1]
        elif f[0] == "expunge":
            expunged.add(f[1])
        elif f[0] == "flags":
            lastflags[f[1]] = "" if f[2] == "-" else f[2]
        elif f[0] == "seen":
            saw(int(f[1]), f[2], "us")
        elif f[0] == "error":
            errors.append(line)
for uid, tok in dovecot_seen:
    saw(int(uid), token.get(tok, tok), "Dovecot")
t.ok(len(delivered) > 20, f"messages delivered ({len(delivered)})")
t.ok(len(expunged) > 0, f"messages expunged ({len(expunged)})")
t.ok(len(lastflags) > 0, f"flag changes ({len(lastflags)})")
if dc:
    t.ok(dovecot_runs[0] > 0 and dovecot_seen,
         f"Dovecot sessions ran alongside ({dovecot_runs[0]} sessions, "
         f"{len(dovecot_seen)} UIDs seen)")
    bad = [e for e in dovecot_err if re.search(
        r"Error|Panic|Fatal|reappeared|[Dd]uplicate|[Cc]orrupt", e)]
    t.is_(bad[:3], [], "Dovecot logged no errors about the folder")
else:
    t.skip("Dovecot is not installed (dovecot-imapd)", 2)
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
                     check=True, **kw).stdout
uv, un, mine, listed = dovecotimap.parse_viewtool_list(out)
t.is_(set(listed), set(on_disk), "a fresh view lists every surviving file")
t.ok(all(bases.get(b, [None])[0] == u for b, u in listed.items()),
     "with the uidlist's UIDs")
if dc:
    duv, dun, theirs, err = dc.state()
    if not t.is_((duv, dun), (uv, un),
                 "Dovecot agrees on UIDVALIDITY and UIDNEXT"):
        t.diag(err[-4000:])
    t.is_(theirs, mine, "Dovecot agrees on every UID, flag and size")
else:
    t.skip("Dovecot is not installed (dovecot-imapd)", 2)
t.done()
