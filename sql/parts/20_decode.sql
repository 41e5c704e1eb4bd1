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
