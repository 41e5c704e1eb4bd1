#!/usr/bin/env bash
# make demo: sets up what is missing, builds, installs into tmp_install/,
# starts a throwaway PostgreSQL cluster and runs examples/demo.sql in it.
# Nothing is installed into the system; the cluster is removed afterwards.
set -uo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
cd "$TOP"
"$TOP/test/setup" || exit 1
echo "== build"
make -s -j"$(nproc)" all || exit 1
TOON_DESTDIR="$TOP/tmp_install"
rm -rf "$TOON_DESTDIR"
make -s install DESTDIR="$TOON_DESTDIR" >/dev/null || exit 1
port=${TOON_TEST_PORT:-}
if [ -z "$port" ]; then
    for port in $(seq 5433 5532); do [ -e "/var/run/postgresql/.s.PGSQL.$port" ] || [ -e "/tmp/.s.PGSQL.$port" ] || break; done
fi
echo "== throwaway cluster on port $port"
pg_virtualenv -t -c "-p $port" -o "extension_destdir=$TOON_DESTDIR" \
    psql -X -q -v ON_ERROR_STOP=1 -f "$TOP/examples/demo.sql"
