-- make demo: a context API for an AI coding agent, served from PostgreSQL.
--
-- An agent saves "checkpoints" of its work (what it changed, which tests ran,
-- what it noted). Another agent, or a person, asks for one checkpoint:
--
--     GET /checkpoints/{id}?format=json|toon|md
--
-- Each format is one column of one view, so the endpoint is one SQL query.
-- TOON is what you send to the model (same data as JSON, far fewer tokens),
-- Markdown is what you show to a person. See examples/README.md.
\set ON_ERROR_STOP 1
\pset null '(null)'
SET client_min_messages = warning;
SET timezone = 'UTC';
CREATE EXTENSION IF NOT EXISTS toon;

-- Which optional features are installed (the demo shows what exists).
SELECT EXISTS (SELECT FROM pg_proc WHERE proname = 'toon_to_markdown') AS has_markdown,
       EXISTS (SELECT FROM pg_proc WHERE proname = 'toon_token_count') AS has_tokens
\gset

\echo
\echo '================================================================'
\echo ' 1. Relational data: checkpoints of an agent''s coding session'
\echo '================================================================'
CREATE TABLE checkpoints (
    id          int PRIMARY KEY,
    session     text NOT NULL,
    created_at  timestamptz NOT NULL,
    title       text NOT NULL,
    status      text NOT NULL CHECK (status IN ('in_progress', 'done', 'blocked'))
);
CREATE TABLE checkpoint_files (
    checkpoint_id int REFERENCES checkpoints,
    path          text,
    change        text,
    added         int,
    removed       int,
    PRIMARY KEY (checkpoint_id, path)
);
CREATE TABLE checkpoint_tests (
    checkpoint_id int REFERENCES checkpoints,
    suite         text,
    passed        int,
    failed        int,
    seconds       numeric(6,2),
    PRIMARY KEY (checkpoint_id, suite)
);
CREATE TABLE checkpoint_notes (
    checkpoint_id int REFERENCES checkpoints,
    n             int,
    note          text,
    PRIMARY KEY (checkpoint_id, n)
);

INSERT INTO checkpoints VALUES
  (41, 'sess-7f3a', '2026-11-20 09:14:00Z', 'Add retry with backoff to the payment client', 'done'),
  (42, 'sess-7f3a', '2026-11-20 10:02:00Z', 'Fix flaky refund test, document idempotency keys', 'in_progress');
INSERT INTO checkpoint_files VALUES
  (41, 'src/payments/client.py',        'modified', 48, 12),
  (41, 'src/payments/backoff.py',       'added',    61,  0),
  (41, 'tests/test_client.py',          'modified', 35,  4),
  (42, 'tests/test_refunds.py',         'modified', 22,  9),
  (42, 'docs/idempotency.md',           'added',    40,  0),
  (42, 'src/payments/refunds.py',       'modified',  6,  2),
  (42, 'src/payments/client.py',        'modified',  3,  1);
INSERT INTO checkpoint_tests VALUES
  (41, 'unit',        212, 0, 8.40),
  (41, 'integration',  37, 0, 61.25),
  (42, 'unit',        214, 1, 8.71),
  (42, 'integration',  37, 0, 60.90),
  (42, 'refunds',      18, 2, 4.05);
INSERT INTO checkpoint_notes VALUES
  (41, 1, 'Backoff: 100 ms base, x2, full jitter, max 5 attempts'),
  (41, 2, 'Only retry on 429/503 and connection errors'),
  (42, 1, 'test_partial_refund fails when run after test_void: shared fixture, see #311'),
  (42, 2, 'Keys are "<order_id>:<attempt>", e.g. "A-1009:2"'),
  (42, 3, 'TODO: ask whether refunds over $10,000 need manual review');

SELECT id, session, created_at, title, status FROM checkpoints ORDER BY id;
SELECT * FROM checkpoint_files WHERE checkpoint_id = 42 ORDER BY path;

\echo
\echo '================================================================'
\echo ' 2. One document per checkpoint (json), and its TOON (to_toon)'
\echo '================================================================'
-- The document an agent gets: the checkpoint with its files, tests and notes.
CREATE VIEW checkpoint_doc AS
SELECT c.id,
       json_build_object(
         'checkpoint', json_build_object('id', c.id, 'session', c.session, 'created_at', c.created_at,
                                         'title', c.title, 'status', c.status),
         'files', (SELECT json_agg(json_build_object('path', f.path, 'change', f.change,
                                                     'added', f.added, 'removed', f.removed) ORDER BY f.path)
                     FROM checkpoint_files f WHERE f.checkpoint_id = c.id),
         'tests', (SELECT json_agg(json_build_object('suite', t.suite, 'passed', t.passed,
                                                     'failed', t.failed, 'seconds', t.seconds) ORDER BY t.suite)
                     FROM checkpoint_tests t WHERE t.checkpoint_id = c.id),
         'notes', (SELECT json_agg(n.note ORDER BY n.n) FROM checkpoint_notes n WHERE n.checkpoint_id = c.id)
       ) AS doc
  FROM checkpoints c;

