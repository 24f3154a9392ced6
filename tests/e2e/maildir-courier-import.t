#!/usr/bin/env python3
"""A folder with Courier's courierimapuiddb and courierimapkeywords/ and no
dovecot-uidlist is imported on first open: same UIDVALIDITY, UIDs and
UIDNEXT, keyword names in dovecot-keywords, keyword letters in the file
names; flags kept; a second open changes nothing."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
import mailtest  # noqa: E402
from tap import TAP  # noqa: E402

t = TAP()
tool = mailtest.prog("tests/tools/viewtool")
root = mailtest.make_maildir(os.path.join(mailtest.tmpdir("courier"),
                                          "Maildir"), folders=("Sub",))


def put(d, sub, name, body=b"Subject: x\n\nbody\n"):
    with open(os.path.join(d, sub, name), "wb") as f:
        f.write(body)


def listing(d):
    out = subprocess.run([tool, "list", d], capture_output=True, text=True,
                         check=True).stdout.splitlines()
    head = {ln.split()[0]: ln.split()[1:] for ln in out[:3]}
    msgs = {}
    for ln in out[3:]:
        uid, flags, kws, size, vsize, date, base = ln.split()
        msgs[base] = (int(uid), flags, kws)
    return head, msgs


# INBOX: version 1 ("uid name"), Courier-style names.
names = ["1100000001.M1P100V0000000000000801I00000001_0.mx,S=20",
         "1100000002.M2P100V0000000000000801I00000002_0.mx,S=20",
         "1100000003.M3P100V0000000000000801I00000003_0.mx,S=20",
         "1100000004.M4P100V0000000000000801I00000004_0.mx,S=20"]
put(root, "cur", names[0] + ":2,S")
put(root, "cur", names[1] + ":2,RS")
put(root, "cur", names[2] + ":2,")
put(root, "new", names[3])
with open(os.path.join(root, "courierimapuiddb"), "w") as f:
    f.write("1 1099999999 57\n")
    f.write(f"7 {names[0]}\n12 {names[1]}\n30 {names[2]}\n41 {names[3]}\n")
    f.write("45 1100000009.M9P1_0.mx,S=20\n")    # expunged since
kw = os.path.join(root, "courierimapkeywords")
os.mkdir(kw)
with open(os.path.join(kw, ":list"), "w") as f:
    f.write("$Junk\nProject X\nWork\n\n")
    f.write(f"{names[0]}:0 2\n{names[1]}:1\n{names[2]}:2\n")
with open(os.path.join(kw, names[2]), "w") as f:          # newest: wins
    f.write("$Junk\n")
with open(os.path.join(kw, "." + "5." + names[1]), "w") as f:
    f.write("Work\nLater\n")

head, msgs = listing(root)
t.is_(head["uidvalidity"], ["1099999999"], "UIDVALIDITY imported")
t.is_(head["uidnext"], ["57"], "UIDNEXT imported")
t.is_({b: m[0] for b, m in msgs.items()},
      {names[0]: 7, names[1]: 12, names[2]: 30, names[3]: 41},
      "UIDs imported")
t.is_(msgs[names[0]][1:], ("S", "$Junk,Work"), "flags and :list keywords")
t.is_(msgs[names[1]][1:], ("RS", "Work,Later"), ".N.file update applied")
t.is_(msgs[names[2]][1:], ("-", "$Junk"), "plain update file wins")
t.is_(msgs[names[3]][1:], ("-", "-"), "message without keywords")
kwfile = open(os.path.join(root, "dovecot-keywords")).read()
t.ok(kwfile.startswith("0 $Junk\n") and "Work" in kwfile and
     "Later" in kwfile, "dovecot-keywords written")
t.ok("Project X" not in kwfile, "a name that is not an IMAP atom is dropped")
ul = open(os.path.join(root, "dovecot-uidlist")).read().splitlines()
t.like(ul[0], r"^3 V1099999999 N57 G[0-9a-f]{32}$", "uidlist header")
t.ok(any(ln.startswith("41 ") and names[3] in ln for ln in ul[1:]),
     "uidlist record for the new/ message")
on_disk = sorted(os.listdir(os.path.join(root, "cur")))
t.ok(names[0] + ":2,Sab" in on_disk, "letters in file name")
head2, msgs2 = listing(root)
t.is_((head2, msgs2), (head, msgs), "second open: the same")
t.ok(os.path.exists(os.path.join(root, "courierimapuiddb")),
     "Courier's files left in place")

# A folder with the "name uid" line order; a new message gets UIDNEXT.
sub = os.path.join(root, ".Sub")
put(sub, "cur", "1200000001.M1P1_0.mx:2,F")
put(sub, "cur", "1200000002.M2P1_0.mx:2,")
with open(os.path.join(sub, "courierimapuiddb"), "w") as f:
    f.write("2 1200000000 9\n1200000001.M1P1_0.mx 3\n"
            "1200000002.M2P1_0.mx 8\n")
head, msgs = listing(sub)
t.is_((head["uidvalidity"], msgs["1200000001.M1P1_0.mx"][:2],
       msgs["1200000002.M2P1_0.mx"][0]), (["1200000000"], (3, "F"), 8),
      "version 2 order imported")
put(sub, "new", "1200000003.M3P1_0.mx")
head, msgs = listing(sub)
t.is_(msgs["1200000003.M3P1_0.mx"][0], 9, "next message gets UIDNEXT 9")
t.done()
