#!/usr/bin/env bash
# Upgrades and dump/restore.
#  - CREATE EXTENSION toon VERSION '0.1.0' + ALTER EXTENSION toon UPDATE gives
#    exactly a fresh install of the default version: test/hardening/catalog.sql
#    (every member, function property, default, comment, cast, type, operator)
#    is compared line by line. Negative controls show the comparison sees an
#    extra member function and a changed volatility.
#  - Data stored under 0.1.0 (toon column, generated columns, expression
#    indexes, CHECK constraint, view) reads the same after the update, and the
#    indexes pass amcheck's heap-all-indexed check. The update warns that
#    toon_is_valid's default changed and names the objects that call it.
#  - pg_dump (custom and plain formats) of that database restores into new
#    databases with identical contents, generated columns recomputed equal,
#    indexes valid and used, and the extension objects equal a fresh install.
# TOON_PLANT_FAILURE=1 (self-check): after the update, toon_token_count(text,
# text) of the updated database is made STABLE, so the catalog comparison with
# the fresh install must report it; the negative controls, data checks and
# dump/restore are skipped (two databases only).
. "$(dirname "$0")/../lib.sh"
cur=$(sed -n "s/^default_version *= *'\(.*\)'/\1/p" "$TOP/toon.control")
up=toon_up; fresh=toon_fresh; r1=toon_restore_c; r2=toon_restore_p
work=$(mktemp -d); chmod 755 "$work"
trap 'rm -rf "$work"' EXIT
passed=0; failed=0
check() { if [ "$1" = 0 ]; then passed=$((passed + 1)); echo "  ok   $2"; else failed=$((failed + 1)); echo "  FAIL $2"; fi; }
q() { psql -XAtq -v ON_ERROR_STOP=1 -d "$@"; }
dropall() { PGOPTIONS="-c client_min_messages=warning" psql -qX -d postgres \
    -c "DROP DATABASE IF EXISTS $up" -c "DROP DATABASE IF EXISTS $fresh" \
    -c "DROP DATABASE IF EXISTS $r1" -c "DROP DATABASE IF EXISTS $r2" >/dev/null; }
dropall
dbs="$up $fresh $r1 $r2"; [ -n "${TOON_PLANT_FAILURE:-}" ] && dbs="$up $fresh"
for d in $dbs; do psql -qX -d postgres -c "CREATE DATABASE $d" >/dev/null || { report 0 1; exit 1; }; done

# ---- ALTER EXTENSION UPDATE from 0.1.0 equals a fresh install
q "$up" -c "CREATE EXTENSION toon VERSION '0.1.0'" -c "CREATE EXTENSION amcheck"
check $? "CREATE EXTENSION toon VERSION '0.1.0'"
# Data written by 0.1.0: documents in several indent sizes and delimiters.
q "$up" >/dev/null <<'SQL'
CREATE TABLE docs (
    id int PRIMARY KEY,
    doc toon NOT NULL CHECK (toon_is_valid(doc::text, true, 0)),
    j jsonb GENERATED ALWAYS AS (toon_to_jsonb(doc)) STORED,
    tokens int GENERATED ALWAYS AS (toon_token_count(doc)) STORED
);
INSERT INTO docs (id, doc)
SELECT i, to_toon(jsonb_build_object('id', i, 'name', 'n' || i || repeat(' ü€😀', i % 3),
                  'rows', (SELECT jsonb_agg(jsonb_build_object('k', k, 'v', k * i)) FROM generate_series(1, i % 7) k),
                  'x', i::numeric / 3), (ARRAY[',', '|', 'tab'])[1 + i % 3], 1 + i % 4)
  FROM generate_series(1, 300) i;
CREATE INDEX docs_name ON docs ((toon_to_jsonb(doc) ->> 'name'));
CREATE INDEX docs_tokens ON docs (toon_token_count(doc, 'cl100k_base'));
CREATE INDEX docs_md ON docs (md5(toon_to_markdown(doc, 0, false)));
CREATE VIEW docs_view AS SELECT id, toon_to_json(doc) AS js, to_toon(j, '|') AS piped FROM docs;
CREATE TABLE raw_docs (id int, raw text);
CREATE INDEX raw_valid ON raw_docs (id) WHERE toon_is_valid(raw);
SQL
check $? "0.1.0: table with toon column, generated columns, expression indexes, CHECK, view"
q "$up" -c "SELECT md5(string_agg(id || doc::text || j::text || tokens, '|' ORDER BY id)) FROM docs" > "$work/before"
q "$up" -c "ALTER EXTENSION toon UPDATE" 2> "$work/update.err"
check $? "ALTER EXTENSION toon UPDATE"
# toon_is_valid's default indent_size changed (2 -> 0): the update names what
# holds answers of the old default (the partial index, the CHECK constraint).
check $(grep -q '^WARNING:  toon_is_valid() now defaults to indent_size 0' "$work/update.err" &&
        grep -q '^DETAIL: .*constraint docs_doc_check on table docs, index raw_valid\.' "$work/update.err" &&
        grep -q '^HINT:  Rebuild .*REINDEX' "$work/update.err"; echo $?) \
    "the update warns that toon_is_valid's default changed and names the index and constraint that use it"
check $([ "$(q "$up" -c "SELECT extversion FROM pg_extension WHERE extname = 'toon'")" = "$cur" ]; echo $?) \
    "updated extension is at the default version $cur"
