#!/usr/bin/env python3
"""pop3-login: CAPA, STLS, USER/PASS refused before TLS, AUTH PLAIN,
LOGIN and CRAM-MD5 with initial responses, cancel, APOP, implicit TLS
with poplib, failures and pipelining after PASS."""
import base64
import hashlib
import hmac
import os
import poplib
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import logintest as lt  # noqa: E402
from tap import TAP  # noqa: E402

t = TAP()


def b64(s):
    return base64.b64encode(s.encode()).decode()


def capa(c):
    return c.cmd("CAPA", ".")


def before_tls(srv):
    c = lt.Client(srv.port)
    t.like(c.line(), r"^\+OK Ready$", "banner without APOP timestamp")
    caps = capa(c)
    t.ok("STLS" in caps and "USER" not in caps and "RESP-CODES" in caps and
         "AUTH-RESP-CODE" in caps, "CAPA before TLS: STLS, no USER")
    t.ok("SASL CRAM-MD5" in caps, "only CRAM-MD5 in SASL before TLS")
    t.like(c.cmd("USER alice@example.org", "-")[-1],
           r"^-ERR \[AUTH\] Plaintext", "USER refused before TLS")
    t.like(c.cmd("AUTH PLAIN " + b64("\0alice@example.org\0secret"),
                 "-")[-1], r"^-ERR \[AUTH\]", "AUTH PLAIN refused before TLS")
    t.like(c.cmd("APOP alice@example.org " + "0" * 32, "-")[-1], r"^-ERR",
           "APOP not offered")
    t.like(c.cmd("STAT", "-")[-1], r"^-ERR", "STAT before login")
    t.like(c.cmd("STLS", "+OK")[-1], r"^\+OK", "STLS")
    c.starttls()
    caps = capa(c)
    t.ok("USER" in caps and "STLS" not in caps and
         "SASL PLAIN LOGIN CRAM-MD5" in caps, "CAPA after TLS")
    t.is_(c.cmd("USER alice@example.org", "+OK"), ["+OK"], "USER")
    t.like(c.cmd("PASS nope", "-")[-1], r"^-ERR \[AUTH\] Authentication "
           "failed", "wrong PASS: -ERR [AUTH]")
    c.cmd("USER alice@example.org", "+OK")
    c.send("PASS secret\r\nLIST\r\nUIDL\r\nQUIT\r\n")
    r = c.until("+OK bye")
    t.like(r[0], r"^\+OK stub logged in as alice@example.org",
           "then PASS right: pop3d says +OK")
    t.is_([x for x in r if x.startswith("* ECHO")],
          ["* ECHO LIST", "* ECHO UIDL"], "commands pipelined after PASS "
          "reach pop3d in order")
    c.close()


def sasl(srv):
    def conn():
        c = lt.Client(srv.port, implicit=True)
        c.line()
        return c
    c = conn()
    r = c.cmd("AUTH PLAIN " + b64("\0alice@example.org\0secret"), "+OK")
    t.like(r[-1], r"^\+OK stub", "AUTH PLAIN with initial response")
    r = c.cmd("ENV", "* ENV USER")
    env = dict(x[6:].split("=", 1) for x in r if x.startswith("* ENV "))
    t.is_((env.get("SERVICE"), env.get("AUTH_MECH"),
           env.get("IMAPLOGINTAG")), ("pop3", "PLAIN", None),
          "SERVICE=pop3, AUTH_MECH=PLAIN, no IMAPLOGINTAG")
    c.close()
    c = conn()
    c.send("AUTH LOGIN " + b64("alice@example.org") + "\r\n")
    t.is_(c.line(), "+ " + b64("Password:"), "AUTH LOGIN with IR: Password:")
    c.send(b64("secret") + "\r\n")
    t.like(c.line(), r"^\+OK stub", "AUTH LOGIN")
    c.close()
    c = conn()
    c.send("AUTH CRAM-MD5\r\n")
    ch = base64.b64decode(c.line()[2:]).decode()
    dig = hmac.new(b"secret", ch.encode(), "md5").hexdigest()
    c.send(b64("alice@example.org " + dig) + "\r\n")
    t.like(c.line(), r"^\+OK stub", "AUTH CRAM-MD5")
    c.close()
    c = conn()
    c.send("AUTH PLAIN\r\n")
    t.is_(c.line(), "+ ", "AUTH PLAIN without IR: empty challenge")
    c.send("*\r\n")
    t.like(c.line(), r"^-ERR", "'*' cancels")
    t.is_(c.cmd("AUTH", "."), ["+OK", "PLAIN", "LOGIN", "CRAM-MD5", "."],
          "AUTH lists mechanisms")
    t.like(c.cmd("AUTH PLAIN ****", "-")[-1], r"^-ERR", "bad base64")
    t.like(c.cmd("AUTH PLAIN " + b64("\0tempfail@example.org\0x"),
                 "-")[-1], r"^-ERR \[SYS/TEMP\]", "exit 111: [SYS/TEMP]")
    t.is_(c.cmd("QUIT", "+OK"), ["+OK Bye"], "QUIT")
    c.close()


def apop():
    with lt.server("pop3", implicit=True, env={"APOP": "1"}) as srv:
        c = lt.Client(srv.port, implicit=True)
        g = c.line()
        m = re.search(r"(<[^>]+>)$", g)
        t.ok(m, "APOP=1: banner carries a timestamp")
        dig = hashlib.md5((m.group(1) + "secret").encode()).hexdigest()
        r = c.cmd(f"APOP alice@example.org {dig}", "+OK")
        t.like(r[-1], r"^\+OK stub", "APOP")
        c.close()


def poplib_client():
    with lt.server("pop3", implicit=True,
                   env={"AUTH_FAILURES": "2"}) as srv:
        p = poplib.POP3_SSL("127.0.0.1", srv.port, context=lt.tls_context())
        p.user("bob@example.org")
        t.like(p.pass_("hunter2").decode(), r"^\+OK stub",
               "poplib POP3_SSL: implicit TLS, USER/PASS")
        p.close()
        c = lt.Client(srv.port, implicit=True)
        c.line()
        c.cmd("USER bob@example.org", "+OK")
        c.cmd("PASS x", "-")
        c.cmd("USER bob@example.org", "+OK")
        t.like(c.cmd("PASS y", "-")[-1], r"^-ERR \[AUTH\]", "second failure")
        t.ok(c.eof(), "AUTH_FAILURES=2: disconnected")


def delay_and_timeout():
    import time
    with lt.server("pop3", implicit=True, env={"AUTH_DELAY": "1",
                                               "LOGIN_TIMEOUT": "2"}) as srv:
        c = lt.Client(srv.port, implicit=True)
        c.line()
        c.cmd("USER alice@example.org", "+OK")
        t0 = time.time()
        c.cmd("PASS wrong", "-")
        t.ok(time.time() - t0 >= 0.9, "failed PASS answered after AUTH_DELAY")
        t0 = time.time()
        t.ok(c.eof(), "idle client disconnected")
        t.ok(1.5 < time.time() - t0 < 4, "after LOGIN_TIMEOUT")
        t.ok(lt.wait_log(srv, r"disconnect reason=timeout"), "logged")


with lt.server("pop3") as srv:
    before_tls(srv)
with lt.server("pop3", implicit=True) as srv:
    sasl(srv)
apop()
poplib_client()
delay_and_timeout()
t.done()
