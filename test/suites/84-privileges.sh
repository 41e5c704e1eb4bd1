#!/usr/bin/env bash
# Privileges. toon.control keeps `trusted = true` (reason: docs/hardening-evidence.md):
#  - a non-superuser with CREATE on a database creates the extension, updates
#    it from 0.1.0 and drops it; without CREATE on the database it cannot;
#  - that role and a second one with no privilege beyond CONNECT and USAGE on
#    the schema call every function (test/node/every_function.mjs);
#  - no function is SECURITY DEFINER, sets a GUC or has a grant beyond PUBLIC
#    EXECUTE; the shared library imports no file, network or process call;
#  - under strace, the backends running every function make no file, network
#    or process system call from a stack that passes through toon.so (memory
#    calls are traced too, as the positive control: a large to_toon() must
#    show mmap/brk calls from toon.so, so the attribution works).
# TOON_PLANT_FAILURE=1 (self-check): before the first CREATE EXTENSION, the
# role is granted CREATE on the database and on schema public, so the check
# "without CREATE on the database a non-superuser cannot create it" must fail;
# everything after it (every_function.mjs, strace) is skipped.
. "$(dirname "$0")/../lib.sh"
db=toon_priv; owner=toon_owner; user=toon_user
work=$(mktemp -d); chmod 755 "$work"
passed=0; failed=0
check() { if [ "$1" = 0 ]; then passed=$((passed + 1)); echo "  ok   $2"; else failed=$((failed + 1)); echo "  FAIL $2"; fi; }
q() { psql -XAtq -v ON_ERROR_STOP=1 "$@"; }
cleanup() {
    [ -n "${tracer:-}" ] && kill "$tracer" 2>/dev/null
    rm -rf "$work"
    PGOPTIONS="-c client_min_messages=warning" psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" \
        -c "DROP ROLE IF EXISTS $user" -c "DROP ROLE IF EXISTS $owner" >/dev/null 2>&1
}
trap cleanup EXIT
cleanup; work=$(mktemp -d); chmod 755 "$work"
q -d postgres -c "CREATE ROLE $owner LOGIN PASSWORD '$PGPASSWORD' NOSUPERUSER NOCREATEDB NOCREATEROLE" \
    -c "CREATE ROLE $user LOGIN PASSWORD '$PGPASSWORD' NOSUPERUSER" -c "CREATE DATABASE $db" || { report 0 1; exit 1; }
O=(-U "$owner" -d "$db"); U=(-U "$user" -d "$db")

control="${TOON_DESTDIR:-}$(pg_config --sharedir)/extension/toon.control"
check $(grep -qx 'trusted = true' "$control"; echo $?) "the installed toon.control says trusted = true"
[ -n "${TOON_PLANT_FAILURE:-}" ] && q -d "$db" -c "GRANT CREATE ON DATABASE $db TO $owner" -c "GRANT CREATE ON SCHEMA public TO $owner"   # planted
err=$(q "${O[@]}" -c "CREATE EXTENSION toon" 2>&1)
check $([[ "$err" == *"permission denied"* ]]; echo $?) "without CREATE on the database a non-superuser cannot create it"
[ -n "${TOON_PLANT_FAILURE:-}" ] && { report "$passed" "$failed"; exit; }
q -d "$db" -c "GRANT CREATE ON DATABASE $db TO $owner"
q "${O[@]}" -c "CREATE SCHEMA app" -c "CREATE EXTENSION toon VERSION '0.1.0' SCHEMA app" &&
q "${O[@]}" -c "ALTER EXTENSION toon UPDATE" && q "${O[@]}" -c "DROP EXTENSION toon" &&
q "${O[@]}" -c "CREATE EXTENSION toon SCHEMA app"
check $? "a non-superuser with CREATE on the database creates toon 0.1.0, updates it, drops it and creates it again"
check $([ "$(q -d "$db" -c "SELECT r.rolname || ' ' || r.rolsuper || ' ' || e.extversion FROM pg_extension e JOIN pg_roles r ON r.oid = e.extowner WHERE e.extname = 'toon'")" = "$owner false $(sed -n "s/^default_version *= *'\(.*\)'/\1/p" "$TOP/toon.control")" ]; echo $?) \
    "the extension belongs to the non-superuser"
q -d "$db" -c "ALTER ROLE $owner IN DATABASE $db SET search_path = app, public" \
    -c "ALTER ROLE $user IN DATABASE $db SET search_path = app, public" -c "GRANT USAGE ON SCHEMA app TO $user"