q "$fresh" -c "CREATE EXTENSION toon"
[ -n "${TOON_PLANT_FAILURE:-}" ] && q "$up" -c "ALTER FUNCTION toon_token_count(text, text) STABLE"   # planted
q "$up" -f "$TOP/test/hardening/catalog.sql" > "$work/up.catalog"
q "$fresh" -f "$TOP/test/hardening/catalog.sql" > "$work/fresh.catalog"
n=$(wc -l < "$work/fresh.catalog")
if diff "$work/fresh.catalog" "$work/up.catalog" > "$work/diff"; then
    check 0 "updated 0.1.0 equals a fresh $cur install ($n catalog facts compared)"
else
    check 1 "updated 0.1.0 differs from a fresh $cur install (< fresh, > updated):"; sed 's/^/      /' "$work/diff" | head -20
fi
[ -n "${TOON_PLANT_FAILURE:-}" ] && { dropall; report "$passed" "$failed"; exit; }
# Negative controls: the comparison notices a function the update would lack
# and a changed property.
q "$fresh" -c "CREATE FUNCTION toon_extra(toon) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT 1'" \
    -c "ALTER EXTENSION toon ADD FUNCTION toon_extra(toon)" \
    -c "ALTER FUNCTION toon_token_count(text, text) STABLE"
q "$fresh" -f "$TOP/test/hardening/catalog.sql" > "$work/fresh2.catalog"
nd=$(diff "$work/fresh2.catalog" "$work/up.catalog" | grep -cE '^[<>]')
check $([ "$nd" -ge 3 ] && diff "$work/fresh2.catalog" "$work/up.catalog" | grep -q 'toon_extra' &&
        diff "$work/fresh2.catalog" "$work/up.catalog" | grep -q 'toon_token_count(text,text).*volatile=s'; echo $?) \
    "negative control: an extra member function and a changed volatility show up ($nd differing lines)"

# ---- data stored under 0.1.0 after the update
check $([ "$(q "$up" -c "SELECT md5(string_agg(id || doc::text || j::text || tokens, '|' ORDER BY id)) FROM docs")" = "$(cat "$work/before")" ]; echo $?) \
    "rows stored under 0.1.0 read the same after the update"
check $([ "$(q "$up" -c "SELECT count(*) FROM docs WHERE j IS DISTINCT FROM toon_to_jsonb(doc) OR tokens <> toon_token_count(doc::text)")" = 0 ]; echo $?) \
    "generated columns stored under 0.1.0 equal the updated functions' results"
amcheck() {
    q "$1" -c "SELECT count(bt_index_check(c.oid, true)) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = 'docs'::regclass" 2>&1
}
check $([ "$(amcheck "$up")" = 4 ]; echo $?) "amcheck (heapallindexed) passes on the 4 indexes after the update"

# ---- pg_dump / restore of the updated database
q "$up" -c "INSERT INTO docs (id, doc) VALUES (1000, E'a:\n        b[2\t]: x\ty\n        c: \"q:\\\\\"\"')"
check $? "a document indented by 8 with a tab-delimited array and an escaped quote stored"
pg_dump -Fc -d "$up" -f "$work/dump.custom" && pg_restore -d "$r1" --exit-on-error "$work/dump.custom"
check $? "pg_dump -Fc | pg_restore into a new database"
pg_dump -Fp -d "$up" -f "$work/dump.sql" && q "$r2" -f "$work/dump.sql" >/dev/null
check $? "pg_dump -Fp | psql into a new database"
rowsum="SELECT md5(string_agg(id || doc::text || j::text || tokens || toon_to_markdown(doc), '|' ORDER BY id)) FROM docs"
want=$(q "$up" -c "$rowsum")
for d in $r1 $r2; do
    check $([ "$(q "$d" -c "$rowsum")" = "$want" ]; echo $?) "$d: contents equal the source's (301 rows, generated columns recomputed)"
    check $([ "$(q "$d" -c "SELECT md5(string_agg(js::text || piped::text, '|' ORDER BY id)) FROM docs_view")" = \
              "$(q "$up" -c "SELECT md5(string_agg(js::text || piped::text, '|' ORDER BY id)) FROM docs_view")" ]; echo $?) \
        "$d: the view using toon_to_json and to_toon gives the same rows"
    check $([ "$(amcheck "$d")" = 4 ]; echo $?) "$d: the 4 indexes are valid (amcheck heapallindexed)"
    plan=$(q "$d" -c "SET enable_seqscan = off" -c "EXPLAIN (COSTS OFF) SELECT id FROM docs WHERE toon_to_jsonb(doc) ->> 'name' = 'n7 ü€😀'")
    got=$(q "$d" -c "SET enable_seqscan = off" -c "SELECT string_agg(id::text, ',') FROM docs WHERE toon_to_jsonb(doc) ->> 'name' = 'n7 ü€😀'")
    check $([[ "$plan" == *docs_name* ]] && [ "$got" = 7 ]; echo $?) "$d: the expression index on toon_to_jsonb is used and finds the row"
    q "$d" -f "$TOP/test/hardening/catalog.sql" > "$work/$d.catalog"
    check $(diff -q "$work/$d.catalog" "$work/fresh.catalog" >/dev/null; echo $?) "$d: restored extension objects equal a fresh install"
done
dropall
report "$passed" "$failed"
