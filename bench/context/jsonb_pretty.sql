-- The same document served as jsonb_pretty(to_jsonb(doc)): one query.
\set id random(1, 10000)
SELECT json_pretty FROM context_api.checkpoint_context_json WHERE id = :id;
