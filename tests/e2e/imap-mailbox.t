#!/usr/bin/env python3
"""imapd mailbox commands: LIST and LSUB with wildcards and CHILDREN /
SPECIAL-USE attributes, CREATE, DELETE, RENAME (INBOX too), SUBSCRIBE,
UNSUBSCRIBE, STATUS (RFC 3501 6.3, 3348, 6154)."""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from tap import TAP  # noqa: E402
from mailtest import tmpdir, make_maildir  # noqa: E402
from imaptest import Imapd, put_message  # noqa: E402

t = TAP()


def nomark(lines):
    """LIST lines without \\Marked/\\Unmarked (tested on their own)."""
    return [re.sub(rb" \\(Un)?[Mm]arked", b"", x) for x in lines]


md = make_maildir(os.path.join(tmpdir("imap-mbox"), "Maildir"))
put_message(md, "1.a.host", b"Subject: a\n\nx\n")
put_message(md, "2.b.host", b"Subject: b\n\ny\n", "cur")
d = Imapd(md)

for name in ("Sent", "Drafts", "Lists.debian", "Lists.debian.devel",
             "Trash", "Sent Messages", "K&AOQ-se"):
    r = d.cmd('CREATE "%s"' % name)
    t.is_(r, [b"t%d OK Create completed." % d.n], "CREATE " + name)
t.is_(d.cmd("CREATE INBOX")[-1],
      b"t%d NO [ALREADYEXISTS] Mailbox already exists" % d.n, "CREATE INBOX")
t.is_(d.cmd("CREATE Sent")[-1],
      b"t%d NO [ALREADYEXISTS] Mailbox already exists" % d.n,
      "CREATE existing")
t.is_(d.cmd("CREATE Foo.")[-1], b"t%d OK Create completed." % d.n,
      "CREATE with a trailing separator")
t.like(d.cmd("CREATE a..b")[-1].decode(), r"NO \[CANNOT\]", "bad name")
t.like(d.cmd("CREATE K&Jjo")[-1].decode(), r"NO \[CANNOT\]", "bad mUTF-7")

r = d.cmd('LIST "" *')
t.ok(b'* LIST (\\HasNoChildren \\Marked) "." INBOX' in r and
     b'* LIST (\\HasNoChildren \\Unmarked \\Drafts) "." Drafts' in r and
     b'* LIST (\\Noselect \\HasChildren) "." Lists' in r,
     "\\Marked when new/ has mail, \\Unmarked else, not for \\Noselect")
r = nomark(r)
t.is_(r, [b'* LIST (\\HasNoChildren) "." INBOX',
          b'* LIST (\\HasNoChildren \\Drafts) "." Drafts',
          b'* LIST (\\HasNoChildren) "." Foo',
          b'* LIST (\\HasNoChildren) "." K&AOQ-se',
          b'* LIST (\\Noselect \\HasChildren) "." Lists',
          b'* LIST (\\HasChildren) "." Lists.debian',
          b'* LIST (\\HasNoChildren) "." Lists.debian.devel',
          b'* LIST (\\HasNoChildren \\Sent) "." Sent',
          b'* LIST (\\HasNoChildren \\Sent) "." "Sent Messages"',
          b'* LIST (\\HasNoChildren \\Trash) "." Trash',
          b"t%d OK List completed." % d.n], "LIST * with attributes")
r = nomark(d.cmd('LIST "" %'))
t.ok(b'* LIST (\\Noselect \\HasChildren) "." Lists' in r and
     not any(b"Lists.debian" in x for x in r), "LIST % stops at the separator")
r = nomark(d.cmd('LIST "Lists." %'))
t.is_(r[0], b'* LIST (\\HasChildren) "." Lists.debian', "reference + %")
r = nomark(d.cmd('LIST "" inbox'))
t.is_(r[0], b'* LIST (\\HasNoChildren) "." INBOX', "INBOX any case")
r = nomark(d.cmd('LIST "" ""'))
t.is_(r[0], b'* LIST (\\Noselect) "." ""', 'LIST "" "" gives the separator')
r = nomark(d.cmd('LIST "" "*e*"'))
t.is_(len(r), 6, "LIST with an inner *")
r = nomark(d.cmd('LIST "" "inbox*"'))
t.ok(len(r) >= 2 and r[0].endswith(b'"." INBOX'),
     'LIST "" inbox*: INBOX matched case-insensitively (as Dovecot)')

t.is_(d.cmd("SUBSCRIBE Sent")[-1], b"t%d OK Subscribe completed." % d.n,
      "SUBSCRIBE")
