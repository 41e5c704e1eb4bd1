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
    'renders TOON text (decoded strictly, in the document''s own indent size, as toon input reads it) as GitHub Flavored Markdown; same rules as toon_to_markdown(toon)';

CREATE FUNCTION toon_to_markdown(doc jsonb, heading_level integer DEFAULT 1, pad boolean DEFAULT true)
    RETURNS text
    AS 'MODULE_PATHNAME', 'toon_to_markdown_jsonb' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION toon_to_markdown(jsonb, integer, boolean) IS
    'renders jsonb as GitHub Flavored Markdown without a TOON round trip; same rules as toon_to_markdown(toon), keys in jsonb order';
