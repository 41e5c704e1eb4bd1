-- Rows and values to TOON without JSON in between: toon_agg(), toon_object_agg(),
-- to_toon(anyelement) and toon_token_savings(). Types map as to_json() maps
-- them; toon_agg(x) is byte-identical to to_toon(json_agg(x)), and
-- toon_object_agg(k, v) to to_toon(json_object_agg(k, v)). The functions that
-- map values are STABLE like to_json(): timestamptz text depends on TimeZone,
-- output functions may too; the final functions only encode (IMMUTABLE).

CREATE FUNCTION toon_agg_transfn(internal, anyelement) RETURNS internal
    AS 'MODULE_PATHNAME', 'toon_agg_transfn' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION toon_agg_transfn(internal, anyelement) IS 'toon_agg() transition function';

CREATE FUNCTION toon_agg_finalfn(internal) RETURNS toon
    AS 'MODULE_PATHNAME', 'toon_agg_finalfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION toon_agg_finalfn(internal) IS 'toon_agg() final function';

CREATE AGGREGATE toon_agg(anyelement) (
    SFUNC = toon_agg_transfn,
    STYPE = internal,
    FINALFUNC = toon_agg_finalfn,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE toon_agg(anyelement) IS
    'aggregates rows (or values) into a TOON root array, byte-identical to to_toon(json_agg(...)): tabular when the rows are uniform, columns in order, numbers lossless; NULL for no rows';

CREATE FUNCTION toon_object_agg_transfn(internal, text, anyelement) RETURNS internal
    AS 'MODULE_PATHNAME', 'toon_object_agg_transfn' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION toon_object_agg_transfn(internal, text, anyelement) IS 'toon_object_agg() transition function';

CREATE FUNCTION toon_object_agg_finalfn(internal) RETURNS toon
    AS 'MODULE_PATHNAME', 'toon_object_agg_finalfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION toon_object_agg_finalfn(internal) IS 'toon_object_agg() final function';

CREATE AGGREGATE toon_object_agg(key text, value anyelement) (
    SFUNC = toon_object_agg_transfn,
    STYPE = internal,
    FINALFUNC = toon_object_agg_finalfn,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE toon_object_agg(text, anyelement) IS
    'aggregates key/value pairs into a TOON root object, byte-identical to to_toon(json_object_agg(key, value)); uniform row values become a keyed table [N:]{fields}:; a repeated key keeps its last value at its first position; NULL for no rows';

CREATE FUNCTION to_toon(value anyelement, delimiter text DEFAULT ',', indent_size integer DEFAULT 2)
    RETURNS toon
    AS 'MODULE_PATHNAME', 'to_toon_any' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION to_toon(anyelement, text, integer) IS
    'encodes one row or value as TOON, types mapped as to_json() maps them (composites -> objects with columns in order, arrays -> arrays, json/jsonb nested, numbers lossless); equals to_toon(to_json(value))';

CREATE FUNCTION toon_token_savings(doc json, encoding text DEFAULT 'o200k_base',
                                   OUT json_pretty_tokens integer, OUT json_compact_tokens integer,
                                   OUT toon_tokens integer,
                                   OUT saved_vs_pretty_pct numeric, OUT saved_vs_compact_pct numeric)
    AS 'MODULE_PATHNAME', 'toon_token_savings' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION toon_token_savings(json, text) IS
    'tokens of doc as JSON.stringify(doc, null, 2), as compact JSON.stringify(doc), and as TOON (to_toon(doc)), and the percentage TOON saves against each (rounded to 0.1); encoding as for toon_token_count';

CREATE FUNCTION toon_to_markdown(doc anyelement, heading_level integer DEFAULT 1, pad boolean DEFAULT true)
    RETURNS text
    AS 'MODULE_PATHNAME', 'toon_to_markdown_any' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION toon_to_markdown(anyelement, integer, boolean) IS
    'renders a row or value as GitHub Flavored Markdown straight from the datum (types mapped as to_toon(anyelement) maps them), without writing and parsing TOON text; same output as toon_to_markdown(to_toon(doc)); toon, text and jsonb arguments keep their own overloads';
