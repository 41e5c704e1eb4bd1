-- toon 0.1.0 install script, as released (frozen: generated from sql/parts at 0.1.0; never edit).
\echo Use "CREATE EXTENSION toon" to load this file. \quit

-- sql/parts/10_type.sql
-- The toon type: TOON v4 text, validated strictly on input and stored verbatim.

CREATE TYPE toon;

CREATE FUNCTION toon_in(cstring) RETURNS toon
    AS 'MODULE_PATHNAME', 'toon_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION toon_in(cstring) IS
    'toon input: validates TOON v4 strictly (in the document''s own indent size, that of its first indented line) and keeps the text verbatim';

CREATE FUNCTION toon_out(toon) RETURNS cstring
    AS 'MODULE_PATHNAME', 'toon_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION toon_out(toon) IS 'toon output: the stored text, unchanged';

CREATE FUNCTION toon_recv(internal) RETURNS toon
    AS 'MODULE_PATHNAME', 'toon_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION toon_recv(internal) IS
    'toon binary input: format version byte 1 followed by the text; validated like toon_in';

CREATE FUNCTION toon_send(toon) RETURNS bytea
    AS 'MODULE_PATHNAME', 'toon_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION toon_send(toon) IS 'toon binary output: format version byte 1 followed by the text';

CREATE TYPE toon (
    INPUT = toon_in,
    OUTPUT = toon_out,
    RECEIVE = toon_recv,
    SEND = toon_send,
    INTERNALLENGTH = VARIABLE,
    STORAGE = extended,
    CATEGORY = 'U'
);
COMMENT ON TYPE toon IS
    'TOON v4 (Token-Oriented Object Notation) document, validated strictly and stored verbatim like json';

-- text -> toon validates; toon -> text is the stored text.
CREATE FUNCTION toon(text) RETURNS toon
    AS 'MODULE_PATHNAME', 'toon_from_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION toon(text) IS
    'text to toon: validates TOON v4 strictly (in the document''s own indent size) and keeps the text verbatim';
CREATE CAST (text AS toon) WITH FUNCTION toon(text) AS ASSIGNMENT;
CREATE CAST (toon AS text) WITHOUT FUNCTION AS ASSIGNMENT;
COMMENT ON CAST (text AS toon) IS 'validates the text as TOON v4 (strict, in the document''s own indent size)';
COMMENT ON CAST (toon AS text) IS 'the stored TOON text, unchanged';

CREATE FUNCTION toon_is_valid(doc text, strict boolean DEFAULT true, indent_size integer DEFAULT 2)
    RETURNS boolean
    AS 'MODULE_PATHNAME', 'toon_is_valid' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION toon_is_valid(text, boolean, integer) IS
    'true when doc is a valid TOON v4 document under the given options (indent_size 0: the document''s own, as the toon type reads it); never raises for malformed TOON';

-- sql/parts/20_decode.sql
-- Decoding TOON to JSON: toon_to_json() and the toon -> json / jsonb casts.

CREATE FUNCTION toon_to_json(doc text, strict boolean DEFAULT true, indent_size integer DEFAULT 2)
    RETURNS json
    AS 'MODULE_PATHNAME', 'toon_to_json' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION toon_to_json(text, boolean, integer) IS
    'decodes a TOON v4 document to json (key order kept, numbers lossless); strict => false accepts what strict mode rejects; indent_size 0 uses the document''s own';

CREATE FUNCTION toon_to_json(toon) RETURNS json
    AS 'MODULE_PATHNAME', 'toon_to_json_cast' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION toon_to_json(toon) IS 'decodes a toon value to json (key order kept, numbers lossless)';

CREATE FUNCTION toon_to_jsonb(toon) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'toon_to_jsonb_cast' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION toon_to_jsonb(toon) IS 'decodes a toon value to jsonb';

CREATE CAST (toon AS json) WITH FUNCTION toon_to_json(toon);
CREATE CAST (toon AS jsonb) WITH FUNCTION toon_to_jsonb(toon);
COMMENT ON CAST (toon AS json) IS 'decodes TOON to json, keeping key order';
COMMENT ON CAST (toon AS jsonb) IS 'decodes TOON to jsonb';

