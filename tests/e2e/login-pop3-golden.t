#!/usr/bin/env python3
"""pop3-login golden transcripts: odd and hostile pre-auth input, sent in
one write, and the exact bytes pop3-login answers until it closes.  They
pin the wire behaviour of the command parser (login/pop3-parse.c): case,
spaces, NULs, control bytes, missing and extra arguments, the length
limits one byte over, and every error text."""
import base64
import os
import re
import socket
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import logintest as lt  # noqa: E402
from tap import TAP  # noqa: E402

t = TAP()


def b64(s):
    return base64.b64encode(s).decode().encode()


# Servers: A trusted plaintext, B untrusted with STLS offered, C APOP,
# D MAX_LINE=512.
A = ({"TRUSTED": "1"}, False)
B = ({}, True)
C = ({"TRUSTED": "1", "APOP": "1"}, False)
D = ({"TRUSTED": "1", "MAX_LINE": "512"}, False)

BAD = "-ERR Command not allowed before authentication"
FAIL = "-ERR [AUTH] Authentication failed"
CLEAR = "-ERR [AUTH] Plaintext authentication disallowed without TLS; use STLS"
CAPA = ["+OK Capability list follows", "TOP", "UIDL", "RESP-CODES",
        "AUTH-RESP-CODE", "PIPELINING", "USER", "SASL PLAIN LOGIN CRAM-MD5",
        "IMPLEMENTATION pop3-login", "."]
CAPA_CLEAR = ["+OK Capability list follows", "TOP", "UIDL", "RESP-CODES",
              "AUTH-RESP-CODE", "PIPELINING", "STLS", "SASL CRAM-MD5",
              "IMPLEMENTATION pop3-login", "."]
ALICE = b64(b"\0alice@example.org\0secret")

