-- GET /checkpoints/{id}?format=toon: one query.
\set id random(1, 10000)
SELECT toon FROM context_api.checkpoint_context WHERE id = :id;
