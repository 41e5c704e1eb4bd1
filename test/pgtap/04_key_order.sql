-- Key order (a documented deviation from the reference, docs/testing.md):
-- to_toon(json) and json::toon keep object keys in the order they are written,
-- integer-like keys included; the reference encodes a JavaScript object, whose
-- integer-like keys JSON.parse has moved first (test/node/differential.mjs
-- pins the reference's side). jsonb has its own order (shorter keys first).
SET client_min_messages = warning;
BEGIN;
SELECT plan(4);
SELECT is(to_toon('{"b":1,"2":2,"1":3}'::json)::text, E'b: 1\n"2": 2\n"1": 3',
          'to_toon(json) keeps integer-like keys where they are written');
SELECT is(('{"x":{"10":true,"9":false}}'::json)::toon::text, E'x:\n  "10": true\n  "9": false',
          'json::toon keeps nested integer-like keys where they are written');
SELECT is(to_toon('[{"b":1,"1":2},{"b":3,"1":4}]'::json)::text, E'[2]{b,"1"}:\n  1,2\n  3,4',
          'to_toon(json) keeps the written order in a tabular header');
SELECT is(to_toon('{"b":1,"2":2,"1":3}'::jsonb)::text, E'"1": 3\n"2": 2\nb: 1',
          'to_toon(jsonb) follows jsonb''s order (shorter keys first, then bytewise)');
SELECT * FROM finish();
ROLLBACK;
