#!/usr/bin/env python3
"""imap-login: capabilities, LOGINDISABLED and STARTTLS, LOGIN with
quoted strings and literals, every SASL mechanism with and without
SASL-IR, cancel, failures, pipelining across the handoff, environment."""
import base64
import hmac
import imaplib
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import logintest as lt  # noqa: E402
from tap import TAP  # noqa: E402

t = TAP()


def b64(s):
    return base64.b64encode(s.encode()).decode()


def plaintext_phase(srv):
    c = lt.Client(srv.port)
    g = c.line()
    t.like(g, r"^\* OK \[CAPABILITY IMAP4rev1 .*STARTTLS.*LOGINDISABLED",
           "greeting carries capabilities with STARTTLS, LOGINDISABLED")
    t.ok("AUTH=PLAIN" not in g and "AUTH=CRAM-MD5" in g,
         "no plaintext mechanism before TLS, CRAM-MD5 offered")
    r = c.cmd('a1 LOGIN alice@example.org secret')
    t.like(r[-1], r"^a1 NO \[PRIVACYREQUIRED\]", "LOGIN refused before TLS")
    r = c.cmd("a2 AUTHENTICATE PLAIN " + b64("\0alice@example.org\0secret"))
    t.like(r[-1], r"^a2 NO \[PRIVACYREQUIRED\]", "PLAIN refused before TLS")
    r = c.cmd("a3 NOOP")
    t.is_(r, ["a3 OK NOOP completed"], "NOOP")
    r = c.cmd("a4 SELECT INBOX")
    t.like(r[-1], r"^a4 BAD", "SELECT before login is BAD")
    r = c.cmd("a5 STARTTLS")
    t.like(r[-1], r"^a5 OK", "STARTTLS accepted")
    c.starttls()
    r = c.cmd("a6 CAPABILITY")
    t.ok("LOGINDISABLED" not in r[0] and "STARTTLS" not in r[0] and
         "AUTH=PLAIN" in r[0], "after TLS: no LOGINDISABLED, AUTH=PLAIN")
    r = c.cmd("a7 LOGIN alice@example.org wrong")
    t.like(r[-1], r"^a7 NO \[AUTHENTICATIONFAILED\]", "wrong password: NO")
    r = c.cmd('a8 LOGIN "alice@example.org" "secret"', "a8 ")
    t.like(r[-1], r"^a8 OK \[CAPABILITY IMAP4rev1 STUB\] Logged in as "
           r"alice@example.org", "then the right one, same connection: "
           "imapd answers the tag")
    r = c.cmd("e1 ENV")
    env = dict(x[6:].split("=", 1) for x in r if x.startswith("* ENV "))
    t.is_(env.get("IMAPLOGINTAG"), "a8", "IMAPLOGINTAG")
    t.is_(env.get("SERVICE"), "imap", "SERVICE=imap")
    t.is_(env.get("AUTH_MECH"), "LOGIN", "AUTH_MECH=LOGIN")
    t.like(env.get("SSL_PROTOCOL"), r"^TLSv1\.[23]$", "SSL_PROTOCOL")
    t.is_(env.get("TCPREMOTEIP"), "127.0.0.1", "TCPREMOTEIP")
    t.ok("TLS_CERT" not in env and "AUTH_DELAY" not in env,
         "login settings do not leak into the session environment")
    c.close()


def pipelining(srv):
    c = lt.Client(srv.port, implicit=True)
    c.line()
    lines = "".join(f"p{i} CMD{i}\r\n" for i in range(200))
    c.send("l1 LOGIN alice@example.org secret\r\n" + lines + "z LOGOUT\r\n")
    got = [x for x in c.until("* BYE") if x.startswith("* ECHO")]
    t.is_(got, [f"* ECHO p{i} CMD{i}" for i in range(200)],
          "200 commands pipelined after LOGIN reach imapd in order")
    c.close()