\echo
\echo 'The JSON an API would usually send for checkpoint 42 (pretty-printed by jsonb_pretty,'
\echo 'which also puts the keys in jsonb order):'
\pset format unaligned
\pset tuples_only on
SELECT jsonb_pretty(doc::jsonb) FROM checkpoint_doc WHERE id = 42;
\echo
\echo 'The same data as TOON: to_toon(doc)  -- arrays of uniform objects become tables:'
SELECT to_toon(doc) FROM checkpoint_doc WHERE id = 42;
\pset format aligned
\pset tuples_only off

\echo
\echo '================================================================'
\echo ' 3. The endpoint: GET /checkpoints/{id}?format=json|toon|md'
\echo '================================================================'
-- One row per (checkpoint, format) with the HTTP content type and body.
\if :has_markdown
CREATE VIEW checkpoint_api AS
SELECT d.id, f.format, f.content_type, f.body
  FROM checkpoint_doc d
 CROSS JOIN LATERAL (VALUES
        ('json', 'application/json', d.doc::text),
        ('toon', 'text/toon',        to_toon(d.doc)::text),
        ('md',   'text/markdown',    toon_to_markdown(to_toon(d.doc)))
       ) AS f(format, content_type, body);
\else
\echo '(toon_to_markdown() is not installed in this build: format=md is left out)'
CREATE VIEW checkpoint_api AS
SELECT d.id, f.format, f.content_type, f.body
  FROM checkpoint_doc d
 CROSS JOIN LATERAL (VALUES
        ('json', 'application/json', d.doc::text),
        ('toon', 'text/toon',        to_toon(d.doc)::text)
       ) AS f(format, content_type, body);
\endif

-- The web handler runs exactly this, with $1 = id and $2 = format:
PREPARE get_checkpoint(int, text) AS
  SELECT content_type, body FROM checkpoint_api WHERE id = $1 AND format = $2;

\echo
\echo 'EXECUTE get_checkpoint(41, ''toon'');   -- what the model receives (content type, body):'
\echo
\pset format unaligned
\pset tuples_only on
\pset fieldsep '\n\n'
EXECUTE get_checkpoint(41, 'toon');
\if :has_markdown
\echo
\echo 'EXECUTE get_checkpoint(41, ''md'');     -- what a person sees (content type, body):'
\echo
EXECUTE get_checkpoint(41, 'md');
\endif
\pset fieldsep '|'
\pset format aligned
\pset tuples_only off

\echo
\echo '================================================================'
\echo ' 4. What TOON saves: JSON vs TOON, per checkpoint'
\echo '================================================================'
-- Compact JSON (no spaces, as JSON.stringify writes it) is the fair baseline;
-- pretty-printed JSON is what many APIs and prompts actually contain.
CREATE VIEW checkpoint_sizes AS
SELECT id,
       to_toon(doc)::json::text   AS compact_json,
       jsonb_pretty(doc::jsonb)   AS pretty_json,
       to_toon(doc)::text         AS toon
  FROM checkpoint_doc;
\if :has_tokens
SELECT id,
       octet_length(compact_json)            AS json_bytes,
       octet_length(toon)                    AS toon_bytes,
       toon_token_count(compact_json)        AS json_tokens,
       toon_token_count(pretty_json)         AS pretty_json_tokens,
       toon_token_count(toon)                AS toon_tokens,
       round(100 - 100.0 * toon_token_count(toon) / toon_token_count(compact_json)) || '%' AS saved_vs_json,
       round(100 - 100.0 * toon_token_count(toon) / toon_token_count(pretty_json)) || '%' AS saved_vs_pretty
  FROM checkpoint_sizes ORDER BY id;
\echo '(tokens: o200k_base, the encoding of GPT-4o / GPT-4.1 / GPT-5, counted exactly like tiktoken)'
\else
SELECT id,
       octet_length(compact_json)            AS json_bytes,
       octet_length(pretty_json)             AS pretty_json_bytes,
       octet_length(toon)                    AS toon_bytes,
       round(100 - 100.0 * octet_length(toon) / octet_length(compact_json)) || '%' AS saved_vs_compact_json
  FROM checkpoint_sizes ORDER BY id;
\echo '(token counts appear here once toon_token_count() is installed)'
\endif

\echo
\echo 'On a bigger table the gap widens: 1,000 file changes as one document'
CREATE VIEW big_doc AS
SELECT t::json::text AS compact_json, t::text AS toon
  FROM (SELECT to_toon(json_agg(json_build_object('path', 'src/module_' || i || '.py', 'change', 'modified',
                                                  'added', i % 50, 'removed', i % 7))) AS t
          FROM generate_series(1, 1000) i) s;
