-- to_toon(json|jsonb, delimiter, indent_size) and the json/jsonb -> toon casts.

-- json keeps the written key order (a repeated key: last value, first position);
-- jsonb has sorted its keys (shorter first, then bytewise) and dropped duplicates.
SELECT to_toon('{"name":"Ada","id":1,"tags":["x","y"],"id":2}'::json);
SELECT to_toon('{"name":"Ada","id":1,"tags":["x","y"],"id":2}'::jsonb);

-- Tabular arrays, nested field groups, keyed tables, expanded lists.
SELECT to_toon('{"users":[{"id":1,"name":"Ada","role":"admin"},{"id":2,"name":"Bob, Jr.","role":"user"}]}'::json);
SELECT to_toon('{"a":[{"id":1,"c":{"x":1,"y":2}},{"id":2,"c":{"x":3,"y":4}}]}'::json);
SELECT to_toon('{"servers":{"alpha":{"host":"a.example.com","port":8080},"beta":{"host":"b.example.com","port":9090}}}'::json);
SELECT to_toon('{"alpha":{"port":1},"beta":{"port":2}}'::jsonb);
SELECT to_toon('[1,"two",[3,4],{"five":5,"six":[6]},[],{},null,true]'::json);
SELECT to_toon('{"matrix":[[1,2],[3,4]],"empty":[],"obj":{}}'::jsonb);

-- Root primitives and empty containers.
SELECT to_toon('"hello world"'::json), to_toon('"true"'::jsonb), to_toon('42'::json),
       to_toon('null'::jsonb), to_toon('[]'::json), to_toon('{}'::jsonb)::text = '' AS empty_object;

-- Quoting of strings and keys.
SELECT to_toon('{"s":["","  pad ","a,b","a|b","a:b","-x","#x","05","1e3","null","say \"hi\"","tab\there","caf\u00e9"],"my-key":1,"":2}'::json);

-- Options: delimiter ',', '|', tab (or the words comma, pipe, tab) and indent size.
SELECT to_toon('{"t":[{"a":"x|y","b":"x,y"}],"n":{"m":[1,2]}}'::json, '|');
SELECT to_toon('{"t":[{"a":"x|y","b":"x,y"}],"n":{"m":[1,2]}}'::json, E'\t');
SELECT to_toon('{"t":[{"a":"x|y","b":"x,y"}],"n":{"m":[1,2]}}'::jsonb, 'pipe', 4);
SELECT to_toon('{"a":{"b":{"c":[1]}}}'::json, 'comma', 1);
SELECT to_toon('[{"a":1}]'::json, 'tab')::text = to_toon('[{"a":1}]'::json, E'\t')::text AS same;

-- Bad options: 22023.
SELECT to_toon('[1]'::json, ';');
SELECT to_toon('[1]'::jsonb, '');
SELECT to_toon('[1]'::json, ',,');
SELECT to_toon('[1]'::json, ',', 0);
SELECT to_toon('[1]'::jsonb, '|', -1);
SELECT to_toon('[1]'::jsonb, '|', 257);

-- NULL in, NULL out (STRICT).
SELECT to_toon(NULL::json) IS NULL AS n1, to_toon(NULL::jsonb) IS NULL AS n2,
       to_toon('[1]'::json, NULL) IS NULL AS n3, to_toon('[1]'::jsonb, ',', NULL) IS NULL AS n4,
       (NULL::json)::toon IS NULL AS n5;

-- Numbers are lossless and canonical: no double rounding in either path.
SELECT to_toon('[12345678901234567890, 0.1000000000000000055511151231257827, 1.50, 1e6, -0, 1E-7, 1e21, 123456789012345678901, -0.000001]'::json);
SELECT to_toon('[12345678901234567890, 0.1000000000000000055511151231257827, 1.50, 1e6, -0, 1E-7, 1e21, 123456789012345678901, -0.000001]'::jsonb);
SELECT to_toon(jsonb_build_object('n', 2::numeric ^ 100, 'f', 1::numeric / 3, 'z', 0.000::numeric));

-- Casts use the default options.
SELECT '{"b":[{"x":1},{"x":2}],"a":1}'::json::toon, '{"b":[{"x":1},{"x":2}],"a":1}'::jsonb::toon;

-- The result round-trips through the decoder.
SELECT to_toon(j)::json::jsonb = j AS round_trip
FROM (VALUES ('{"a":[{"id":1,"c":{"x":1,"y":"two"}},{"id":2,"c":{"x":3,"y":"fo,ur"}}],"m":{"p":{"q":1},"r":{"q":2}},"l":[[1],[],{"k":null}]}'::jsonb)) v(j);

-- Aggregates straight from tables.
CREATE TEMP TABLE people(id int, name text, email text, active boolean, score numeric);
INSERT INTO people VALUES (1, 'Ada', 'ada@example.com', true, 9.50), (2, 'Bob', 'bob@example.com', false, 7),
                          (3, 'Cy, the 3rd', NULL, true, 12345678901234567890.25);
SELECT to_toon(jsonb_agg(p ORDER BY id)) FROM people p;
SELECT to_toon(json_agg(p ORDER BY id), '|') FROM people p;
SELECT to_toon(jsonb_object_agg(name, jsonb_build_object('id', id, 'score', score))) FROM people;
SELECT to_toon(json_build_object('count', count(*), 'rows', json_agg(json_build_object('id', id, 'name', name) ORDER BY id))) FROM people;

-- Bad json never reaches us (json_in rejects it); deep nesting is fine.
SELECT length(to_toon((repeat('[', 2000) || '1' || repeat(']', 2000))::json)::text);
-- 2,000 nested field groups on one header line: encoded without recursion, and
-- within the stack a default max_stack_depth gives the decoder on every build.
SELECT to_toon(('[' || repeat('{"a":', 2000) || 'true' || repeat('}', 2000) || ']')::jsonb)::text LIKE '[1]{a{a{%}}}:' || E'\n' || '  true' AS deep_field_group;

-- Catalog: every encoding function immutable, strict and parallel safe, with a comment.
SELECT p.oid::regprocedure AS function, p.provolatile, p.proisstrict, p.proparallel,
       obj_description(p.oid, 'pg_proc') IS NOT NULL AS commented
FROM pg_proc p
WHERE p.proname IN ('to_toon', 'json_to_toon', 'jsonb_to_toon')
ORDER BY p.oid::regprocedure::text COLLATE "C";
SELECT castsource::regtype, casttarget::regtype, castfunc::regprocedure, castcontext,
       obj_description(c.oid, 'pg_cast') IS NOT NULL AS commented
FROM pg_cast c WHERE casttarget = 'toon'::regtype AND castsource IN ('json'::regtype, 'jsonb'::regtype)
ORDER BY castsource::regtype::text COLLATE "C";

-- indent_size other than 2: the toon type's strict input reads each
-- document in its own indent size, so this text is a valid toon value too.
SELECT to_toon('{"a":{"b":[{"c":1},{"c":2}]}}'::json, ',', 4)::text AS four;
SELECT toon_to_json(to_toon('{"a":{"b":[{"c":1},{"c":2}]}}'::json, ',', 4)::text, indent_size => 4);

-- json keeps integer-like keys where they were written (JavaScript, and so the
-- reference encoder, would list them first); control characters are escaped;
-- a lone surrogate escape, which json accepts as text, cannot be encoded (22P02).
SELECT to_toon('{"b":1,"1":2,"a":3}'::json);
SELECT to_toon('["a\u0000b", "\u001f", "\u00e9"]'::json);
SELECT to_toon('["\ud800"]'::json);