def literals(srv):
    c = lt.Client(srv.port, implicit=True)
    c.line()
    c.send("b1 LOGIN {17}\r\n")
    t.like(c.line(), r"^\+ ", "synchronising literal gets a continuation")
    c.send("alice@example.org {6+}\r\nsecret\r\n")
    t.like(c.until("b1 ")[-1], r"^b1 OK .*Logged in", "LOGIN with literals")
    c.close()
    c = lt.Client(srv.port, implicit=True)
    c.line()
    c.send("b2 LOGIN {9999999+}\r\nxx\r\n")
    r = c.until("* BYE")
    t.like(r[0], r"^b2 BAD", "oversized LITERAL+ refused")
    t.ok(c.eof(), "and the connection closed")
    c = lt.Client(srv.port, implicit=True)
    c.line()
    c.send("b3 NOOP " + "x" * 9000 + "\r\n")
    t.like(c.line(), r"^\* BAD", "over-long line refused")
    t.is_(c.cmd("b4 NOOP"), ["b4 OK NOOP completed"], "session goes on")
    t.is_(c.cmd("b5 ID NIL")[0], '* ID ("name" "imap-login")', "ID")
    t.is_(c.cmd('b5a ID ("name" "mutt" "version" NIL)')[-1],
          "b5a OK ID completed", "ID with a field list (RFC 2971)")
    t.is_(c.cmd('b5b ID ("name")'), ["b5b BAD Invalid ID arguments"],
          "ID with an odd list: BAD")
    t.is_(c.cmd('b5c ID ("name" "x"'), ["b5c BAD Invalid ID arguments"],
          "ID with an unclosed list: BAD (it was answered OK)")
    t.is_(c.cmd("b5d NOOP x"), ["b5d BAD No arguments allowed"],
          "NOOP with an argument: BAD, as imapd says it")
    r = c.cmd("b6 LOGOUT")
    t.is_(r, ["* BYE Logging out", "b6 OK Logout completed"], "LOGOUT")
    c.close()


def closed(sock, timeout=5):
    """Read raw bytes until the server closes; False on timeout."""
    sock.settimeout(timeout)
    try:
        while sock.recv(4096):
            pass
        return True
    except OSError:
        return False


def garbage(srv):
    c = lt.Client(srv.port, implicit=True)
    c.line()
    c.send(b"\x00\xff\xfe garbage\r\n")
    t.like(c.line(), r"^\* BAD", "binary garbage: untagged BAD")
    c.send(b"a1 LOGIN \"al\x00ice\" x\r\n")
    t.like(c.line(), r"^a1 BAD", "NUL inside a quoted string: BAD")
    c.send("".join(f"x{i} FOO\r\n" for i in range(8)))
    r = c.until("* BYE")
    t.like(r[-1], r"^\* BYE Too many invalid", "10 bad commands: BYE")
    t.ok(c.eof(), "and disconnected")
    c = lt.Client(srv.port, implicit=True)
    c.line()
    c.send("h1 NOOP\r\n")
    t.is_(c.line(), "h1 OK NOOP completed", "NOOP, then the client "
          "half-closes")
    c.sock.shutdown(1)      # (Python drops its TLS state here)
    t.ok(closed(c.sock), "half-closed after TLS: the server ends too")
    c = lt.Client(srv.port)
    c.sock.shutdown(1)
    t.ok(closed(c.sock), "half-closed before the handshake: dropped")
    t.ok(lt.wait_log(srv, r"disconnect reason=too-many-bad-commands"),
         "bad commands logged")


def conn(srv):
    c = lt.Client(srv.port, implicit=True)
    c.line()
    return c