\if :has_tokens
SELECT octet_length(compact_json) AS json_bytes, octet_length(toon) AS toon_bytes,
       toon_token_count(compact_json) AS json_tokens, toon_token_count(toon) AS toon_tokens,
       round(100 - 100.0 * toon_token_count(toon) / toon_token_count(compact_json)) || '%' AS tokens_saved
  FROM big_doc;
\else
SELECT octet_length(compact_json) AS json_bytes, octet_length(toon) AS toon_bytes,
       round(100 - 100.0 * octet_length(toon) / octet_length(compact_json)) || '%' AS bytes_saved
  FROM big_doc;
\endif

\echo
\echo '================================================================'
\echo ' 5. TOON in, JSON out: a toon column, validated on the way in'
\echo '================================================================'
-- Agents can also write TOON directly; the type checks it (strict TOON v4)
-- and stores the text exactly as written, comments included.
CREATE TABLE agent_memory (id int PRIMARY KEY, body toon NOT NULL);
INSERT INTO agent_memory VALUES (1, E'# written by the reviewer agent\nreview:\n  checkpoint: 42\n  verdict: changes_requested\n  comments[2]{file,line,text}:\n    tests/test_refunds.py,88,Isolate the fixture per test\n    docs/idempotency.md,12,"Say what happens on key reuse, please"');
\pset format unaligned
\pset tuples_only on
SELECT body FROM agent_memory WHERE id = 1;
\echo
\echo 'Queried as JSON with the usual operators (body::jsonb):'
\pset format aligned
\pset tuples_only off
SELECT c->>'file' AS file, (c->>'line')::int AS line, c->>'text' AS comment
  FROM agent_memory, jsonb_array_elements(body::jsonb #> '{review,comments}') AS c;

\echo
\echo 'Bad TOON is rejected with the line, the column and what was expected:'
\echo 'INSERT INTO agent_memory VALUES (2, E''review:\n  comments[3]{file,line}:\n    a.py,1\n    b.py,2'');'
\set ON_ERROR_STOP 0
\set VERBOSITY default
INSERT INTO agent_memory VALUES (2, E'review:\n  comments[3]{file,line}:\n    a.py,1\n    b.py,2');
\echo
SELECT toon_is_valid(E'review:\n  comments[3]{file,line}:\n    a.py,1\n    b.py,2') AS is_valid;
\set ON_ERROR_STOP 1

\echo
\echo '================================================================'
\echo ' 6. The context API example (examples/context_api.sql): rows to TOON'
\echo '================================================================'
-- Sessions, checkpoints, their 19 submodules and tasks; one view builds a
-- checkpoint's whole context in one query (to_toon(row), toon_agg,
-- toon_object_agg); see docs/context-api.md.
\ir context_api.sql
\o /dev/null
SELECT context_api.generate(200, 19, 5);
\o
\pset format unaligned
\pset tuples_only on
\echo
\echo 'GET /checkpoints/42?format=toon  ->  SELECT toon FROM context_api.checkpoint_context WHERE id = 42'
\echo
SELECT toon FROM context_api.checkpoint_context WHERE id = 42;
\if :has_markdown
\echo
\echo 'GET /checkpoints/42?format=md    ->  SELECT markdown FROM context_api.checkpoint_context WHERE id = 42'
\echo
SELECT markdown FROM context_api.checkpoint_context WHERE id = 42;
\endif
\echo
\echo 'GET /sessions/2/checkpoints      ->  toon_agg(row ORDER BY seq): a table, columns in order'
\echo
SELECT toon FROM context_api.session_checkpoints WHERE session_id = 2;
\pset format aligned
\pset tuples_only off
\if :has_tokens
\echo
\echo 'Tokens of checkpoint 42: TOON vs the same document as JSON (toon_token_savings, o200k_base)'
SELECT s.* FROM context_api.checkpoint_context_json j, toon_token_savings(j.json) s WHERE j.id = 42;
\echo 'Over all 200 checkpoints:'
SELECT sum(s.json_pretty_tokens) AS json_pretty_tokens, sum(s.json_compact_tokens) AS json_compact_tokens,
       sum(s.toon_tokens) AS toon_tokens,
       round(100.0 * (sum(s.json_compact_tokens) - sum(s.toon_tokens)) / sum(s.json_compact_tokens), 1) AS saved_vs_compact_pct
  FROM context_api.checkpoint_context_json j, toon_token_savings(j.json) s;
\endif

\echo
\echo 'Done. (Under make demo everything ran in a throwaway cluster, removed now; elsewhere the objects stay in this database.)'