members="FROM pg_proc p JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
         JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'toon'"
check $([ "$(q -d "$db" -c "SELECT count(*) $members WHERE p.prosecdef OR p.proconfig IS NOT NULL")" = 0 ]; echo $?) \
    "no function is SECURITY DEFINER or sets a configuration parameter"
check $([ "$(q -d "$db" -c "SELECT count(*) $members WHERE NOT has_function_privilege('$user', p.oid, 'EXECUTE')")" = 0 ]; echo $?) \
    "a role without any grant may execute every function (PUBLIC EXECUTE)"

so="${TOON_DESTDIR:-}$(pg_config --pkglibdir)/toon.so"
bad=$(nm -D --undefined-only "$so" | awk '{print $NF}' | sed 's/@.*//' | grep -E \
    '^(open|open64|openat|openat64|creat|fopen|fopen64|freopen|opendir|stat|lstat|unlink|rename|mkdir|socket|connect|bind|listen|system|popen|fork|vfork|execv|execve|execvp|execl|execlp|dlopen|getenv|AllocateFile|AllocateDir|OpenTransientFile|PathNameOpenFile|BasicOpenFile|pg_file_exists)$|basic_filebuf|basic_[io]?fstream')
check $([ -z "$bad" ] && [ -s "$so" ]; echo $?) "toon.so imports no file, directory, network, process or environment call${bad:+: $bad}"

# Every function as the owner and as the unprivileged role, the postmaster
# and its backends traced meanwhile.
pm=$(head -1 "$(q -d postgres -c 'SHOW data_directory')/postmaster.pid")
# -ff: one output file per process, so a stack trace is never interleaved
# with another process's system call (with -f, an <unfinished ...> call of one
# backend could be followed by another's stack through toon.so).
strace -ff -k -qq -e trace=%file,%network,%process,%memory -o "$work/strace" -p "$pm" 2>"$work/strace_err" &
tracer=$!
# Wait until strace has attached to the postmaster (its TracerPid is set).
for _ in $(seq 1 100); do
    [ "$(sed -n 's/^TracerPid:[[:space:]]*//p' "/proc/$pm/status" 2>/dev/null)" != 0 ] && break; sleep 0.1
done
sleep 0.5
for role in "$owner" "$user"; do
    out=$(node "$TOP/test/node/every_function.mjs" "$db" "$role" "$role: ")
    echo "$out" | grep -v '^RESULT'
    read -r p f < <(echo "$out" | sed -n 's/^RESULT \([0-9]*\) \([0-9]*\)$/\1 \2/p')
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-1}))
done
# Positive control: large results make the C++ code map memory.
q "${O[@]}" -c "SELECT length(to_toon(jsonb_build_object('k', repeat('x ', 4000000)))::text)" \
    -c "SELECT length(toon_to_json(to_toon((SELECT jsonb_agg(jsonb_build_object('a', i, 'b', 'v' || i)) FROM generate_series(1, 200000) i)))::text)" \
    -c "SELECT cardinality(toon_tokens(repeat('lorem ipsum ', 400000)))" >/dev/null
sleep 1; kill -INT "$tracer"; wait "$tracer" 2>/dev/null; tracer=
mem='(mmap|munmap|mremap|brk|mprotect|madvise)'
calls=$(cat "$work"/strace.* 2>/dev/null | grep -E '^[a-z_0-9]+\(' | grep -cvE "^$mem\(")
# System calls whose stack passes through toon.so (the library's own code),
# file by file (one process each).
from_toon() {
    for f in "$work"/strace.*; do
        awk '/^[a-z_0-9]+\(/ { call = $0; next } /toon\.so/ && call != "" { print call; call = "" }' "$f"
    done
}
ours=$(from_toon | grep -vE "^$mem\(" | head -5)
ours_mem=$(from_toon | grep -cE "^$mem\(")
check $([ "${ours_mem:-0}" -gt 0 ]; echo $?) "strace positive control: ${ours_mem:-0} memory system calls traced back to toon.so"
check $([ "${calls:-0}" -gt 0 ] && [ -z "$ours" ]; echo $?) \
    "strace: ${calls:-0} file/network/process system calls by the backends, none from toon.so${ours:+: $ours}"
[ "${calls:-0}" -gt 0 ] || head -3 "$work/strace_err"
report "$passed" "$failed"