d.cmd("SUBSCRIBE Lists.debian")
d.cmd('SUBSCRIBE "NoSuchFolder"')
r = d.cmd('LSUB "" *')
t.is_(sorted(r[:-1]), [b'* LSUB () "." Lists.debian',
                       b'* LSUB () "." NoSuchFolder',
                       b'* LSUB () "." Sent'], "LSUB")
d.cmd("UNSUBSCRIBE NoSuchFolder")
r = d.cmd('LSUB "" "S%"')
t.is_(r[:-1], [b'* LSUB () "." Sent'], "UNSUBSCRIBE, LSUB pattern")
r = d.cmd('LSUB "" "L%"')
t.is_(r[:-1], [b'* LSUB (\\Noselect) "." Lists'],
      'LSUB "L%" with only Lists.debian subscribed: Lists, \\Noselect '
      "(RFC 3501 6.3.9 MUST)")
r = d.cmd('LSUB "" "Lists.%"')
t.is_(r[:-1], [b'* LSUB () "." Lists.debian'], "  and its child by name")
with open(os.path.join(md, "subscriptions")) as f:
    t.is_(sorted(f.read().split("\n")), ["", "Lists.debian", "Sent"],
          "subscriptions file")

r = d.cmd("STATUS INBOX (MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN)")
t.like(r[0].decode(), r"^\* STATUS INBOX \(MESSAGES 2 RECENT 1 UIDNEXT 3 "
       r"UIDVALIDITY \d+ UNSEEN 2\)$", "STATUS INBOX")
t.is_(d.cmd("STATUS Nope (MESSAGES)")[-1],
      b"t%d NO [NONEXISTENT] Mailbox doesn't exist: Nope" % d.n,
      "STATUS of a missing folder")
t.is_(d.cmd("STATUS INBOX (BOGUS)")[-1],
      b"t%d BAD Invalid status item" % d.n, "bad STATUS item")

t.is_(d.cmd("RENAME Lists Archive")[-1], b"t%d OK Rename completed." % d.n,
      "RENAME a hierarchy")
r = nomark(d.cmd('LIST "" Archive*'))
t.is_(r[:-1], [b'* LIST (\\Noselect \\HasChildren) "." Archive',
               b'* LIST (\\HasChildren) "." Archive.debian',
               b'* LIST (\\HasNoChildren) "." Archive.debian.devel'],
      "children renamed")
t.is_(d.cmd("RENAME Nope X")[-1],
      b"t%d NO [NONEXISTENT] Mailbox doesn't exist" % d.n, "RENAME missing")
t.is_(d.cmd("RENAME Sent Trash")[-1],
      b"t%d NO [ALREADYEXISTS] Mailbox already exists" % d.n,
      "RENAME onto an existing folder")
t.is_(d.cmd("RENAME INBOX Old")[-1], b"t%d OK Rename completed." % d.n,
      "RENAME INBOX")
r = d.cmd("STATUS Old (MESSAGES)")
t.is_(r[0], b"* STATUS Old (MESSAGES 2)", "INBOX messages moved")
r = d.cmd("STATUS INBOX (MESSAGES)")
t.is_(r[0], b"* STATUS INBOX (MESSAGES 0)", "INBOX left empty")

t.is_(d.cmd("DELETE INBOX")[-1],
      b"t%d NO [CANNOT] Delete INBOX is not permitted" % d.n, "DELETE INBOX")
d.cmd("SELECT INBOX")
d.cmd("DELETE INBOX")
t.is_(d.cmd("CHECK")[-1], b"t%d OK Check completed." % d.n,
      "  a refused DELETE of the selected INBOX leaves it selected")
d.cmd("CREATE Doomed")
d.cmd("SELECT Doomed")
d.cmd("DELETE Doomed")
t.is_(d.cmd("CHECK")[-1], b"t%d BAD No mailbox selected" % d.n,
      "DELETE of the selected folder: back to the authenticated state")
t.is_(d.cmd("DELETE Archive.debian")[-1], b"t%d OK Delete completed." % d.n,
      "DELETE with children (RFC 3501 6.3.4)")
r = nomark(d.cmd('LIST "" Archive.*'))
t.is_(r[0], b'* LIST (\\Noselect \\HasChildren) "." Archive.debian',
      "...leaves a \\Noselect name")
t.is_(d.cmd("DELETE Archive.debian.devel")[-1],
      b"t%d OK Delete completed." % d.n, "DELETE a leaf")
