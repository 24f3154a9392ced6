#!/usr/bin/env python3
"""TLS in imap-login and pop3-login: openssl s_client for STARTTLS,
STLS and implicit TLS, the STARTTLS plaintext-injection defence, TLS_MIN,
session resumption with TLS_TICKET_KEY, a bulk transfer through the relay
and a failed handshake."""
import os
import re
import socket
import ssl
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import logintest as lt  # noqa: E402
import mailtest  # noqa: E402
from tap import TAP  # noqa: E402

t = TAP()


def s_client(port, extra, text, sess=None):
    argv = ["openssl", "s_client", "-connect", f"127.0.0.1:{port}",
            "-crlf", "-ign_eof", *extra]
    if sess:
        argv += sess
    p = subprocess.run(argv, input=text.encode(), stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=20)
    return p.stdout.decode("utf-8", "replace")


def openssl_clients():
    with lt.server() as srv:
        out = s_client(srv.port, ["-starttls", "imap"],
                       "a1 LOGIN alice@example.org secret\na2 LOGOUT\n")
        t.like(out, r"a1 OK \[CAPABILITY IMAP4rev1 STUB\]",
               "openssl s_client -starttls imap: LOGIN")
        t.like(out, r"Protocol *: TLSv1\.3|New, TLSv1\.3",
               "TLS 1.3 negotiated")
    with lt.server(implicit=True) as srv:
        out = s_client(srv.port, [], "a1 LOGIN alice@example.org secret\n"
                       "a2 LOGOUT\n")
        t.like(out, r"a1 OK .*Logged in", "openssl s_client: implicit TLS")
    with lt.server("pop3") as srv:
        out = s_client(srv.port, ["-starttls", "pop3"],
                       "USER alice@example.org\nPASS secret\nQUIT\n")
        t.like(out, r"\+OK stub logged in", "openssl s_client -starttls pop3")
    with lt.server("pop3", implicit=True) as srv:
        out = s_client(srv.port, [], "USER alice@example.org\n"
                       "PASS secret\nQUIT\n")
        t.like(out, r"\+OK stub logged in", "openssl s_client: POP3S")


def injection():
    """RFC 3207 6 / RFC 2595 3.1: plaintext sent with STARTTLS is dropped."""
    with lt.server() as srv:
        c = lt.Client(srv.port)
        c.line()
        c.send("a STARTTLS\r\nb LOGIN alice@example.org secret\r\n")
        t.like(c.line(), r"^a OK", "STARTTLS with a command in the same "
               "packet")
        c.starttls()
        r = c.cmd("c NOOP")
        t.is_(r, ["c OK NOOP completed"],
              "the injected command was discarded, not run after TLS")
        c.close()
        t.ok("login user" not in srv.log(), "no login happened")
    with lt.server("pop3") as srv:
        c = lt.Client(srv.port)
        c.line()
        c.send("STLS\r\nCAPA\r\n")
        t.like(c.line(), r"^\+OK Begin TLS", "STLS with CAPA injected")
        c.starttls()
        t.is_(c.cmd("NOOP", "+OK"), ["+OK"], "injected CAPA discarded")
        c.close()


def tls_min():
    with lt.server(implicit=True, env={"TLS_MIN": "TLSv1.3"}) as srv:
        ctx = lt.tls_context()
        ctx.maximum_version = ssl.TLSVersion.TLSv1_2
        try:
            ctx.wrap_socket(socket.create_connection(
                ("127.0.0.1", srv.port), 5)).recv(100)
            ok = False
        except (ssl.SSLError, OSError):
            ok = True
        t.ok(ok, "TLS_MIN=TLSv1.3 refuses a TLS 1.2 client")
        t.ok(lt.wait_log(srv, r"tls-fail"), "tls-fail logged")
    with lt.server(implicit=True) as srv:
        ctx = lt.tls_context()
        ctx.maximum_version = ssl.TLSVersion.TLSv1_2
        s = ctx.wrap_socket(socket.create_connection(
            ("127.0.0.1", srv.port), 5))
        t.like(s.recv(200).decode(), r"^\* OK", "TLS 1.2 allowed by default")
        t.like(s.cipher()[0], r"ECDHE", "forward-secret cipher for 1.2")
        s.close()


def resumption():
    d = mailtest.tmpdir("ticket")
    key = os.path.join(d, "ticket.key")
    with open(key, "wb") as f:
        f.write(os.urandom(80))
    os.chmod(key, 0o600)
    sess = os.path.join(d, "sess.pem")
    with lt.server(implicit=True, env={"TLS_TICKET_KEY": key}) as srv:
        s_client(srv.port, ["-tls1_3"], "a LOGOUT\n", ["-sess_out", sess])
        out = s_client(srv.port, ["-tls1_3"], "a LOGOUT\n",
                       ["-sess_in", sess])
        t.like(out, r"Reused, TLSv1\.3", "TLS_TICKET_KEY: a session from "
               "one connection resumes in another")


def bulk():
    with lt.server(implicit=True) as srv:
        c = lt.Client(srv.port, implicit=True)
        c.line()
        c.cmd("l LOGIN alice@example.org secret")
        pad = "x" * 900
        n = 3000
        c.send("".join(f"* {i} {pad}\r\n" for i in range(n)) + "* LOGOUT\r\n")
        got = 0
        while True:
            line = c.line()
            if line is None or line.startswith("* BYE"):
                break
            if line.startswith("* ECHO * "):
                got += 1
        t.is_(got, n, f"{n * 900 // 1024} KiB both ways through the relay")


def garbage():
    with lt.server(implicit=True) as srv:
        s = socket.create_connection(("127.0.0.1", srv.port), 5)
        s.sendall(b"a LOGIN alice secret\r\n")
        s.settimeout(5)
        try:
            data = s.recv(100)
        except OSError:
            data = b""
        t.ok(not data or not data.startswith(b"*"),
             "plaintext on the implicit TLS port gets no IMAP answer")
        s.close()
        t.ok(lt.wait_log(srv, r"tls-fail"), "failed handshake logged")
        t.ok(re.search(r"disconnect ip=127\.0\.0\.1 reason=tls-failed|"
                       r"reason=tls-failed", srv.log()) or
             lt.wait_log(srv, r"reason=tls-failed"),
             "disconnect logged")


def sni():
    d = mailtest.tmpdir("sni")
    pem = os.path.join(d, "other.example.org.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:P-256", "-nodes", "-keyout", pem,
                    "-out", pem + ".crt", "-days", "2", "-subj",
                    "/CN=other.example.org"], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(pem, "a") as f, open(pem + ".crt") as c:
        f.write(c.read())
    os.unlink(pem + ".crt")

    def peer(port, name):
        s = lt.tls_context().wrap_socket(
            socket.create_connection(("127.0.0.1", port), 5),
            server_hostname=name)
        der = s.getpeercert(binary_form=True)
        s.close()
        return der
    with lt.server(implicit=True, env={"TLS_SNI_DIR": d}) as srv:
        t.ok(b"other.example.org" in peer(srv.port, "other.example.org"),
             "SNI: the certificate of TLS_SNI_DIR/other.example.org.pem")
        t.ok(b"localhost" in peer(srv.port, "unknown.example.org"),
             "SNI: an unknown name gets TLS_CERT")
        t.ok(b"localhost" in peer(srv.port, None), "no SNI: TLS_CERT")


openssl_clients()
sni()
injection()
tls_min()
resumption()
bulk()
garbage()
t.done()