-- sql/parts/30_encode.sql
-- Encoding JSON to TOON: to_toon() and the json -> toon / jsonb -> toon casts
-- (cast functions named like hstore's hstore_to_json and our toon_to_json).
-- Output equals the reference encoder's (@toon-format/toon 4.4.0) default
-- output, except that numbers keep all their digits.

CREATE FUNCTION to_toon(value json, delimiter text DEFAULT ',', indent_size integer DEFAULT 2)
    RETURNS toon
    AS 'MODULE_PATHNAME', 'to_toon_json' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION to_toon(json, text, integer) IS
    'encodes json as TOON v4 (tabular arrays, field groups, keyed tables); keys keep their written order, a repeated key keeps its last value at its first position; delimiter '','', ''|'' or a tab (or ''comma'', ''pipe'', ''tab''); numbers lossless';

CREATE FUNCTION to_toon(value jsonb, delimiter text DEFAULT ',', indent_size integer DEFAULT 2)
    RETURNS toon
    AS 'MODULE_PATHNAME', 'to_toon_jsonb' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION to_toon(jsonb, text, integer) IS
    'encodes jsonb as TOON v4, read in place; keys come in jsonb''s order (sorted by length, then bytes; duplicates already dropped); delimiter '','', ''|'' or a tab (or ''comma'', ''pipe'', ''tab''); numbers lossless';

CREATE FUNCTION json_to_toon(json) RETURNS toon
    AS 'MODULE_PATHNAME', 'json_to_toon_cast' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION json_to_toon(json) IS 'json to toon: to_toon(value) with the default options';

CREATE FUNCTION jsonb_to_toon(jsonb) RETURNS toon
    AS 'MODULE_PATHNAME', 'jsonb_to_toon_cast' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION jsonb_to_toon(jsonb) IS 'jsonb to toon: to_toon(value) with the default options';

CREATE CAST (json AS toon) WITH FUNCTION json_to_toon(json);
CREATE CAST (jsonb AS toon) WITH FUNCTION jsonb_to_toon(jsonb);
COMMENT ON CAST (json AS toon) IS 'encodes json as TOON (comma delimiter, indent size 2), keeping key order';
COMMENT ON CAST (jsonb AS toon) IS 'encodes jsonb as TOON (comma delimiter, indent size 2)';

-- sql/parts/40_tokens.sql
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

-- sql/parts/50_markdown.sql
-- Markdown rendering: toon_to_markdown() (rules in README.md, section "markdown").

CREATE FUNCTION toon_to_markdown(doc toon, heading_level integer DEFAULT 1, pad boolean DEFAULT true)
    RETURNS text
    AS 'MODULE_PATHNAME', 'toon_to_markdown' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION toon_to_markdown(toon, integer, boolean) IS
    'renders a toon document as GitHub Flavored Markdown: uniform arrays and keyed objects as pipe tables, nested objects as headings from level heading_level (0: nested lists only), other arrays as lists, every string shown literally; pad => false writes compact tables';

-- TOON text (also what an untyped literal resolves to): decoded strictly.
CREATE FUNCTION toon_to_markdown(doc text, heading_level integer DEFAULT 1, pad boolean DEFAULT true)
    RETURNS text
    AS 'MODULE_PATHNAME', 'toon_to_markdown' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION toon_to_markdown(text, integer, boolean) IS
    'renders TOON text (decoded strictly, indent size 2) as GitHub Flavored Markdown; same rules as toon_to_markdown(toon)';

CREATE FUNCTION toon_to_markdown(doc jsonb, heading_level integer DEFAULT 1, pad boolean DEFAULT true)
    RETURNS text
    AS 'MODULE_PATHNAME', 'toon_to_markdown_jsonb' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION toon_to_markdown(jsonb, integer, boolean) IS
    'renders jsonb as GitHub Flavored Markdown without a TOON round trip; same rules as toon_to_markdown(toon), keys in jsonb order';
