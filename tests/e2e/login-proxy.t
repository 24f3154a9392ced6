#!/usr/bin/env python3
"""PROXY_PROTOCOL=1: v1 and v2 headers give the client address to the
chain (TCPREMOTEIP/TCPREMOTEPORT, log lines); a missing or malformed
header drops the connection; v2 LOCAL keeps the socket address; the
header comes before the TLS handshake on implicit-TLS ports."""
import os
import socket
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import logintest as lt  # noqa: E402
from tap import TAP  # noqa: E402

t = TAP()
V2SIG = b"\r\n\r\n\0\r\nQUIT\n"


def v2(cmd, fam, addrs):
    return V2SIG + bytes([0x20 | cmd, fam]) + struct.pack("!H", len(addrs)) \
        + addrs


def v2_tcp4(src, dst, sport, dport, tlv=b""):
    a = socket.inet_aton(src) + socket.inet_aton(dst) + \
        struct.pack("!HH", sport, dport) + tlv
    return v2(1, 0x11, a)


def v2_tcp6(src, dst, sport, dport):
    a = socket.inet_pton(socket.AF_INET6, src) + \
        socket.inet_pton(socket.AF_INET6, dst) + \
        struct.pack("!HH", sport, dport)
    return v2(1, 0x21, a)


def env_after_login(port, header, implicit=False):
    c = lt.Client(port)
    c.send(header)
    if implicit:
        c.starttls()
    g = c.line()
    if g is None:
        return None
    c.cmd("a LOGIN alice@example.org secret")
    r = c.cmd("b ENV")
    c.close()
    return dict(x[6:].split("=", 1) for x in r if x.startswith("* ENV "))


with lt.server(tls=False, env={"PROXY_PROTOCOL": "1", "TRUSTED": "1"}) as s:
    e = env_after_login(s.port, b"PROXY TCP4 192.0.2.7 198.51.100.1 "
                        b"40000 143\r\n")
    t.is_((e["TCPREMOTEIP"], e["TCPREMOTEPORT"], e["TCPLOCALIP"],
           e["TCPLOCALPORT"]), ("192.0.2.7", "40000", "198.51.100.1", "143"),
          "v1 TCP4: addresses passed on")
    e = env_after_login(s.port, b"PROXY TCP6 2001:db8::5 2001:db8::1 "
                        b"5555 143\r\n")
    t.is_(e["TCPREMOTEIP"], "2001:db8::5", "v1 TCP6")
    e = env_after_login(s.port, v2_tcp4("203.0.113.9", "10.0.0.1", 1234,
                                        143, b"\x04\x00\x01X"))
    t.is_((e["TCPREMOTEIP"], e["TCPREMOTEPORT"]), ("203.0.113.9", "1234"),
          "v2 TCP4 with a TLV")
    e = env_after_login(s.port, v2_tcp6("2001:db8::9", "2001:db8::1", 9,
                                        143))
    t.is_(e["TCPREMOTEIP"], "2001:db8::9", "v2 TCP6")
    e = env_after_login(s.port, v2(0, 0, b""))
    t.is_(e["TCPREMOTEIP"], "127.0.0.1", "v2 LOCAL keeps the socket address")
    e = env_after_login(s.port, b"PROXY UNKNOWN\r\n")
    t.is_(e["TCPREMOTEIP"], "127.0.0.1", "v1 UNKNOWN keeps it too")
    t.ok(lt.wait_log(s, r"login user=alice@example\.org .*ip=192\.0\.2\.7"),
         "the log line carries the proxied address")
    for name, hdr in (("missing header", b"a1 NOOP\r\n"),
                      ("bad v1 address", b"PROXY TCP4 1.2.3 4.5.6.7 1 2\r\n"),
                      ("bad v1 port", b"PROXY TCP4 1.2.3.4 4.5.6.7 99999 2\r\n"),
                      ("v1 without CR", b"PROXY TCP4 1.2.3.4 4.5.6.7 1 2\n"),
                      ("v2 bad version", V2SIG + b"\x31\x11\x00\x0c" +
                       b"\0" * 12),
                      ("v2 too short for TCP4", v2(1, 0x11, b"\0" * 4))):
        c = lt.Client(s.port)
        c.send(hdr)
        t.ok(c.eof(), f"{name}: connection dropped")
        c.close()
    t.ok(lt.wait_log(s, r"reason=proxy-header-invalid"), "logged")

with lt.server(implicit=True, env={"PROXY_PROTOCOL": "1"}) as s:
    e = env_after_login(s.port, v2_tcp4("192.0.2.44", "10.0.0.1", 5000,
                                        993), implicit=True)
    t.is_(e and e["TCPREMOTEIP"], "192.0.2.44",
          "v2 header before the TLS handshake (implicit TLS)")
with lt.server("pop3", tls=False, env={"PROXY_PROTOCOL": "1",
                                       "TRUSTED": "1"}) as s:
    c = lt.Client(s.port)
    c.send(b"PROXY TCP4 192.0.2.8 198.51.100.1 4 110\r\n")
    c.line()
    c.cmd("USER alice@example.org", "+OK")
    c.cmd("PASS secret", "+OK")
    r = c.cmd("ENV", "* ENV USER")
    t.ok("* ENV TCPREMOTEIP=192.0.2.8" in r, "pop3-login: v1 header")
    c.close()
t.done()
