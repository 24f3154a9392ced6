#!/usr/bin/env python3
"""pop3d: concurrent sessions (lock-free by default): two sessions
deleting the same mail, an IMAP-like flag rename during RETR, deliveries
during a session, and the optional POP3_LOCK_SESSION."""
import os
import subprocess
import sys
import threading
import time
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import mailtest
from pop3test import Direct, put_msg, wire
from tap import TAP

t = TAP()
md = mailtest.make_maildir(os.path.join(mailtest.tmpdir("pop3conc"), "Maildir"))
msgs = [b"Subject: %d\n\n%s" % (i, b"x" * i * 50) for i in range(1, 21)]
names = [put_msg(md, m) for m in msgs]

# Two sessions see the same maildrop; both delete everything.
a = Direct(md)
b = Direct(md)
a.line()
b.line()
ua = a.cmd(b"STAT")
t.is_(b.cmd(b"STAT"), ua, "two sessions see the same maildrop")
a.send(b"UIDL\r\n")
a.line()
uidl_a = a.multi()
b.send(b"UIDL\r\n")
b.line()
t.is_(b.multi(), uidl_a, "with the same UIDLs")
for i in range(1, 21):
    a.cmd(b"DELE %d" % i)
    b.cmd(b"DELE %d" % i)
t.is_(a.cmd(b"QUIT"), b"+OK Logging out\r\n", "first QUIT deletes")
t.is_(mailtest.maildir_files(md), [], "all gone")
t.is_(b.cmd(b"QUIT"), b"+OK Logging out\r\n",
      "second QUIT: already deleted, no error")
t.is_((a.close(quit=False), b.close(quit=False)), (0, 0), "both exit 0")
t.ok("update-fail" not in a.log() + b.log(), "no failures logged")

# An IMAP-like flag rename between LIST and RETR, and during a session
# that also RETRs: the message is followed, its content is right.
names = [put_msg(md, m) for m in msgs[:3]]
d = Direct(md)
d.line()
d.cmd(b"LIST")
d.multi()
os.rename(os.path.join(md, "new", names[1]),
          os.path.join(md, "cur", names[1] + ":2,F"))
t.is_(d.cmd(b"RETR 2"), b"+OK %d octets\r\n" % len(wire(msgs[1])),
      "RETR after someone renamed the file")
t.is_(d.multi(), wire(msgs[1]), "content right")
os.rename(os.path.join(md, "cur", names[1] + ":2,F"),
          os.path.join(md, "cur", names[1] + ":2,FT"))
d.cmd(b"QUIT")
d.close(quit=False)
t.is_(sorted(os.listdir(os.path.join(md, "cur"))),
      [names[1] + ":2,FST"], "flags of both writers kept")

# Deliveries during a session: not in this session's maildrop, untouched
# by its QUIT, there next time.
for f in mailtest.maildir_files(md):
    os.unlink(os.path.join(md, f))
first = [put_msg(md, m) for m in msgs[:5]]
d = Direct(md)
d.line()
stat = d.cmd(b"STAT")
stop = threading.Event()
late = []


DELIVER = os.path.join(mailtest.BUILD, "deliver/deliver")


def deliver():
    """The real deliver program when built (else plain file writes)."""
    i = 0
    while not stop.is_set() and i < 40:
        msg = b"Subject: late %d\n\nlate\n" % i
        if os.access(DELIVER, os.X_OK):
            subprocess.run([DELIVER, md], input=msg, check=True,
                           stderr=subprocess.DEVNULL)
        else:
            put_msg(md, msg)
        late.append(i)
        i += 1


th = threading.Thread(target=deliver)
th.start()
for i in range(1, 6):
    d.cmd(b"RETR %d" % i)
    d.multi()
    d.cmd(b"DELE %d" % i)
while len(late) < 10 and th.is_alive():
    time.sleep(0.01)
t.is_(d.cmd(b"STAT"), b"+OK 0 0\r\n", "deliveries during the session not seen")
stop.set()
th.join()
t.is_(d.cmd(b"QUIT"), b"+OK Logging out\r\n", "QUIT")
d.close(quit=False)
left = mailtest.maildir_files(md)
subjects = sorted(open(os.path.join(md, f), "rb").read().split(b"\n")[0]
                  for f in left if b"late" in open(os.path.join(md, f),
                                                  "rb").read())
t.is_((len(left), len(subjects)), (len(late), len(late)),
      f"all {len(late)} late deliveries kept, the 5 deleted")
d = Direct(md)
d.line()
t.like(d.cmd(b"STAT").decode(), r"^\+OK %d " % len(late),
       "next session sees them")
d.send(b"UIDL\r\n")
d.line()
u = d.multi().split(b"\r\n")[:-1]
t.is_(len(set(x.split()[1] for x in u)), len(late), "with distinct UIDLs")
d.close()

# Many sessions at once, each deleting one message by UIDL: exactly the
# chosen ones go, whatever the interleaving.
for f in mailtest.maildir_files(md):
    os.unlink(os.path.join(md, f))
for m in msgs:
    put_msg(md, m)
sessions = [Direct(md) for _ in range(6)]
for s in sessions:
    s.line()
for k, s in enumerate(sessions):
    s.cmd(b"DELE %d" % (k + 1))
    s.cmd(b"DELE %d" % (k + 2))     # overlaps with the next session
results = []


def quit_(s):
    results.append(s.cmd(b"QUIT"))


ths = [threading.Thread(target=quit_, args=(s,)) for s in sessions]
for th in ths:
    th.start()
for th in ths:
    th.join()
t.is_(results, [b"+OK Logging out\r\n"] * 6, "six concurrent QUITs succeed")
t.is_(len(mailtest.maildir_files(md)), 20 - 7, "exactly 7 messages removed")
for s in sessions:
    s.close(quit=False)

# POP3_LOCK_SESSION: one session at a time.
env = {"POP3_LOCK_SESSION": "1"}
a = Direct(md, env=env)
t.is_(a.line(), b"+OK Logged in.\r\n", "first locked session")
b = Direct(md, env=env)
t.is_(b.line(), b"-ERR [IN-USE] Mailbox is locked by another POP3 session\r\n",
      "second one refused with [IN-USE]")
t.is_(b.close(quit=False), 111, "exit 111")
a.close()
b = Direct(md, env=env)
t.is_(b.line(), b"+OK Logged in.\r\n", "lock released at exit")
b.close()
t.done()
