-- A context API in SQL: an agent's sessions, checkpoints, the submodules each
-- checkpoint touched and its tasks, served as TOON (for models), Markdown (for
-- people) and with token counts, each in ONE query per request.
--
--   GET /checkpoints/{id}?format=toon  ->  SELECT toon     FROM context_api.checkpoint_context WHERE id = $1
--   GET /checkpoints/{id}?format=md    ->  SELECT markdown FROM context_api.checkpoint_context WHERE id = $1
--   GET /checkpoints/{id}?format=json  ->  SELECT json     FROM context_api.checkpoint_context_json WHERE id = $1
--   GET /sessions/{id}/checkpoints     ->  SELECT toon     FROM context_api.session_checkpoints WHERE session_id = $1
--   GET /memory/{key}?format=toon|md   ->  SELECT doc | markdown FROM context_api.memory_view WHERE key = $1
--
-- Load with `psql -f examples/context_api.sql` (needs CREATE EXTENSION toon),
-- then fill with `SELECT context_api.generate(10000, 19, 5);`.
-- See docs/context-api.md for the HTTP mapping and the benchmark.
CREATE EXTENSION IF NOT EXISTS toon;
DROP SCHEMA IF EXISTS context_api CASCADE;
CREATE SCHEMA context_api;

-- ---- the relational data -------------------------------------------------------
CREATE TABLE context_api.sessions (
    id          bigint PRIMARY KEY,
    agent       text NOT NULL,
    repo        text NOT NULL,
    branch      text NOT NULL,
    goal        text NOT NULL,
    started_at  timestamptz NOT NULL
);

CREATE TABLE context_api.checkpoints (
    id          bigint PRIMARY KEY,
    session_id  bigint NOT NULL REFERENCES context_api.sessions,
    seq         int NOT NULL,
    created_at  timestamptz NOT NULL,
    title       text NOT NULL,
    status      text NOT NULL CHECK (status IN ('in_progress', 'done', 'blocked')),
    summary     text NOT NULL,
    tokens_used bigint NOT NULL,
    cost_usd    numeric(10,4) NOT NULL
);
CREATE INDEX ON context_api.checkpoints (session_id, seq);

-- The state of each submodule (git submodule / package) at a checkpoint.
CREATE TABLE context_api.submodules (
    checkpoint_id bigint NOT NULL REFERENCES context_api.checkpoints,
    name          text NOT NULL,
    path          text NOT NULL,
    commit        text NOT NULL,
    state         text NOT NULL,
    files_changed int NOT NULL,
    lines_added   int NOT NULL,
    lines_removed int NOT NULL,
    tests_passed  int NOT NULL,
    tests_failed  int NOT NULL,
    PRIMARY KEY (checkpoint_id, name)
);

CREATE TABLE context_api.tasks (
    checkpoint_id bigint NOT NULL REFERENCES context_api.checkpoints,
    position      int NOT NULL,
    title         text NOT NULL,
    status        text NOT NULL,
    owner         text,
    labels        text[] NOT NULL DEFAULT '{}',
    PRIMARY KEY (checkpoint_id, position)
);

-- ---- data generator (deterministic for given arguments) ---------------------------
-- generate(10000, 19, 5): 10,000 checkpoints in 500 sessions, 19 submodules
-- and 5 tasks each (190,000 + 50,000 rows).
CREATE FUNCTION context_api.generate(n_checkpoints int DEFAULT 10000, n_submodules int DEFAULT 19,
                                     n_tasks int DEFAULT 5) RETURNS void
