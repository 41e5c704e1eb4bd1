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

-- With its defaults (strict, indent_size 0: the document's own) it answers
-- exactly whether doc::toon would accept doc.
CREATE FUNCTION toon_is_valid(doc text, strict boolean DEFAULT true, indent_size integer DEFAULT 0)
    RETURNS boolean
    AS 'MODULE_PATHNAME', 'toon_is_valid' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION toon_is_valid(text, boolean, integer) IS
    'true when doc is a valid TOON v4 document under the given options; with the defaults (strict, indent_size 0: the document''s own) exactly when doc::toon accepts it; never raises for malformed TOON';
