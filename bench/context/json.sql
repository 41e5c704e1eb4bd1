-- The same document as compact json (to_json(doc)): one query.
\set id random(1, 10000)
SELECT json FROM context_api.checkpoint_context_json WHERE id = :id;