def sasl(srv):
    c = conn(srv)
    r = c.cmd("s1 AUTHENTICATE PLAIN " + b64("\0alice@example.org\0secret"))
    t.like(r[-1], r"^s1 OK .*Logged in", "PLAIN with SASL-IR")
    c.close()
    c = conn(srv)
    c.send("s2 AUTHENTICATE PLAIN\r\n")
    t.is_(c.line(), "+ ", "PLAIN without IR: empty challenge")
    c.send(b64("alice@example.org\0alice@example.org\0secret") + "\r\n")
    t.like(c.until("s2 ")[-1], r"^s2 OK", "PLAIN response with authzid")
    c.close()
    c = conn(srv)
    c.send("s3 AUTHENTICATE LOGIN\r\n")
    t.is_(c.line(), "+ " + b64("Username:"), "LOGIN asks Username:")
    c.send(b64("alice@example.org") + "\r\n")
    t.is_(c.line(), "+ " + b64("Password:"), "then Password:")
    c.send(b64("secret") + "\r\n")
    t.like(c.until("s3 ")[-1], r"^s3 OK", "LOGIN mechanism")
    c.close()
    c = conn(srv)
    c.send("s4 AUTHENTICATE CRAM-MD5\r\n")
    ch = base64.b64decode(c.line()[2:]).decode()
    t.like(ch, r"^<\d+\.\d+\.\d+@.+>$", "CRAM-MD5 challenge")
    dig = hmac.new(b"secret", ch.encode(), "md5").hexdigest()
    c.send(b64("alice@example.org " + dig) + "\r\n")
    r = c.until("s4 ")
    t.like(r[-1], r"^s4 OK", "CRAM-MD5 accepted by the checkpassword")
    c.close()


def sasl_errors(srv):
    c = conn(srv)
    c.send("s5 AUTHENTICATE PLAIN\r\n")
    c.line()
    c.send("*\r\n")
    t.like(c.line(), r"^s5 BAD", "'*' cancels with BAD")
    r = c.cmd("s6 AUTHENTICATE PLAIN !!!notbase64")
    t.like(r[-1], r"^s6 BAD", "invalid base64 IR is BAD")
    r = c.cmd("s7 AUTHENTICATE CRAM-MD5 " + b64("x"))
    t.like(r[-1], r"^s7 BAD", "no initial response for CRAM-MD5")
    r = c.cmd("s8 AUTHENTICATE DIGEST-MD5")
    t.like(r[-1], r"^s8 NO", "unknown mechanism NO")
    r = c.cmd("s9 AUTHENTICATE PLAIN " + b64("\0tempfail@example.org\0x"))
    t.like(r[-1], r"^s9 NO \[UNAVAILABLE\]", "exit 111 is NO [UNAVAILABLE]")
    r = c.cmd("sa AUTHENTICATE PLAIN " + b64("other\0alice@example.org\0s"))
    t.like(r[-1], r"^sa NO \[AUTHENTICATIONFAILED\]",
           "PLAIN with a foreign authzid is refused")
    c.close()


def failures():
    with lt.server(implicit=True, env={"AUTH_FAILURES": "2",
                                       "AUTH_DELAY": "1"}) as srv:
        c = lt.Client(srv.port, implicit=True)
        c.line()
        t0 = time.time()
        r = c.cmd("f1 LOGIN alice@example.org bad")
        dt = time.time() - t0
        t.like(r[-1], r"^f1 NO \[AUTHENTICATIONFAILED\]", "first failure")
        t.ok(dt >= 0.9, f"answered after the delay ({dt:.2f}s)")
        t0 = time.time()
        r = c.cmd("f2 LOGIN alice@example.org bad", "* BYE")
        dt = time.time() - t0
        t.ok(dt >= 1.9, f"second delay doubles ({dt:.2f}s)")
        t.like(r[-1], r"^\* BYE Too many", "limit reached: BYE")
        t.ok(c.eof(), "connection closed")
        t.ok(lt.wait_log(srv, r"login-fail user=alice@example\.org "
                              r"tls=TLSv1\.\d mech=LOGIN reason=rejected"),
             "login-fail logged")
        t.ok(" bad" not in srv.log(), "the password is never logged")


def imaplib_client(srv):
    m = imaplib.IMAP4("127.0.0.1", srv.port)
    m.starttls(lt.tls_context())
    typ, _ = m.login("bob@example.org", "hunter2")
    t.is_(typ, "OK", "Python imaplib: STARTTLS + LOGIN")
    m.shutdown()


