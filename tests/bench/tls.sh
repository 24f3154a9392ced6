#!/bin/sh
# tls.sh: TLS handshakes per second and bulk bytes per second through
# imap-login's TLS relay, against Dovecot's imap-login on the same
# machine in the same run (Dovecot from Debian, a private configuration
# in a temporary directory, loopback ports).  Not part of make check.
#
#   BUILD=. tests/bench/tls.sh    [BENCH_SECONDS=5] [BENCH_MB=64]
set -u
here=$(cd "$(dirname "$0")" && pwd)
exec python3 "$here/tls.py" "$@"
