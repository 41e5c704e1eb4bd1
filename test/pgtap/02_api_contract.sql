-- The foundation's SQL contract (issue 2): the toon type, its casts and the
-- codec functions, with their exact signatures, defaults and NULL behaviour.
SET client_min_messages = warning;
BEGIN;
SELECT * FROM no_plan();

-- The type: variable length, TOASTable, with binary send/receive.
SELECT has_type('toon');
SELECT is((SELECT typlen::int FROM pg_type WHERE oid = 'toon'::regtype), -1, 'toon is variable length');
SELECT is((SELECT typstorage::text FROM pg_type WHERE oid = 'toon'::regtype), 'x', 'toon is TOASTable (storage extended)');
SELECT ok((SELECT typsend <> 0 AND typreceive <> 0 FROM pg_type WHERE oid = 'toon'::regtype), 'toon has binary send and receive');
SELECT ok((SELECT typarray <> 0 FROM pg_type WHERE oid = 'toon'::regtype), 'toon[] exists');

-- Input validates strictly and keeps the text verbatim (comments, layout).
SELECT is(E'# a comment\nname: Ada\ntags[2]: x,y'::toon::text, E'# a comment\nname: Ada\ntags[2]: x,y',
          'toon keeps its text verbatim');
SELECT throws_ok($$SELECT 'a: "unterminated'::toon$$, '22P02', 'invalid input syntax for type toon',
                 'malformed toon raises 22P02 naming the type');
SELECT ok((SELECT NULL::toon::text) IS NULL, 'NULL::toon is NULL');

-- Binary COPY round trip (send/recv).
CREATE TEMP TABLE copy_src (v toon);
CREATE TEMP TABLE copy_dst (v toon);
INSERT INTO copy_src VALUES (E'users[2]{id,name}:\n  1,Ada\n  2,"Bob, Jr."'), ('42'), (NULL);
DO $$
DECLARE f text := format('/tmp/toon_pgtap_copy_%s.bin', current_setting('port'));  -- one file per test port
BEGIN
    EXECUTE format('COPY copy_src TO %L WITH (FORMAT binary)', f);
    EXECUTE format('COPY copy_dst FROM %L WITH (FORMAT binary)', f);
END $$;
SELECT is((SELECT array_agg(v::text ORDER BY v::text) FROM copy_dst),
          (SELECT array_agg(v::text ORDER BY v::text) FROM copy_src), 'binary COPY round-trips toon values');

-- Functions: signatures, result types, argument names and defaults.
SELECT has_function('toon_to_json', ARRAY['text', 'boolean', 'integer']);
SELECT function_returns('toon_to_json', ARRAY['text', 'boolean', 'integer'], 'json');
SELECT is(pg_get_function_arguments(to_regprocedure('toon_to_json(text, boolean, integer)')),
          'doc text, strict boolean DEFAULT true, indent_size integer DEFAULT 2', 'toon_to_json arguments and defaults');
SELECT is_strict('toon_to_json', ARRAY['text', 'boolean', 'integer']);

SELECT has_function('toon_is_valid', ARRAY['text', 'boolean', 'integer']);
SELECT function_returns('toon_is_valid', ARRAY['text', 'boolean', 'integer'], 'boolean');
SELECT is(pg_get_function_arguments(to_regprocedure('toon_is_valid(text, boolean, integer)')),
          'doc text, strict boolean DEFAULT true, indent_size integer DEFAULT 0', 'toon_is_valid arguments and defaults');
SELECT is_strict('toon_is_valid', ARRAY['text', 'boolean', 'integer']);

SELECT has_function('to_toon', ARRAY['json', 'text', 'integer']);
SELECT function_returns('to_toon', ARRAY['json', 'text', 'integer'], 'toon');
SELECT matches(pg_get_function_arguments(to_regprocedure('to_toon(json, text, integer)')),
               '^\w+ json, delimiter text DEFAULT '',''::text, indent_size integer DEFAULT 2$', 'to_toon(json) arguments and defaults');
SELECT is_strict('to_toon', ARRAY['json', 'text', 'integer']);
SELECT has_function('to_toon', ARRAY['jsonb', 'text', 'integer']);
SELECT function_returns('to_toon', ARRAY['jsonb', 'text', 'integer'], 'toon');
SELECT matches(pg_get_function_arguments(to_regprocedure('to_toon(jsonb, text, integer)')),
               '^\w+ jsonb, delimiter text DEFAULT '',''::text, indent_size integer DEFAULT 2$', 'to_toon(jsonb) arguments and defaults');
SELECT is_strict('to_toon', ARRAY['jsonb', 'text', 'integer']);

