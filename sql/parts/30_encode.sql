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
