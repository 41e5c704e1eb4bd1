#!/usr/bin/env bash
# Read replicas: a streaming hot standby of the test cluster, built on
# loopback with pg_basebackup (port TOON_REPLICA_PORT, default PGPORT + 1),
# runs every function of the extension (test/node/every_function.mjs), reads
# a table with a toon column, generated columns and an expression index that
# the primary wrote (same contents, index used on the standby) and sees rows
# written after it started once they are replayed.
# TOON_PLANT_FAILURE=1 (self-check): no standby (the primary stands in for
# it), and its read of the 2000 rows is done in the reverse order, so the
# check "standby reads the primary's 2000 rows identically" must fail; the
# other checks are skipped.
. "$(dirname "$0")/../lib.sh"
db=toon_replica
rport=${TOON_REPLICA_PORT:-$((PGPORT + 1))}
passed=0; failed=0
plant=false; [ -n "${TOON_PLANT_FAILURE:-}" ] && plant=true
check() { if [ "$1" = 0 ]; then passed=$((passed + 1)); echo "  ok   $2"; else failed=$((failed + 1)); echo "  FAIL $2"; fi; }
q() { psql -XAtq -v ON_ERROR_STOP=1 "$@"; }
# The cluster runs as postgres when we are root (pg_virtualenv); the standby too.
as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
bindir=$(pg_config --bindir)
work=$(mktemp -d); chmod 755 "$work"
[ "$(id -u)" -eq 0 ] && chown postgres "$work"
standby=$work/standby
cleanup() {
    [ -f "$standby/postmaster.pid" ] && as_owner "$bindir/pg_ctl" -D "$standby" -m immediate stop >/dev/null 2>&1
    rm -rf "$work"
    PGOPTIONS="-c client_min_messages=warning" psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
}
trap cleanup EXIT

PGOPTIONS="-c client_min_messages=warning" psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null &&
q -d "$db" >/dev/null <<'SQL' || { report 0 1; exit 1; }
CREATE EXTENSION toon;
CREATE TABLE docs (
    id int PRIMARY KEY,
    doc toon NOT NULL,
    j jsonb GENERATED ALWAYS AS (toon_to_jsonb(doc)) STORED,
    tokens int GENERATED ALWAYS AS (toon_token_count(doc)) STORED
);
CREATE INDEX docs_name ON docs ((toon_to_jsonb(doc) ->> 'name'));
INSERT INTO docs (id, doc)
SELECT i, to_toon(jsonb_build_object('id', i, 'name', 'n' || i, 'rows',
                  (SELECT jsonb_agg(jsonb_build_object('k', k, 'v', repeat('é', k))) FROM generate_series(1, i % 9) k)),
                  (ARRAY[',', '|', 'tab'])[1 + i % 3], 1 + i % 3)
  FROM generate_series(1, 2000) i;
SQL

if ! $plant; then
    # Base backup over a replication connection on loopback; -R writes
    # standby.signal and primary_conninfo. Debian keeps the configuration
    # outside the data directory, so the standby gets a minimal one.
    as_owner env PGPASSWORD="$PGPASSWORD" "$bindir/pg_basebackup" -h localhost -p "$PGPORT" -U "$PGUSER" \
        -D "$standby" -R -X stream -c fast >"$work/basebackup.log" 2>&1
    check $? "pg_basebackup -R -X stream from port $PGPORT"
    cat > "$work/standby.conf" <<CONF
