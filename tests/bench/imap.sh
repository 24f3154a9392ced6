#!/bin/sh
# imap.sh: imapd vs Dovecot's imap on the same gen_mbox folders: SELECT
# cold/warm, FETCH FLAGS, ENVELOPE twice, SEARCH TEXT, BODY[] MB/s, idle
# session memory.  See imap.py.  Not part of make check.
#   BUILD=. tests/bench/imap.sh
#   IMAP_BENCH_SIZES="10000 100000" tests/bench/imap.sh
set -e
cd "$(dirname "$0")/../.."
: "${BUILD:=$PWD}"
export BUILD SRC="$PWD"
exec python3 tests/bench/imap.py
