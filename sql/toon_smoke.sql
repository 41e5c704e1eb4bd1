-- The extension loads and its objects are owned by it.
SELECT extname, extversion FROM pg_extension WHERE extname = 'toon';
