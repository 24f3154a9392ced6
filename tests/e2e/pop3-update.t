#!/usr/bin/env python3
"""pop3d: the UPDATE state - deletion only after QUIT, a dropped
connection changes nothing, retrieved mail moves new/ -> cur/ with S,
POP3_DELETE=flag keeps deleted mail with T, messages expunged by someone
else are skipped silently, maildirsize is updated."""
import os
import re
import socket
import sys
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import mailtest
from pop3test import Direct, put_msg
from tap import TAP

t = TAP()


def fresh(name, n=4, folder="Maildir"):
    md = mailtest.make_maildir(os.path.join(mailtest.tmpdir(name), folder))
    names = [put_msg(md, b"Subject: %d\n\nbody %d\n" % (i, i))
             for i in range(1, n + 1)]
    return md, names


def ls(md, sub):
    return sorted(os.listdir(os.path.join(md, sub)))


# DELE + disconnect: nothing happens.
md, names = fresh("pop3upd1")
d = Direct(md)
d.line()
d.cmd(b"RETR 1")
d.multi()
d.cmd(b"DELE 1")
d.cmd(b"DELE 2")
t.is_(d.close(quit=False), 0, "disconnect without QUIT: exit 0")
t.is_(ls(md, "new"), sorted(names), "dropped connection deletes nothing")
t.is_(ls(md, "cur"), [], "and marks nothing read")
t.like(d.log(), "reason=disconnected", "logged as disconnected")

# DELE + an unterminated QUIT, then EOF: not a command, nothing happens.
d = Direct(md)
d.line()
d.send(b"DELE 1\r\nQUIT")
d.sock.shutdown(socket.SHUT_WR)
t.is_(d.line(), b"+OK Message 1 deleted\r\n", "DELE answered")
t.is_(d.line(), b"", "QUIT without CRLF before EOF is not answered")
d.close(quit=False)
t.is_(ls(md, "new"), sorted(names), "and deletes nothing")

# DELE + QUIT: deleted; RETR'd moved to cur/ with S; others untouched.
d = Direct(md)
d.line()
d.cmd(b"RETR 3")
d.multi()
d.cmd(b"TOP 4 0")
d.multi()
d.cmd(b"DELE 1")
d.cmd(b"DELE 2")
t.is_(d.cmd(b"QUIT"), b"+OK Logging out\r\n", "QUIT")
d.close(quit=False)
t.is_(ls(md, "new"), [names[3]], "TOP does not mark read; unread stays in new/")
t.is_(ls(md, "cur"), [names[2] + ":2,S"], "RETR'd message: cur/ with S")
t.like(d.log(), r"del=2/4", "log counts deletions")

# RETR of a message already in cur/ with other flags keeps them.
md, names = fresh("pop3upd2", 2)
os.rename(os.path.join(md, "new", names[0]),
          os.path.join(md, "cur", names[0] + ":2,FR"))
d = Direct(md)
d.line()
d.cmd(b"RETR 1")
d.multi()
d.cmd(b"QUIT")
d.close(quit=False)
t.is_(ls(md, "cur"), [names[0] + ":2,FRS"], "flags kept, S added")

# Someone else removes or renames messages during the session.
md, names = fresh("pop3upd3", 3)
d = Direct(md)
d.line()
d.cmd(b"DELE 1")
d.cmd(b"DELE 2")
d.cmd(b"RETR 3")
d.multi()
os.unlink(os.path.join(md, "new", names[0]))           # expunged by IMAP
os.rename(os.path.join(md, "new", names[1]),           # IMAP set \Flagged
          os.path.join(md, "cur", names[1] + ":2,F"))
os.rename(os.path.join(md, "new", names[2]),           # IMAP set \Answered
          os.path.join(md, "cur", names[2] + ":2,R"))
t.is_(d.cmd(b"QUIT"), b"+OK Logging out\r\n",
      "QUIT fine though a deleted message was already gone")
t.is_(d.close(quit=False), 0, "exit 0")
t.is_(ls(md, "new") + ls(md, "cur"), [names[2] + ":2,RS"],
      "renamed message deleted; other's flag kept and S added")

# RETR of a message that vanished during the session.
md, names = fresh("pop3upd4", 2)
d = Direct(md)
d.line()
os.unlink(os.path.join(md, "new", names[0]))
t.is_(d.cmd(b"RETR 1"), b"-ERR Message 1 was removed by another session\r\n",
      "RETR of an expunged message: -ERR")
t.like(d.cmd(b"RETR 2").decode(), r"^\+OK", "the others still work")
d.multi()
d.close()

# POP3_DELETE=flag: kept with T, hidden from the next session.
md, names = fresh("pop3upd5", 3)
d = Direct(md, env={"POP3_DELETE": "flag"})
d.line()
d.cmd(b"DELE 2")
d.cmd(b"QUIT")
d.close(quit=False)
t.is_(ls(md, "cur"), [names[1] + ":2,T"], "deleted message kept with T")
d = Direct(md, env={"POP3_DELETE": "flag"})
d.line()
t.like(d.cmd(b"STAT").decode(), r"^\+OK 2 ", "hidden from the next session")
d.close()
d = Direct(md)
d.line()
t.like(d.cmd(b"STAT").decode(), r"^\+OK 3 ",
       "without POP3_DELETE=flag it is an ordinary message again")
d.close()

# Quota: maildirsize gets a negative delta for what QUIT removed.
md, names = fresh("pop3upd6", 3)
sizes = [os.path.getsize(os.path.join(md, "new", n)) for n in names]
with open(os.path.join(md, "maildirsize"), "w") as f:
    f.write("1000000S,100C\n%d 3\n" % sum(sizes))
d = Direct(md)
d.line()
d.cmd(b"DELE 1")
d.cmd(b"DELE 3")
d.cmd(b"QUIT")
d.close(quit=False)
text = open(os.path.join(md, "maildirsize")).read()
lines = text.splitlines()
tot_b = sum(int(ln.split()[0]) for ln in lines[1:])
tot_c = sum(int(ln.split()[1]) for ln in lines[1:])
t.is_((tot_b, tot_c), (sizes[1], 1), "maildirsize sums to what is left")
t.ok(re.search(r"^\s*-%d\s+-2$" % (sizes[0] + sizes[2]), text, re.M),
     "one negative delta line for the QUIT")
t.done()
