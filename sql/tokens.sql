-- Token counting functions (values checked against tiktoken 1.0.22).

-- Counts and ids in both encodings; default is o200k_base.
SELECT toon_token_count('Hello world! Don''t you''LL think?') AS o200k,
       toon_token_count('Hello world! Don''t you''LL think?', 'cl100k_base') AS cl100k;
SELECT toon_tokens('Hello world! Don''t you''LL think?');
SELECT toon_tokens('Hello world! Don''t you''LL think?', 'cl100k_base');
SELECT toon_token_count(''), toon_tokens('');

-- Special-token text is ordinary text (tiktoken encode_ordinary).
SELECT toon_tokens('<|endoftext|>'), toon_tokens('<|endoftext|>', 'cl100k_base');

-- Whitespace, digits and contractions follow the split patterns.
SELECT toon_tokens(E'a  \n\n  b 12345 ²³ it''S'), toon_tokens(E'a  \n\n  b 12345 ²³ it''S', 'gpt-4');
-- Emoji with ZWJ and skin tone, combining marks, CJK.
SELECT toon_token_count('👩‍👩‍👧‍👦 👍🏽 é 中文 Ελληνικά'), toon_token_count('👩‍👩‍👧‍👦 👍🏽 é 中文 Ελληνικά', 'cl100k_base');

-- Model names map to encodings as tiktoken maps them.
SELECT m, toon_tokens('Hello world', m)
FROM unnest(ARRAY['gpt-4o', 'gpt-4o-2024-08-06', 'gpt-4.1', 'gpt-5', 'o1', 'o3', 'o4-mini',
                  'gpt-4', 'gpt-4-0613', 'gpt-3.5-turbo', 'text-embedding-3-small',
                  'text-embedding-ada-002', 'ft:gpt-4o-mini:org::id']) AS m;
SELECT * FROM toon_encodings() ORDER BY encoding;

-- The toon type is counted as its stored text.
SELECT toon_token_count(E'users[2]{id,name}:\n  1,Alice\n  2,Bob'::toon) =
       toon_token_count(E'users[2]{id,name}:\n  1,Alice\n  2,Bob'::text) AS same_count,
       toon_tokens('a: 1'::toon);

-- Truncation: a prefix within the budget, never inside a character.
SELECT toon_token_truncate('Hello world, this is a test of truncation.', 3);
SELECT toon_token_truncate('Hello world', 0), toon_token_truncate('Hello world', 100);
SELECT toon_token_truncate('日本語のテキスト', 2), toon_token_count(toon_token_truncate('日本語のテキスト', 2));
-- U+13000 is 4 tokens: a budget of 3 keeps nothing rather than half a character.
SELECT toon_token_truncate('𓀀𓀀', 3) AS empty, toon_token_truncate('𓀀𓀀', 4), toon_token_truncate('𓀀𓀀', 7);

-- Chunks: at most max_tokens each; without overlap they concatenate to the text.
SELECT ord, chunk, toon_token_count(chunk) FROM toon_token_chunks('Hello world, this is a test of chunking in SQL.', 4)
    WITH ORDINALITY AS c(chunk, ord);
SELECT string_agg(chunk, '' ORDER BY ord) = 'Hello world, this is a test of chunking in SQL.' AS concatenates
FROM toon_token_chunks('Hello world, this is a test of chunking in SQL.', 4) WITH ORDINALITY AS c(chunk, ord);
SELECT * FROM toon_token_chunks('Hello world, this is a test of chunking in SQL.', 4, 1, 'cl100k_base');
-- A character wider than the budget becomes its own chunk rather than being split.
SELECT * FROM toon_token_chunks('𓀀𓀀', 2);
SELECT count(*) FROM toon_token_chunks('', 10);

-- Errors.
SELECT toon_token_count('x', 'gpt-9');
SELECT toon_token_count('x', 'O200K_BASE');
SELECT toon_token_truncate('x', -1);
SELECT * FROM toon_token_chunks('x', 0);
SELECT * FROM toon_token_chunks('x', 4, 4);
SELECT * FROM toon_token_chunks('x', 4, -1);
-- STRICT: NULL in, NULL out.
SELECT toon_token_count(NULL::text), toon_token_count('x', NULL), toon_tokens(NULL::text) IS NULL AS null_ids;

-- Usable in generated columns and expression indexes (IMMUTABLE).
CREATE TABLE token_docs (body text, tokens integer GENERATED ALWAYS AS (toon_token_count(body)) STORED);
INSERT INTO token_docs (body) VALUES ('Hello world'), ('The quick brown fox jumps over the lazy dog.');
CREATE INDEX token_docs_cl100k ON token_docs (toon_token_count(body, 'cl100k_base'));
SELECT body, tokens FROM token_docs ORDER BY tokens;
DROP TABLE token_docs;

-- Every function is IMMUTABLE, STRICT (but toon_encodings(), which has no arguments), PARALLEL SAFE and commented.
SELECT p.oid::regprocedure AS function, p.provolatile, p.proisstrict, p.proparallel,
       obj_description(p.oid, 'pg_proc') IS NOT NULL AS commented
FROM pg_proc p
WHERE p.proname IN ('toon_token_count', 'toon_tokens', 'toon_token_truncate', 'toon_token_chunks', 'toon_encodings')
ORDER BY p.oid::regprocedure::text COLLATE "C";
