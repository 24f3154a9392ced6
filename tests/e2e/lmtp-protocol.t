#!/usr/bin/env python3
"""lmtpd: the protocol over a raw socket, golden replies (RFC 2033, 5321,
1870, 2034, 2920, 6531)."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from tap import TAP  # noqa: E402
from lmtptest import Users, lmtpd, Raw, message_files  # noqa: E402

t = TAP()
u = Users()
u.add("alice@x.org")
u.add("bob@x.org")
table = u.build()

with lmtpd(table) as srv:
    c = Raw(srv.port)
    t.is_(c.reply(), ["220 mx.test LMTP ready"], "greeting")
    t.is_(c.cmd("HELO me"), "500 5.5.1 This is LMTP: use LHLO (RFC 2033)",
          "HELO refused")
    t.is_(c.cmd("EHLO me")[:10], "500 5.5.1 ", "EHLO refused")
    t.is_(c.cmd("MAIL FROM:<a@b>"), "503 5.5.1 Send LHLO first",
          "MAIL before LHLO")
    c.send("LHLO client.example\r\n")
    t.is_(c.reply(), ["250-mx.test", "250-PIPELINING",
                      "250-ENHANCEDSTATUSCODES", "250-8BITMIME",
                      "250-SMTPUTF8", "250-CHUNKING", "250 SIZE"],
          "LHLO capabilities")
    t.is_(c.cmd("LHLO"), "501 5.5.4 Syntax: LHLO hostname", "LHLO no arg")
    t.is_(c.cmd("RCPT TO:<alice@x.org>"), "503 5.5.1 Need MAIL before RCPT",
          "RCPT before MAIL")
    t.is_(c.cmd("DATA"), "503 5.5.1 Need MAIL before DATA", "DATA first")
    t.is_(c.cmd("NOOP"), "250 2.0.0 OK", "NOOP")
    t.is_(c.cmd("VRFY alice"), "252 2.5.0 Cannot VRFY user, but will "
          "accept message and attempt delivery", "VRFY 252")
    t.is_(c.cmd("XYZZY"), "500 5.5.1 Unknown command", "unknown command")
    t.is_(c.cmd("MAIL FROM:a@b"), "501 5.1.7 Bad sender address syntax",
          "sender without <>")
    t.is_(c.cmd("MAIL FROM:<a@b> FOO=1"), "555 5.5.4 Unsupported or bad "
          "MAIL FROM parameter", "unknown MAIL parameter")
    t.is_(c.cmd("MAIL FROM:<a@b> BODY=BINARYMIME"), "555 5.5.4 Unsupported"
          " or bad MAIL FROM parameter", "BINARYMIME not offered")
    t.is_(c.cmd("MAIL FROM:<j\u00f6rg@b>"), "553 5.6.7 Non-ASCII sender "
          "needs SMTPUTF8", "UTF-8 sender without SMTPUTF8")
    t.is_(c.cmd("MAIL FROM:<> SIZE=100 BODY=8BITMIME ENVID=Q123 RET=HDRS"),
          "250 2.1.0 Sender OK", "null sender with parameters")
    t.is_(c.cmd("MAIL FROM:<a@b>"), "503 5.5.1 Nested MAIL command",
          "nested MAIL")
    t.is_(c.cmd("RCPT TO:<nobody@x.org>"), "550 5.1.1 <nobody@x.org> User "
          "unknown", "unknown user")
    t.is_(c.cmd("RCPT TO:<b\u00fcb@x.org>"), "553 5.6.7 Non-ASCII recipient"
          " needs SMTPUTF8", "UTF-8 recipient without SMTPUTF8")
    t.is_(c.cmd("RCPT TO:<alice@x.org> SIZE=1"), "555 5.5.4 Unsupported or"
          " bad RCPT TO parameter", "bad RCPT parameter")
    t.is_(c.cmd("RCPT TO:<alice@@x.org>"), "501 5.1.3 Bad recipient address"
          " syntax", "bad recipient syntax")
    t.is_(c.cmd("RCPT TO:<ALICE@X.ORG> NOTIFY=NEVER"),
          "250 2.1.5 <ALICE@X.ORG> Recipient OK", "case-blind, NOTIFY")
    t.is_(c.cmd("DATA x"), "501 5.5.4 Syntax: DATA", "DATA with argument")
    t.is_(c.cmd("RSET"), "250 2.0.0 OK", "RSET")
    t.is_(c.cmd("RCPT TO:<alice@x.org>"), "503 5.5.1 Need MAIL before RCPT",
          "RSET forgot the transaction")
    t.is_(c.cmd("MAIL FROM:<a@b>"), "250 2.1.0 Sender OK", "MAIL again")
    t.is_(c.cmd("DATA"), "503 5.5.1 No valid recipients",
          "DATA without recipients (RFC 2033 4.2)")
    t.is_(c.cmd("BDAT x"), "501 5.5.4 Syntax: BDAT size [LAST]", "bad BDAT")
    # RFC 5321 4.5.3.1.4 plus extensions: LIM_LMTP_CMD (2048) with CRLF.
    line = "NOOP " + "x" * (2048 - 7)
    t.is_(c.cmd(line), "250 2.0.0 OK", "command line of 2048 octets")
    t.is_(c.cmd(line + "x"), "500 5.5.2 Line too long", "2049: too long")
    t.is_(c.cmd("NOOP"), "250 2.0.0 OK", "still in sync after long line")
    c.send("NO\0OP\r\n")
    t.is_(c.reply(), ["500 5.5.2 NUL byte in command"], "NUL refused")
    t.is_(c.cmd("QUIT"), "221 2.0.0 mx.test closing connection", "QUIT")
    t.is_(c.line(), "", "connection closed after QUIT")
    c.close()

    # RFC 2920: two whole transactions in one write, answers in order.
    c = Raw(srv.port)
    c.reply()
    msg = b"Subject: p\r\n\r\nbody\r\n.\r\n"
    c.send(b"LHLO p\r\n")
    c.reply()
    c.send(b"MAIL FROM:<s@y>\r\nRCPT TO:<alice@x.org>\r\nRCPT TO:<no@x.org>"
           b"\r\nRCPT TO:<bob@x.org>\r\nDATA\r\n")
    got = c.replies(5)
    t.is_([g[:9] for g in got], ["250 2.1.0", "250 2.1.5", "550 5.1.1",
                                 "250 2.1.5", "354 Start"],
          "pipelined envelope, one reply per command")
    c.send(msg + b"MAIL FROM:<s2@y>\r\nRCPT TO:<bob@x.org>\r\nDATA\r\n")
    got = c.replies(5)
    t.like(got[0], r"^250 2\.0\.0 <alice@x\.org> \S+ Saved$",
           "data reply for alice")
    t.like(got[1], r"^250 2\.0\.0 <bob@x\.org> \S+ Saved$",
           "data reply for bob, none for the unknown one")
    t.is_(got[2:], ["250 2.1.0 Sender OK", "250 2.1.5 <bob@x.org> Recipient "
                    "OK", "354 Start mail input; end with <CRLF>.<CRLF>"],
          "second transaction pipelined behind the data")
    c.send(msg + b"QUIT\r\n")
    got = c.replies(2)
    t.like(got[0], r"^250 2\.0\.0 <bob@x\.org>", "second message saved")
    t.like(got[1], r"^221 ", "QUIT after pipelined data")
    c.close()
t.is_(len(message_files(u.maildir("alice@x.org"))), 1, "alice got one")
t.is_(len(message_files(u.maildir("bob@x.org"))), 2, "bob got two")

# Limits: SIZE and recipients per transaction.
with lmtpd(table, {"LMTP_MAX_SIZE": "1000", "LMTP_MAX_RECIPIENTS": "2"}) \
        as srv:
    c = Raw(srv.port)
    c.reply()
    c.send("LHLO x\r\n")
    t.is_(c.reply()[-1], "250 SIZE 1000", "SIZE limit advertised")
    t.is_(c.cmd("MAIL FROM:<a@b> SIZE=1001"), "552 5.3.4 Message size "
          "exceeds fixed maximum message size", "SIZE over the limit")
    t.is_(c.cmd("MAIL FROM:<a@b> SIZE=1000"), "250 2.1.0 Sender OK",
          "SIZE at the limit")
    c.cmd("RCPT TO:<alice@x.org>")
    c.cmd("RCPT TO:<bob@x.org>")
    t.is_(c.cmd("RCPT TO:<bob@x.org>"), "452 4.5.3 Too many recipients",
          "recipient limit")
    c.send("DATA\r\n")
    c.reply()
    c.send(b"x" * 990 + b"\r\n" + b"y" * 20 + b"\r\n.\r\n")
    t.is_(c.replies(2), ["552 5.3.4 <alice@x.org> Message size exceeds "
                         "fixed maximum message size",
                         "552 5.3.4 <bob@x.org> Message size exceeds fixed "
                         "maximum message size"],
          "data over the limit: per recipient 552 5.3.4")
    t.is_(c.cmd("NOOP"), "250 2.0.0 OK", "in sync after refused data")
    c.close()
t.is_(len(message_files(u.maildir("alice@x.org"))), 1, "nothing stored")

with lmtpd(table, {"LMTP_TIMEOUT": "1"}) as srv:
    c = Raw(srv.port)
    c.reply()
    t.is_(c.reply(), ["421 4.4.2 mx.test Timeout, closing connection"],
          "idle timeout")
    t.like(srv.log(), r"info: timeout state=command", "timeout logged")
    c.close()
    c = Raw(srv.port)
    c.reply()
    c.send("LHLO x\r\nMAIL FROM:<a@b>\r\nRCPT TO:<alice@x.org>\r\n"
           "DATA\r\n")
    c.replies(4)
    c.send(b"Subject: stalled\r\n\r\nhalf a message\r\n")
    t.is_(c.reply(), ["421 4.4.2 mx.test Timeout, closing connection"],
          "timeout in the middle of DATA")
    t.like(srv.log(), r"info: timeout state=data ", "DATA timeout logged")
    c.close()
t.is_(len(message_files(u.maildir("alice@x.org"))), 1,
      "nothing stored from the stalled DATA")
t.done()