CASES = [
    (A, "CAPA/NOOP/QUIT in any case, extra arguments ignored",
     b"capa\r\nCaPa extra args\r\nnoop\r\nNOOP x\r\nQUIT now\r\n",
     CAPA + CAPA + ["+OK", "+OK", "+OK Bye"]),
    (A, "empty lines, leading space, tab, unknown command, stray CRs",
     b"\r\n\n \r\n CAPA\r\nCAPA\t\r\nSTAT\r\nCAPA\r\r\n\r\n\nQuit\r\n",
     [BAD] * 6 + CAPA + [BAD, BAD, "+OK Bye"]),
    (A, "NUL bytes anywhere: Invalid command",
     b"CAPA\0\r\nUS\0ER x\r\nCAPA\r\0\n\0\r\nquit\r\n",
     ["-ERR Invalid command"] * 4 + ["+OK Bye"]),
    (A, "USER without a name, USER with spaces kept, PASS empty",
     b"USER\r\nUSER \r\nUSER a b \r\nPASS\r\nPASS secret\r\nquit\r\n",
     ["-ERR Invalid user name"] * 2 + ["+OK", FAIL, FAIL, "+OK Bye"]),
    (A, "USER name of LIM_LOGIN bytes and one over",
     b"USER " + b"u" * 256 + b"\r\nUSER " + b"u" * 257 + b"\r\nquit\r\n",
     ["+OK", "-ERR Invalid user name", "+OK Bye"]),
    (A, "PASS before USER; the password is the rest of the line",
     b"PASS secret\r\nuser alice@example.org\r\npass  secret\r\nquit\r\n",
     ["-ERR USER first", "+OK", FAIL, "+OK Bye"]),
    (A, "AUTH list, '*' cancels, unknown mechanism, '=' empty response",
     b"AUTH\r\nauth plain\r\n*\r\nAUTH FOO\r\nAUTH PLAIN =\r\nquit\r\n",
     ["+OK", "PLAIN", "LOGIN", "CRAM-MD5", ".", "+ ",
      "-ERR Authentication cancelled",
      "-ERR Unsupported authentication mechanism", FAIL, "+OK Bye"]),
    (A, "bad initial responses, bad base64 continuation, double space",
     b"AUTH CRAM-MD5 abc\r\nAUTH PLAIN ***\r\nAUTH PLAIN \r\n"
     b"AUTH LOGIN\r\n!!!\r\nAUTH  PLAIN\r\nquit\r\n",
     ["-ERR Invalid initial response"] * 2 +
     [FAIL, "+ VXNlcm5hbWU6", "-ERR Invalid base64 response",
      "-ERR Unsupported authentication mechanism", "+OK Bye"]),
    (A, "AUTH LOGIN in steps, cancel at the password, extra argument",
     b"AUTH LOGIN\r\n" + b64(b"alice@example.org") +
     b"\r\n*\r\nAUTH plain x y\r\nauth Plain\r\n\r\nquit\r\n",
     ["+ VXNlcm5hbWU6", "+ UGFzc3dvcmQ6", "-ERR Authentication cancelled",
      "-ERR Invalid initial response", "+ ", FAIL, "+OK Bye"]),
    (A, "APOP without APOP=1",
     b"APOP x y\r\nAPOP\r\nquit\r\n",
     ["-ERR APOP not available"] * 2 + ["+OK Bye"]),
    (A, "ten bad commands end the session",
     b"X\r\n" * 11,
     [BAD] * 10),
    (A, "USER/PASS success, commands after PASS reach pop3d",
     b"USER alice@example.org\r\nPASS secret\r\nLIST\r\nQUIT\r\n",
     ["+OK", "+OK stub logged in as alice@example.org", "* ECHO LIST",
      "+OK bye"]),
    (A, "AUTH PLAIN with initial response, success",
     b"AUTH PLAIN " + ALICE + b"\r\nQUIT\r\n",
     ["+OK stub logged in as alice@example.org", "+OK bye"]),
    (A, "failures: USER forgotten after PASS, AUTH_FAILURES ends it",
     b"user alice@example.org\r\npass x\r\npass secret\r\n"
     b"USER bob@example.org\r\nPASS no\r\nPASS hunter2\r\n"
     b"USER bob@example.org\r\nPASS no\r\n",
     ["+OK", FAIL, "-ERR USER first", "+OK", FAIL, "-ERR USER first",
      "+OK", FAIL]),
    (A, "overlong initial response, overlong login in PLAIN",
     b"AUTH PLAIN " + b"A" * 3000 + b"\r\nAUTH PLAIN " +
     b64(b"\0" + b"a" * 300 + b"\0x") + b"\r\nquit\r\n",
     ["-ERR Invalid initial response", FAIL, "+OK Bye"]),
    (A, "password over the secret limit",
     b"USER bob\r\nPASS " + b"p" * 2000 + b"\r\nquit\r\n",
     ["+OK", FAIL, "+OK Bye"]),
    (A, "control and 8-bit bytes in the command word",
     b"\x80\xff\x01CAPA\r\n\x1b[0m\r\nquit\r\n",
     [BAD, BAD, "+OK Bye"]),
    (B, "untrusted without TLS: plaintext refused, CRAM-MD5 only",
     b"CAPA\r\nUSER alice@example.org\r\nPASS secret\r\nAUTH\r\n"
     b"AUTH PLAIN " + ALICE + b"\r\nAUTH LOGIN\r\nAUTH CRAM-MD5 x\r\n"
     b"quit\r\n",
     CAPA_CLEAR + [CLEAR, "-ERR USER first", "+OK", "CRAM-MD5", ".",
                   CLEAR, CLEAR, "-ERR Invalid initial response",
                   "+OK Bye"]),
    (C, "APOP argument shapes",
     b"APOP\r\nAPOP " + b"a" * 32 + b"\r\nAPOP x " + b"A" * 32 +
     b"\r\nAPOP  " + b"0" * 32 + b"\r\nAPOP x y " + b"0" * 31 +
     b"\r\nAPOP x " + b"0" * 33 + b"\r\nquit\r\n",
     ["-ERR Invalid APOP arguments"] * 2 + [FAIL] +
     ["-ERR Invalid APOP arguments"] * 3 + ["+OK Bye"]),
    (C, "APOP overlong name, NUL in the name",
     b"APOP " + b"n" * 300 + b" " + b"0" * 32 + b"\r\nAPOP a\0b " +
     b"0" * 32 + b"\r\nquit\r\n",
     ["-ERR Invalid APOP arguments", "-ERR Invalid command", "+OK Bye"]),
    (D, "MAX_LINE=512: one byte over is Line too long",
     b"CAPA\r\nUSER " + b"u" * 800 + b"\r\nUSER " + b"u" * 256 +
     b"\r\nUSER " + b"u" * 600 + b"\r\nPASS " + b"p" * 505 +
     b"\r\nPASS " + b"p" * 506 + b"\r\nquit\r\n",
     CAPA + ["-ERR Line too long", "+OK", "-ERR Line too long", FAIL,
             "-ERR Line too long", "+OK Bye"]),
    (D, "MAX_LINE=512: initial response at the limit",
     b"AUTH PLAIN " + b"A" * 499 + b"\r\nAUTH PLAIN " + b"A" * 500 +
     b"\r\nquit\r\n",
     ["-ERR Invalid initial response", "-ERR Line too long", "+OK Bye"]),
]


def transcript(port, data):
    """Everything the server says to data, up to its close."""
    s = socket.create_connection(("127.0.0.1", port), 10)
    s.sendall(data)
    out = b""
    try:
        while True:
            d = s.recv(65536)
            if not d:
                break
            out += d
    except ConnectionResetError:
        out += b"<RESET>"
    s.close()
    return out


def expect(greeting, lines):
    return b"".join(x.encode() + b"\r\n" for x in [greeting] + lines)


servers = {}
for server in (A, B, C, D):
    env, tls = server
    servers[id(server)] = lt.server("pop3", tls=tls,
                                   env={"LOGIN_TIMEOUT": "5", **env})
try:
    for server, name, data, want in CASES:
        got = transcript(servers[id(server)].port, data)
        # RFC 1939 7: the APOP timestamp differs on every connection.
        got = re.sub(rb"^(\+OK Ready) <[^>]*>\r\n", rb"\1 <stamp>\r\n", got)
        greeting = "+OK Ready <stamp>" if server is C else "+OK Ready"
        t.is_(got, expect(greeting, want), name)
finally:
    for srv in servers.values():
        srv.stop()
t.done()