with lt.server() as srv:
    plaintext_phase(srv)
    imaplib_client(srv)
    t.ok(lt.wait_log(srv, r"login user=alice@example\.org tls=TLSv1\.\d "
                          r"mech=LOGIN ip=127\.0\.0\.1"), "login logged")
with lt.server(implicit=True) as srv:
    pipelining(srv)
    t.ok(lt.wait_log(srv, r"session-end status=0 seconds=\d+ "
                          r"ip=127\.0\.0\.1 user=alice@example\.org"),
         "session-end logged by the root part when the session is over")
    literals(srv)
    sasl(srv)
    sasl_errors(srv)
    garbage(srv)
failures()
with lt.server(env={"LOGIN_TIMEOUT": "1"}) as srv:
    c = lt.Client(srv.port)
    c.line()
    t0 = time.time()
    t.like(c.line(), r"^\* BYE Autologout", "LOGIN_TIMEOUT: idle client "
           "gets BYE")
    t.ok(0.8 < time.time() - t0 < 3, "after about LOGIN_TIMEOUT seconds")
    t.ok(c.eof(), "and is disconnected")
    t.ok(lt.wait_log(srv, r"disconnect reason=timeout state=pre-auth"),
         "timeout logged")
with lt.server(tls=False, env={"MAX_LINE": "512"}) as srv:
    c = lt.Client(srv.port)
    c.line()
    pad = "x" * (512 - len('m1 ID ("p" "")\r\n'))
    t.is_(c.cmd('m1 ID ("p" "%s")' % pad)[-1], "m1 OK ID completed",
          "MAX_LINE=512: a 512-byte line is accepted")
    c.send('m2 ID ("p" "%sy")\r\n' % pad)
    t.is_(c.line(), "* BAD Command line too long", "513 bytes: too long")
    t.is_(c.cmd("m3 NOOP"), ["m3 OK NOOP completed"], "and skipped cleanly")
    c.close()
with lt.server(tls=False, env={"TRUSTED": "1"}) as srv:
    c = lt.Client(srv.port)
    g = c.line()
    t.ok("LOGINDISABLED" not in g and "AUTH=PLAIN" in g and
         "STARTTLS" not in g, "TRUSTED without cert: plaintext allowed")
    r = c.cmd("t1 LOGIN alice@example.org secret")
    t.like(r[-1], r"^t1 OK", "TRUSTED: LOGIN without TLS")
    r = c.cmd("t2 ENV")
    t.ok("* ENV SSL_PROTOCOL" not in "\n".join(r), "no SSL_ vars without TLS")
    c.close()
# inetd style: fds 0 and 1 are two pipes, not a socket.
env = dict(os.environ, TRUSTED="1", AUTH_DELAY="0")
if lt.mailtest.IS_ROOT:
    env.update(LOGIN_USER=lt.LOGIN_USER, LOGIN_ROOT=lt.login_root())
p = subprocess.run([lt.mailtest.prog("login/imap-login"), *lt.CHAIN],
                   input=b"a LOGIN alice@example.org secret\r\nb FOO\r\n",
                   capture_output=True, env=env, timeout=20)
t.is_(p.stdout.decode().splitlines()[1:3],
      ["a OK [CAPABILITY IMAP4rev1 STUB] Logged in as alice@example.org",
       "* ECHO b FOO"], "fds 0 and 1 as two pipes: login and handoff work")
t.like(p.stderr.decode(), r"login user=alice@example\.org .*ip=unknown",
       "no address: ip=unknown")

# IMAP_LITERAL=minus (imapd(8)): LITERAL- before login too, never both.
p = subprocess.run([lt.mailtest.prog("login/imap-login"), *lt.CHAIN],
                   input=b"a CAPABILITY\r\n", capture_output=True,
                   env=dict(env, IMAP_LITERAL="minus"), timeout=20)
caps = p.stdout.decode().splitlines()[0].split()
t.ok("LITERAL-" in caps and "LITERAL+" not in caps,
     "IMAP_LITERAL=minus: the greeting offers LITERAL- only")
t.done()