-- Defaults are usable and NULL in gives NULL out.
SELECT is(toon_to_json('a: 1')::text, '{"a":1}', 'toon_to_json with default options');
SELECT ok(toon_to_json(NULL) IS NULL, 'toon_to_json(NULL) is NULL');
SELECT ok(toon_to_json('a: 1', NULL) IS NULL, 'toon_to_json(doc, NULL) is NULL');
SELECT is(toon_is_valid('a: 1'), true, 'toon_is_valid with default options');
SELECT is(toon_is_valid('a: "x'), false, 'toon_is_valid is false (not an error) for bad toon');
SELECT is(toon_is_valid(E'a:\n  b:\n     c: 1'), false, 'toon_is_valid is false for bad indentation in strict mode');
SELECT is(toon_is_valid(E'a:\n   b: 1'), true, 'toon_is_valid with its defaults accepts a document indented by 3, as toon input does');
SELECT ok(toon_is_valid(NULL) IS NULL, 'toon_is_valid(NULL) is NULL');
SELECT is(to_toon('{"a":[1,2]}'::json)::text, 'a[2]: 1,2', 'to_toon(json) with default options');
SELECT is(to_toon('{"a":[1,2]}'::jsonb, '|')::text, 'a[2|]: 1|2', 'to_toon(jsonb) with a delimiter');
SELECT ok(to_toon(NULL::json) IS NULL, 'to_toon(NULL::json) is NULL');
SELECT ok(to_toon(NULL::jsonb) IS NULL, 'to_toon(NULL::jsonb) is NULL');
SELECT ok(to_toon('{}'::json, NULL) IS NULL, 'to_toon(json, NULL) is NULL');

-- Bad options raise 22023.
SELECT throws_ok($$SELECT to_toon('[1]'::json, 'x')$$, '22023', NULL, 'to_toon rejects delimiter ''x'' with 22023');
SELECT throws_ok($$SELECT to_toon('[1]'::jsonb, ',', 0)$$, '22023', NULL, 'to_toon rejects indent_size 0 with 22023');
SELECT throws_ok($$SELECT toon_to_json('a: 1', true, -1)$$, '22023', NULL, 'toon_to_json rejects indent_size -1 with 22023');

-- Casts and their contexts (e = explicit, a = assignment, i = implicit).
-- None is implicit (an implicit cast to or from text makes operator and
-- function calls ambiguous). text <-> toon on assignment, so a text value can
-- be stored in a toon column (validated on the way in) and read back as text;
-- conversions between the data models (decode to json/jsonb, encode from
-- json/jsonb) only when asked for.
SELECT has_cast('text', 'toon');
SELECT has_cast('toon', 'text');
SELECT has_cast('json', 'toon');
SELECT has_cast('jsonb', 'toon');
SELECT has_cast('toon', 'json');
SELECT has_cast('toon', 'jsonb');
SELECT cast_context_is('text', 'toon', 'assignment');
SELECT cast_context_is('toon', 'text', 'assignment');
SELECT cast_context_is('json', 'toon', 'explicit');
SELECT cast_context_is('jsonb', 'toon', 'explicit');
SELECT cast_context_is('toon', 'json', 'explicit');
SELECT cast_context_is('toon', 'jsonb', 'explicit');

SELECT is('{"b":1,"a":[true,null]}'::json::toon::text, E'b: 1\na[2]: true,null', 'json::toon keeps key order');
SELECT is('{"b":1,"a":2}'::jsonb::toon::text, E'a: 2\nb: 1', 'jsonb::toon (jsonb has sorted its keys)');
SELECT is(E'b: 1\na: x'::toon::json::text, '{"b":1,"a":"x"}', 'toon::json keeps key order');
SELECT is(E'b: 1\na: x'::toon::jsonb, '{"a":"x","b":1}'::jsonb, 'toon::jsonb');
SELECT is('12345678901234567890.5'::toon::json::text, '12345678901234567890.5', 'toon::json keeps every digit');
SELECT ok(NULL::json::toon IS NULL, 'NULL::json::toon is NULL');
SELECT ok(NOT EXISTS (SELECT FROM pg_cast WHERE 'toon'::regtype IN (castsource, casttarget) AND castcontext = 'i'),
          'no implicit cast from or to toon');
SELECT is(toon_to_json('x: 1'::toon)::text, '{"x":1}', 'toon_to_json(toon) decodes a toon value');

-- String types other than text resolve to toon_to_markdown(text), which reads
-- TOON text (README: "The text overload"); to_jsonb() shows them as strings.
SELECT is(toon_to_markdown('1e5'::varchar), E'100000\n', 'toon_to_markdown(varchar) reads the value as TOON text');
SELECT is(toon_to_markdown('x: 1'::name), E'- x: 1\n', 'toon_to_markdown(name) reads the value as TOON text');
SELECT is(toon_to_markdown(to_jsonb('1e5'::varchar)), E'1e5\n', 'toon_to_markdown(to_jsonb(varchar)) shows the string');

SELECT * FROM finish();
ROLLBACK;