t.is_(d.cmd("DELETE Archive.debian.devel")[-1],
      b"t%d NO [NONEXISTENT] Mailbox doesn't exist" % d.n, "DELETE twice")
d.cmd("SELECT Drafts")
t.is_(d.cmd("DELETE Drafts")[-1], b"t%d OK Delete completed." % d.n,
      "DELETE the selected folder")
t.is_(d.cmd("FETCH 1 FLAGS")[-1], b"t%d BAD No mailbox selected" % d.n,
      "...which unselects it")
d.cmd("LOGOUT")
d.close()

# a custom SPECIAL-USE table
d = Imapd(md, env={"IMAP_SPECIAL_USE": "\\Junk=Foo;\\Archive=Old"})
r = nomark(d.cmd('LIST "" *'))
t.ok(b'* LIST (\\HasNoChildren \\Junk) "." Foo' in r and
     b'* LIST (\\HasNoChildren) "." Sent' in r, "IMAP_SPECIAL_USE")
d.cmd("LOGOUT")
d.close()

# IMAP_AUTOCREATE: missing folders created and subscribed at login
md2 = make_maildir(os.path.join(tmpdir("imap-mbox2"), "Maildir"), ["Junk"])
env = {"IMAP_AUTOCREATE": "Sent, Sent Messages ,Junk,Trash"}
d = Imapd(md2, env=env)
r = nomark(d.cmd('LIST "" *'))
t.is_(r[:-1], [b'* LIST (\\HasNoChildren) "." INBOX',
               b'* LIST (\\HasNoChildren \\Junk) "." Junk',
               b'* LIST (\\HasNoChildren \\Sent) "." Sent',
               b'* LIST (\\HasNoChildren \\Sent) "." "Sent Messages"',
               b'* LIST (\\HasNoChildren \\Trash) "." Trash'],
      "IMAP_AUTOCREATE created the missing folders")
r = d.cmd('LSUB "" *')
t.is_(sorted(r[:-1]), [b'* LSUB () "." "Sent Messages"',
                       b'* LSUB () "." Sent', b'* LSUB () "." Trash'],
      "...and subscribed the ones it created, not Junk")
d.cmd("UNSUBSCRIBE Trash")
d.cmd("LOGOUT")
d.close()
d = Imapd(md2, env=env)
r = d.cmd('LSUB "" Trash')
t.is_(r, [b"t1 OK Lsub completed."], "a later UNSUBSCRIBE is kept")
d.cmd("LOGOUT")
d.close()

# The selected folder renamed (with a parent) by this session: it stays
# selected under its new name.  Deleted by another session: the next
# command gets a BYE that says why (as Dovecot), not a silent hang-up.
md3 = make_maildir(os.path.join(tmpdir("imap-mailbox3"), "Maildir"),
                   ["Work", "Work.Sub"])
put_message(md3, "1.M1P1.h:2,", b"Subject: x\n\ny\n", "cur")
os.rename(os.path.join(md3, "cur", "1.M1P1.h:2,"),
          os.path.join(md3, ".Work.Sub", "cur", "1.M1P1.h:2,"))
d = Imapd(md3)
d.cmd("SELECT Work.Sub")
t.is_(d.cmd("RENAME Work Work2")[-1], b"t2 OK Rename completed.",
      "RENAME of the selected folder's parent")
r = d.cmd("FETCH 1 (BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
t.ok(r[-1] == b"t3 OK Fetch completed." and b"Subject: x" in r[0],
     "  the selection follows it: FETCH works")
r = d.cmd("APPEND Work2.Sub {3+}\r\nabc")
t.ok(r[0] == b"* 2 EXISTS" and b"OK [APPENDUID" in r[-1],
     "  and an APPEND to its new name shows up as EXISTS")
r = d.cmd("SELECT INBOX")
t.is_(r[0], b"* OK [CLOSED] Previous mailbox closed.",
      "SELECT while another folder is selected: OK [CLOSED] first "
      "(RFC 7162 3.2.11, as Dovecot)")
d.cmd("SELECT Work2.Sub")
other = Imapd(md3)
t.is_(other.cmd("DELETE Work2.Sub")[-1], b"t1 OK Delete completed.",
      "another session deletes the selected folder")
other.cmd("LOGOUT")
other.close()
d.send(b"z1 NOOP\r\n")
t.is_(d.line(), b"* BYE [UNAVAILABLE] Selected mailbox was deleted or "
      b"renamed", "  the next command gets a BYE that says why")
d.close()
t.done()
