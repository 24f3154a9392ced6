#!/bin/sh
# lmtp.sh: LMTP delivery throughput, lmtpd against Dovecot's lmtp in the
# same run, same disk (a temporary directory), fsync on for both
# (Dovecot: mail_fsync = always).  10,000 gen_mbox messages over several
# parallel connections, a few recipients each; prints messages/s,
# recipients/s and the ratios.  Needs root (Dovecot's master).
# Not part of make check.
#
#   BUILD=. tests/bench/lmtp.sh  [LMTP_BENCH_MESSAGES=10000]
#       [LMTP_BENCH_CONNECTIONS=4] [LMTP_BENCH_RCPTS=3] [LMTP_BENCH_USERS=20]
#       [LMTP_BENCH_ROUNDS=4] [LMTP_BENCH_UIDS=per-user]
#
# Both servers run side by side; the messages are sent in rounds that
# alternate which server goes first, so that load from anything else on
# the machine falls on both alike.
#
# Dovecot runs as Debian ships it apart from mail_fsync = always (its
# default "optimized" also fsyncs saved mail); it maintains its index
# files as usual, lmtpd has none.
set -u
here=$(cd "$(dirname "$0")" && pwd)
exec python3 "$here/lmtp.py" "$@"