LANGUAGE sql AS $$
    TRUNCATE context_api.memory, context_api.tasks, context_api.submodules, context_api.checkpoints, context_api.sessions;
    INSERT INTO context_api.sessions
    SELECT s, (ARRAY['claude-code', 'codex', 'aider', 'cursor'])[1 + s % 4],
           'github.com/acme/' || (ARRAY['payments', 'search', 'billing', 'web', 'infra'])[1 + s % 5],
           'feature/task-' || s,
           'Implement ticket ACME-' || (1000 + s) || ': ' ||
           (ARRAY['retry with backoff', 'idempotent refunds', 'faster search', 'dark mode', 'audit log'])[1 + s % 5],
           timestamptz '2026-11-01 08:00:00+00' + s * interval '37 minutes'
      FROM generate_series(1, greatest(n_checkpoints / 20, 1)) s;
    INSERT INTO context_api.checkpoints
    SELECT c, 1 + (c - 1) % greatest(n_checkpoints / 20, 1), 1 + (c - 1) / greatest(n_checkpoints / 20, 1),
           timestamptz '2026-11-01 08:00:00+00' + c * interval '3 minutes 7 seconds',
           (ARRAY['Add', 'Fix', 'Refactor', 'Document', 'Test'])[1 + c % 5] || ' ' ||
           (ARRAY['the retry loop', 'refund idempotency keys', 'the search ranking', 'the CSS theme', 'audit events'])[1 + c / 7 % 5],
           (ARRAY['done', 'in_progress', 'blocked'])[1 + c % 3],
           'Changed ' || (c % 9 + 1) || ' files; ' || (c % 4) || ' tests still failing, see tasks.',
           10000 + c * 37 % 90000, round((c * 37 % 90000) * 0.000015, 4)
      FROM generate_series(1, n_checkpoints) c;
    INSERT INTO context_api.submodules
    SELECT c, 'mod' || lpad(m::text, 2, '0'), 'packages/mod' || lpad(m::text, 2, '0'),
           substr(md5(c || '/' || m), 1, 12),
           (ARRAY['clean', 'modified', 'modified', 'conflict'])[1 + (c + m) % 4],
           (c * m) % 13, (c * m * 7) % 400, (c * m * 3) % 120, 50 + (c + m) % 200, (c + m) % 7 / 5
      FROM generate_series(1, n_checkpoints) c, generate_series(1, n_submodules) m;
    INSERT INTO context_api.tasks
    SELECT c, t, (ARRAY['Write tests for', 'Review', 'Fix', 'Benchmark', 'Document'])[1 + t % 5] || ' mod' ||
           lpad((1 + (c + t) % greatest(n_submodules, 1))::text, 2, '0'),
           (ARRAY['todo', 'doing', 'done'])[1 + (c + t) % 3],
           CASE WHEN (c + t) % 4 = 0 THEN NULL ELSE (ARRAY['ana', 'bo', 'chen'])[1 + (c + t) % 3] END,
           CASE WHEN t % 2 = 0 THEN ARRAY['p' || (t % 3), 'backend'] ELSE '{}' END
      FROM generate_series(1, n_checkpoints) c, generate_series(1, n_tasks) t;
    ANALYZE context_api.sessions, context_api.checkpoints, context_api.submodules, context_api.tasks;
$$;
COMMENT ON FUNCTION context_api.generate(int, int, int) IS 'fills the example tables (replacing their rows)';

-- ---- pattern 1: views build a checkpoint's whole context in one query ------------
-- The document's shape, as composite types: their column order is the order
-- of the keys in the TOON (and JSON) output.
CREATE TYPE context_api.session_info AS (id bigint, agent text, repo text, branch text, goal text);
CREATE TYPE context_api.submodule_state AS (
    name text, path text, commit text, state text, files_changed int,
    lines_added int, lines_removed int, tests_passed int, tests_failed int);
CREATE TYPE context_api.task_item AS (position int, title text, status text, owner text, labels text[]);
CREATE TYPE context_api.checkpoint_document AS (
    id bigint, seq int, title text, status text, created_at timestamptz, summary text,
    tokens_used bigint, cost_usd numeric, session context_api.session_info,
    submodules context_api.submodule_state[], tasks context_api.task_item[]);

