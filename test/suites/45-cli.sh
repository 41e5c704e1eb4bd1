#!/usr/bin/env bash
# The `toon` command-line tool (build/toon, docs/cli.md): the 516 spec
# fixtures through `toon decode`/`toon encode`, a seeded random corpus against
# the reference CLI @toon-format/cli 4.1.1 (byte for byte), token counts
# against tiktoken, Markdown and error texts against the SQL functions, exit
# statuses, files, stdin/stdout, -o, md --write, broken pipes
# (test/node/cli.mjs). TOON_CLI_SEED / TOON_CLI_COUNT override the seed and
# the number of random documents per configuration.
# TOON_PLANT_FAILURE=1 (self-check): only the first 5 decode fixtures; the
# expected value of the first one that decodes gets an extra member, so the
# comparison with `toon decode`'s output reports it (rest of cli.mjs skipped).
. "$(dirname "$0")/../lib.sh"
if ! make -s -C "$TOP" cli >/dev/null; then
    echo "could not build build/toon"
    report 0 1
    exit 1
fi
db=toon_cli
PGOPTIONS="-c client_min_messages=warning" psql -qX -d postgres -v ON_ERROR_STOP=1 \
     -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null &&
psql -qX -d "$db" -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION toon' >/dev/null || { report 0 1; exit 1; }
out=$(mktemp)
(cd "$TOP/test/node" && PGDATABASE=$db node cli.mjs "$TOP/build/toon" "$TOP/test/fixtures/spec") 2>&1 | tee "$out"
read -r p f < <(sed -n 's/^RESULT \([0-9]*\) \([0-9]*\)$/\1 \2/p' "$out")
rm -f "$out"
psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null
# A crash before the summary line is one failure.
report "${p:-0}" "${f:-1}"
