#!/bin/sh
# pop3.sh: pop3d vs Dovecot's pop3, RETR of a 10,000-message gen_mbox
# Maildir (messages/s, MB/s, peak RSS), plus 100,000 messages and a
# 100 MB message for bounded memory.  See pop3.py.  Not part of make check.
#   BUILD=. tests/bench/pop3.sh
set -e
cd "$(dirname "$0")/../.."
: "${BUILD:=$PWD}"
export BUILD SRC="$PWD"
exec python3 tests/bench/pop3.py