-- One document per checkpoint: its own columns, its session as a nested
-- object, its submodules and tasks as arrays of rows (correlated ARRAY()
-- subqueries, each one index scan). to_toon(doc) turns it into TOON with the
-- columns in order; the submodules and tasks become tables.
CREATE VIEW context_api.checkpoint_doc AS
SELECT c.id,
       ROW(c.id, c.seq, c.title, c.status, c.created_at, c.summary, c.tokens_used, c.cost_usd,
           ROW(se.id, se.agent, se.repo, se.branch, se.goal)::context_api.session_info,
           ARRAY(SELECT ROW(sm.name, sm.path, sm.commit, sm.state, sm.files_changed, sm.lines_added,
                            sm.lines_removed, sm.tests_passed, sm.tests_failed)::context_api.submodule_state
                   FROM context_api.submodules sm
                  WHERE sm.checkpoint_id = c.id ORDER BY sm.name),
           ARRAY(SELECT ROW(tk.position, tk.title, tk.status, tk.owner, tk.labels)::context_api.task_item
                   FROM context_api.tasks tk
                  WHERE tk.checkpoint_id = c.id ORDER BY tk.position)
       )::context_api.checkpoint_document AS doc
  FROM context_api.checkpoints c
  JOIN context_api.sessions se ON se.id = c.session_id;

-- GET /checkpoints/{id}?format=toon|md, and the token count of the TOON.
-- Only the selected column is computed (the planner drops the others).
CREATE VIEW context_api.checkpoint_context AS
SELECT id,
       to_toon(doc)                              AS toon,
       toon_to_markdown(doc)                     AS markdown,   -- rendered from the row, no TOON round trip
       toon_token_count(to_toon(doc))            AS tokens
  FROM context_api.checkpoint_doc;

-- The same documents on the JSON path: what an API without TOON would send.
CREATE VIEW context_api.checkpoint_context_json AS
SELECT id,
       to_json(doc)                              AS json,
       jsonb_pretty(to_jsonb(doc))               AS json_pretty
  FROM context_api.checkpoint_doc;

-- GET /sessions/{id}/checkpoints: a session's checkpoints as one TOON table
-- (toon_agg keeps the column order and is linear in the rows).
CREATE VIEW context_api.session_checkpoints AS
SELECT c.session_id,
       toon_agg(r ORDER BY r.seq) AS toon
  FROM context_api.checkpoints c
 CROSS JOIN LATERAL (SELECT c.seq, c.id, c.created_at, c.title, c.status, c.tokens_used) r
 GROUP BY c.session_id;

-- GET /checkpoints/{id}/submodules: keyed by submodule name (a keyed table).
CREATE VIEW context_api.checkpoint_submodules AS
SELECT sm.checkpoint_id AS id,
       toon_object_agg(sm.name, r ORDER BY sm.name) AS toon
  FROM context_api.submodules sm
 CROSS JOIN LATERAL (SELECT sm.state, sm.commit, sm.files_changed, sm.tests_failed) r
 GROUP BY sm.checkpoint_id;

-- ---- pattern 2: TOON as the single source of truth (agent memory) -----------------
-- Agents write TOON directly; the toon type validates it on the way in and keeps
-- the text verbatim. Markdown and token counts are derived on demand.
CREATE TABLE context_api.memory (
    key        text PRIMARY KEY,
    session_id bigint REFERENCES context_api.sessions,
    doc        toon NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE VIEW context_api.memory_view AS
SELECT key, session_id, doc,
       toon_to_markdown(doc)  AS markdown,
       toon_token_count(doc)  AS tokens,
       doc::jsonb             AS json
  FROM context_api.memory;

-- An agent saves a checkpoint's context as memory (the view's TOON, stored once).
CREATE FUNCTION context_api.remember_checkpoint(checkpoint_id bigint) RETURNS toon
LANGUAGE sql AS $$
    INSERT INTO context_api.memory (key, session_id, doc)
    SELECT 'checkpoint/' || c.id, c.session_id, x.toon
      FROM context_api.checkpoints c JOIN context_api.checkpoint_context x ON x.id = c.id
     WHERE c.id = checkpoint_id
    ON CONFLICT (key) DO UPDATE SET doc = excluded.doc, updated_at = now()
    RETURNING doc;
$$;
COMMENT ON FUNCTION context_api.remember_checkpoint(bigint) IS 'stores checkpoint_context.toon in memory (upsert)';
