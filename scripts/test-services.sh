#!/bin/sh
# Private, real redis-server + PostgreSQL for tests (never mocks), on unix
# sockets under DIR/services/, as an unprivileged user when run as root.
#
#   eval "$(scripts/test-services.sh start DIR)"   # exports TITO_REDIS_URL, TITO_DATABASE_URL
#   scripts/test-services.sh status DIR
#   scripts/test-services.sh stop DIR              # stops both (DIR is left; rm -rf it yourself)
#
# DIR should be short (unix socket paths are limited to ~100 bytes) and
# reachable by the service user when root (e.g. mktemp -d /tmp/tito-XXXXXX,
# chmod 755). Uses the tito binary: $TITO_BIN, else build*/tito next to this
# script. The schema is migrated on start.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
tito=${TITO_BIN:-}
if [ -z "$tito" ]; then
    for b in "$here"/build/tito "$here"/build*/tito; do
        if [ -x "$b" ]; then tito=$b; break; fi
    done
fi
if [ -z "$tito" ] || [ ! -x "$tito" ]; then
    echo "test-services.sh: tito binary not found (build it or set TITO_BIN)" >&2
    exit 3
fi
if [ $# -ne 2 ]; then
    echo "usage: $0 start|stop|status DIR" >&2
    exit 2
fi
cmd=$1 dir=$2
case $cmd in
start)
    mkdir -p "$dir"
    chmod 755 "$dir"
    env -u TITO_REDIS_URL -u TITO_DATABASE_URL "$tito" services start --state-dir "$dir" --env ;;
stop|status)
    "$tito" services "$cmd" --state-dir "$dir" ;;
*)
    echo "usage: $0 start|stop|status DIR" >&2
    exit 2 ;;
esac
