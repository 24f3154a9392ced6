#!/usr/bin/env python3
"""Folders and subscriptions shared with Dovecot: Dovecot's own imap
binary (private config, Maildir++ layout, separator ".", empty prefix)
and shared/folder.h (through tests/tools/foldertool) work on one Maildir
and each sees exactly the folders, attributes and subscriptions the
other made, including Dovecot 2.3's versioned subscriptions file."""
import os
import pwd
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
import mailtest  # noqa: E402
from tap import TAP  # noqa: E402

t = TAP()
IMAP = "/usr/lib/dovecot/imap"
if not os.access(IMAP, os.X_OK):
    t.skip_all("dovecot-imapd not installed (scripts/install-deps interop)")
tool = mailtest.prog("tests/tools/foldertool")
top = mailtest.tmpdir("fdove")
home = os.path.join(top, "home")
root = os.path.join(home, "Maildir")
os.makedirs(home)

# Dovecot refuses to run mail processes as root: as root, run it (and
# foldertool) as nobody; otherwise as ourselves.
if mailtest.IS_ROOT:
    pw = pwd.getpwnam("nobody")
    uid, gid = pw.pw_uid, pw.pw_gid
    for d in (top, home):
        os.chown(d, uid, gid)
    prefix = ["setpriv", f"--reuid={uid}", f"--regid={gid}", "--clear-groups"]
else:
    uid, gid = os.getuid(), os.getgid()
    prefix = []

conf = os.path.join(top, "dovecot.conf")
with open(conf, "w") as f:
    f.write(f"""base_dir = {top}/run
state_dir = {top}/state
log_path = /dev/stderr
ssl = no
mail_location = maildir:{root}
namespace inbox {{
  inbox = yes
  separator = .
  prefix =
}}
""")


def dovecot(*cmds):
    """Run IMAP commands in a PREAUTH Dovecot session; tagged lines out."""
    text = "".join(f"t{i} {c}\r\n" for i, c in enumerate(cmds))
    text += "z LOGOUT\r\n"
    env = {"USER": "u", "HOME": home, "PATH": "/usr/bin:/bin"}
    p = subprocess.run(prefix + [IMAP, "-c", conf,
                                 "-o", f"mail_uid={uid}",
                                 "-o", f"mail_gid={gid}",
                                 "-o", "first_valid_uid=1",
                                 "-o", "first_valid_gid=1"],
                       input=text, capture_output=True, text=True, env=env,
                       timeout=60)
    return p.stdout.replace("\r", "").splitlines()


def dovecot_list(cmd='LIST "" "*"'):
    """{name: set(attributes)} from Dovecot's LIST/LSUB."""
    out = {}
    for line in dovecot(cmd):
        if line.startswith("* LIST ") or line.startswith("* LSUB "):
            attrs, rest = line[8:].split(") ", 1)
            name = rest.split(" ", 1)[1].strip('"')
            out[name] = set(attrs.split())
    return out


def ours(*args):
    p = subprocess.run(prefix + [tool, root] + list(args),
                       capture_output=True, text=True, timeout=30)
    return p.returncode, p.stdout, p.stderr


def our_list():
    rc, out, err = ours("list")
    res = {}
    for line in out.splitlines():
        name, attrs = line.split("\t")
        res[name] = set(attrs.split())
    return res


# 1. Dovecot makes folders and subscriptions; we read them.
replies = dovecot("CREATE Lists.debian", "CREATE Sent",
                  'CREATE "Entw&APw-rfe"', 'CREATE "a&-b"',
                  "CREATE inbox.todo", 'CREATE "Star*"',
                  "SUBSCRIBE INBOX", "SUBSCRIBE Lists.debian",
                  'SUBSCRIBE "Entw&APw-rfe"')
t.is_(sum(1 for r in replies if r.startswith("t") and " OK " in r), 9,
      "Dovecot created 6 folders and 3 subscriptions")
with open(os.path.join(root, "subscriptions")) as f:
    t.like(f.read(), r"^V\t2\n", "Dovecot wrote its versioned format")
dv = dovecot_list()
mine = our_list()
t.is_(sorted(mine), sorted(dv), "we list exactly Dovecot's folders")
t.is_(mine, dv, "with the same attributes")
t.ok("\\Noselect" in mine.get("Lists", set()), "Lists is \\Noselect")
rc, out, err = ours("subs")
t.is_(sorted(out.split()), ["Entw&APw-rfe", "INBOX", "Lists.debian"],
      "we read Dovecot's v2 subscriptions")

# 2. We make, rename and delete; Dovecot sees the result.
rc1 = ours("create", "Archiv.2025")[0]
rc2 = ours("create", "&ZeVnLIqe-")[0]
rc3 = ours("rename", "Lists", "Old.Lists")[0]
rc4 = ours("delete", "Sent")[0]
rc5 = ours("subscribe", "Archiv.2025")[0]
t.is_([rc1, rc2, rc3, rc4, rc5], [0] * 5,
      "create, create, rename with children, delete, subscribe")
dv = dovecot_list()
mine = our_list()
t.is_(mine, dv, "Dovecot lists what we made, same attributes")
for name in ("Archiv.2025", "&ZeVnLIqe-", "Old.Lists.debian"):
    t.ok(name in dv and "\\Noselect" not in dv[name],
         f"Dovecot sees {name} as selectable")
t.ok("Sent" not in dv and "Lists.debian" not in dv,
     "Dovecot no longer sees Sent or Lists.debian")
sel = dovecot('SELECT "&ZeVnLIqe-"', "SELECT Archiv.2025")
t.is_([r.split()[1] for r in sel if r.startswith("t")], ["OK", "OK"],
      "Dovecot selects our folders")
lsub = dovecot_list('LSUB "" "*"')
t.ok({"INBOX", "Lists.debian", "Entw&APw-rfe",
      "Archiv.2025"} <= set(lsub), "Dovecot reads our plain subscriptions")

# 3. Names Dovecot refuses, we refuse too.
for bad in ("a..b", "a/b", "&AGE-", ".x"):
    rc, out, err = ours("create", bad)
    dvr = [r for r in dovecot(f'CREATE "{bad}"') if r.startswith("t0 ")]
    t.ok(rc == 1 and dvr and dvr[0].startswith("t0 NO"),
         f"both refuse {bad!r}: {err.strip()}")
t.done()
