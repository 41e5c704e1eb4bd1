-- GET /checkpoints/{id}?format=md: one query.
\set id random(1, 10000)
SELECT markdown FROM context_api.checkpoint_context WHERE id = :id;