port = $rport
listen_addresses = ''
unix_socket_directories = '$work'
hot_standby = on
extension_destdir = '${TOON_DESTDIR:-}'
max_stack_depth = '7MB'
CONF
    [ -n "${TOON_DESTDIR:-}" ] || sed -i '/extension_destdir/d' "$work/standby.conf"
    cp "$work/standby.conf" "$standby/postgresql.conf"
    printf 'local all all trust\n' > "$standby/pg_hba.conf"
    [ "$(id -u)" -eq 0 ] && chown postgres "$standby/postgresql.conf" "$standby/pg_hba.conf"
    as_owner "$bindir/pg_ctl" -D "$standby" -l "$work/standby.log" -w -t 60 start >/dev/null
    check $? "hot standby started on port $rport"
    S=(-h "$work" -p "$rport" -U "$PGUSER")
    check $([ "$(q "${S[@]}" -d "$db" -c "SELECT pg_is_in_recovery()")" = t ] &&
            [ "$(q -d postgres -c "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'")" = 1 ]; echo $?) \
        "the standby is in recovery and streaming from the primary"

    # Every function on the standby (read-only transactions only).
    out=$(PGHOST=$work PGPORT=$rport node "$TOP/test/node/every_function.mjs" "$db" "" "standby: ")
    echo "$out" | grep -v '^RESULT'
    read -r p f < <(echo "$out" | sed -n 's/^RESULT \([0-9]*\) \([0-9]*\)$/\1 \2/p')
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-1}))
else
    S=()   # planted: the primary stands in for the standby
fi

sum="SELECT md5(string_agg(id || doc::text || j::text || tokens || toon_to_markdown(doc) || toon_to_json(doc)::text, '|' ORDER BY id)) FROM docs"
ssum=$sum; $plant && ssum=${sum/ORDER BY id/ORDER BY id DESC}   # planted: the rows in another order
check $([ "$(q "${S[@]}" -d "$db" -c "$ssum")" = "$(q -d "$db" -c "$sum")" ]; echo $?) \
    "standby reads the primary's 2000 rows identically (doc, generated columns, Markdown, JSON)"
$plant && { report "$passed" "$failed"; exit; }
plan=$(q "${S[@]}" -d "$db" -c "SET enable_seqscan = off" -c "EXPLAIN (COSTS OFF) SELECT id FROM docs WHERE toon_to_jsonb(doc) ->> 'name' = 'n77'")
got=$(q "${S[@]}" -d "$db" -c "SET enable_seqscan = off" -c "SELECT id FROM docs WHERE toon_to_jsonb(doc) ->> 'name' = 'n77'")
check $([[ "$plan" == *docs_name* ]] && [ "$got" = 77 ]; echo $?) "standby uses the expression index on toon_to_jsonb"
# Writes after the base backup arrive through streaming.
q -d "$db" -c "INSERT INTO docs (id, doc) VALUES (5001, E'name: late\ntags[2|]: a|b')"
lsn=$(q -d "$db" -c "SELECT pg_current_wal_lsn()")
for _ in $(seq 1 100); do
    [ "$(q "${S[@]}" -d "$db" -c "SELECT pg_last_wal_replay_lsn() >= '$lsn'")" = t ] && break; sleep 0.1
done
check $([ "$(q "${S[@]}" -d "$db" -c "SET enable_seqscan = off" -c "SELECT toon_to_json(doc)::text || tokens FROM docs WHERE toon_to_jsonb(doc) ->> 'name' = 'late'")" = \
          "{\"name\":\"late\",\"tags\":[\"a\",\"b\"]}$(q -d "$db" -c "SELECT toon_token_count(E'name: late\ntags[2|]: a|b')")" ]; echo $?) \
    "a row written after the standby started is replayed and read through the index"
# The standby refuses writes cleanly (it is really read-only).
err=$(q "${S[@]}" -d "$db" -c "INSERT INTO docs (id, doc) VALUES (9999, 'a: 1')" 2>&1)
check $([[ "$err" == *"read-only transaction"* ]]; echo $?) "writes on the standby fail with a read-only error"
grep -E 'PANIC|FATAL|server process .* was terminated' "$work/standby.log" | head -3
check $(! grep -qE 'PANIC|server process .* was terminated' "$work/standby.log"; echo $?) "no backend crash in the standby's log"
report "$passed" "$failed"
