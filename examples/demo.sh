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
echo "== throwaway cluster"
"$TOP/test/cluster" psql -X -q -v ON_ERROR_STOP=1 -f "$TOP/examples/demo.sql"
