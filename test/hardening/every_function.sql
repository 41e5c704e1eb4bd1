-- Every SQL function of the extension called with a checked result: one row
-- (fn, ok) per function, fn as regprocedure text. Used by the replica,
-- privileges and soak tests; test/node/every_function.mjs checks that the
-- fn column names every function the extension has (pg_depend), so a new
-- function must get a row here. toon_recv(internal) is not callable from
-- SQL: every_function.mjs reaches it through a binary-format parameter.
-- (No ":name" inside literals: pgbench, in make soak, would read a variable.)
SELECT fn, coalesce(ok, false) AS ok FROM (VALUES
  ('toon_in(cstring)',
   ('users[2]{id,name}:' || E'\n  1,Ada\n  2,Bob')::toon::text = E'users[2]{id,name}:\n  1,Ada\n  2,Bob'
   AND 'x: 1'::toon::text = 'x: 1'),
  ('toon_out(toon)', format('%s', 'x: 1'::toon) = 'x: 1'),
  ('toon_send(toon)', toon_send('x: 1'::toon) = '\x01783a2031'::bytea),
  ('toon(text)', toon(E'a:\n    b: 1'::text)::text = E'a:\n    b: 1'),
  ('toon_is_valid(text,boolean,integer)',
   toon_is_valid(E'a:\n    b: 1', true, 0) AND NOT toon_is_valid(E'a:\n    b: 1', true, 2) AND NOT toon_is_valid('[2]: 1')
   AND toon_is_valid('[2]: 1', false)),
  ('toon_to_json(text,boolean,integer)',
   toon_to_json(E'a:\n  b[2]: 1,x')::text = '{"a":{"b":[1,"x"]}}'
   AND toon_to_json(E'a:\n    b: 1', true, 4)::text = '{"a":{"b":1}}'),
  ('toon_to_json(toon)', toon_to_json(E't[2]{k,v}:\n  a,1\n  b,2'::toon)::text = '{"t":[{"k":"a","v":1},{"k":"b","v":2}]}'
   AND (E't[2]{k,v}:\n  a,1\n  b,2'::toon)::json::text = '{"t":[{"k":"a","v":1},{"k":"b","v":2}]}'),
  ('toon_to_jsonb(toon)', toon_to_jsonb('x[3]: 1,2.5,true'::toon) = '{"x":[1,2.5,true]}'::jsonb
   AND ('x[3]: 1,2.5,true'::toon)::jsonb = '{"x":[1,2.5,true]}'::jsonb),
  ('to_toon(json,text,integer)', to_toon('{"a":{"b":[1,2]}}'::json, '|', 4)::text = E'a:\n    b[2|]: 1|2'
   AND to_toon('{"z":1,"a":2}'::json)::text = E'z: 1\na: 2'),
  ('to_toon(jsonb,text,integer)', to_toon('{"t":[{"k":1},{"k":2}]}'::jsonb, 'tab')::text = E't[2\t]{k}:\n  1\n  2'),
  ('json_to_toon(json)', json_to_toon('[1,"a b"]')::text = '[2]: 1,a b' AND ('{"q": null}'::json)::toon::text = 'q: null'),
  ('jsonb_to_toon(jsonb)', jsonb_to_toon('{"b":1,"a":2}')::text = E'a: 2\nb: 1' AND ('[]'::jsonb)::toon::text = '[]'),
  ('toon_token_count(text,text)', toon_token_count('hello world') = 2 AND toon_token_count('hello world', 'gpt-4') = 2
   AND toon_token_count('') = 0),
  ('toon_token_count(toon,text)', toon_token_count('x: 1'::toon) = cardinality(toon_tokens('x: 1'::toon))
   AND toon_token_count('x: 1'::toon, 'cl100k_base') = toon_token_count('x: 1'::text, 'cl100k_base')),
  ('toon_tokens(text,text)', toon_tokens('hello world') = '{24912,2375}' AND toon_tokens('hello world', 'cl100k_base') = '{15339,1917}'),
  ('toon_tokens(toon,text)', toon_tokens('x: 1'::toon, 'o200k_base') = toon_tokens('x: 1'::text)),
  ('toon_token_truncate(text,integer,text)', toon_token_truncate('hello world foo', 2) = 'hello world'
   AND toon_token_truncate('hello', 0) = ''),
  ('toon_token_chunks(text,integer,integer,text)',
   (SELECT array_agg(c) FROM toon_token_chunks('hello world foo bar', 2) AS c) = '{"hello world"," foo bar"}'
   AND (SELECT count(*) FROM toon_token_chunks('hello world foo bar', 2, 1, 'cl100k_base')) = 3),
  ('toon_encodings()', (SELECT array_agg(encoding ORDER BY encoding) FROM toon_encodings()) = '{cl100k_base,o200k_base}'),
  ('toon_to_markdown(toon,integer,boolean)',
   toon_to_markdown(E't[2]{k,v}:\n  a,1\n  b,2'::toon) = E'# t\n\n| k   | v   |\n| --- | --- |\n| a   | 1   |\n| b   | 2   |\n'),
  ('toon_to_markdown(text,integer,boolean)', toon_to_markdown(E'a: 1\nb: x'::text, 0, false) = E'- a: 1\n- b: x\n'),
  ('toon_to_markdown(jsonb,integer,boolean)', toon_to_markdown('{"a":[1,2]}'::jsonb) = E'- a: 1, 2\n'),
  ('toon_to_markdown(anyelement,integer,boolean)', toon_to_markdown(ARRAY[1,2]) = E'1, 2\n'
   AND toon_to_markdown(ROW(1,'x')) = E'- f1: 1\n- f2: x\n'),
  ('to_toon(anyelement,text,integer)', to_toon(ARRAY[1,2])::text = '[2]: 1,2'
   AND to_toon(ROW(1,'x'), '|')::text = E'f1: 1\nf2: x'),
  -- Aggregates: their transition and final functions take internal and are
  -- reached only through the aggregate, so the same call checks all three.
  ('toon_agg(anyelement)', (SELECT toon_agg(t ORDER BY t.k) FROM (VALUES (1,'a'),(2,'b')) AS t(k,v))::text = E'[2]{k,v}:\n  1,a\n  2,b'),
  ('toon_agg_transfn(internal,anyelement)', (SELECT toon_agg(x ORDER BY x) FROM generate_series(1,3) x)::text = '[3]: 1,2,3'),
  ('toon_agg_finalfn(internal)', (SELECT toon_agg(x) FROM generate_series(1,0) x) IS NULL
   AND (SELECT toon_agg(x) FROM generate_series(7,7) x)::text = '[1]: 7'),
  ('toon_object_agg(text,anyelement)', (SELECT toon_object_agg(k, v ORDER BY k) FROM (VALUES ('a',1),('b',2)) t(k,v))::text = E'a: 1\nb: 2'),
  ('toon_object_agg_transfn(internal,text,anyelement)', (SELECT toon_object_agg(k, v) FROM (VALUES ('x','y')) t(k,v))::text = 'x: y'),
  ('toon_object_agg_finalfn(internal)', (SELECT toon_object_agg(k, v) FROM (VALUES ('x','y')) t(k,v) WHERE false) IS NULL),
  ('toon_token_savings(json,text)', (SELECT json_compact_tokens = 19 AND toon_tokens = 18 AND json_pretty_tokens = 38
   AND saved_vs_compact_pct = 5.3 FROM toon_token_savings('[{"id":1,"name":"Ada"},{"id":2,"name":"Bob"}]'))),
  ('toon_cache_stats()', (SELECT array_agg(cache ORDER BY cache) FROM toon_cache_stats()) = '{jsonb,markdown,token_count}'),
  ('toon_cache_reset()', (SELECT true FROM toon_cache_reset()))
) AS t(fn, ok)
ORDER BY fn;
