#!/bin/sh
# auth-timing.sh: unknown login vs wrong password take the same time in
# checkpassword-cdb (statistical; TRIES=300 TOLERANCE=0.15 by default).
exec python3 "$(dirname "$0")/auth-timing.py"
