-- Token counting identical to OpenAI's tiktoken (encode_ordinary): cl100k_base and
-- o200k_base, selected by encoding name or model name (README, section "tokens").

CREATE FUNCTION toon_token_count(doc text, encoding text DEFAULT 'o200k_base') RETURNS integer
    AS 'MODULE_PATHNAME', 'toon_token_count' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION toon_token_count(text, text) IS
    'number of tokens of doc exactly as tiktoken counts them (encode_ordinary: special-token text such as <|endoftext|> is ordinary text); encoding is cl100k_base, o200k_base or a model name such as gpt-4o';

CREATE FUNCTION toon_token_count(doc toon, encoding text DEFAULT 'o200k_base') RETURNS integer
    AS 'MODULE_PATHNAME', 'toon_token_count' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION toon_token_count(toon, text) IS
    'number of tokens of the stored TOON text exactly as tiktoken counts them; encoding is cl100k_base, o200k_base or a model name such as gpt-4o';

CREATE FUNCTION toon_tokens(doc text, encoding text DEFAULT 'o200k_base') RETURNS integer[]
    AS 'MODULE_PATHNAME', 'toon_tokens' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION toon_tokens(text, text) IS
    'token ids of doc, identical to tiktoken''s encode_ordinary; encoding is cl100k_base, o200k_base or a model name';

CREATE FUNCTION toon_tokens(doc toon, encoding text DEFAULT 'o200k_base') RETURNS integer[]
    AS 'MODULE_PATHNAME', 'toon_tokens' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION toon_tokens(toon, text) IS
    'token ids of the stored TOON text, identical to tiktoken''s encode_ordinary';

CREATE FUNCTION toon_token_truncate(doc text, max_tokens integer, encoding text DEFAULT 'o200k_base')
    RETURNS text
    AS 'MODULE_PATHNAME', 'toon_token_truncate' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION toon_token_truncate(text, integer, text) IS
    'longest prefix of doc, cut at a token boundary and never inside a character, whose own token count is at most max_tokens';

CREATE FUNCTION toon_token_chunks(doc text, max_tokens integer, overlap integer DEFAULT 0,
                                  encoding text DEFAULT 'o200k_base')
    RETURNS SETOF text
    AS 'MODULE_PATHNAME', 'toon_token_chunks' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 10;
COMMENT ON FUNCTION toon_token_chunks(text, integer, integer, text) IS
    'splits doc into consecutive chunks of at most max_tokens of its tokens, each sharing overlap tokens with the previous one, cut only between characters; without overlap the chunks concatenate to doc';

CREATE FUNCTION toon_encodings(OUT encoding text, OUT vocabulary_size integer, OUT models text[])
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'toon_encodings' LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 2;  -- no arguments: STRICT would mean nothing
COMMENT ON FUNCTION toon_encodings() IS
    'token encodings: name, number of ordinary tokens, and the model names mapped to it as tiktoken maps them (name* matches every model name with that prefix)';
