-- The N+1 pattern: one query for the checkpoint (and its session), one per
-- submodule (19), one for the tasks; the application would then build
-- the document itself (not counted here).
\set id random(1, 10000)
SELECT c.id, c.seq, c.title, c.status, c.created_at, c.summary, c.tokens_used, c.cost_usd, s.id, s.agent, s.repo, s.branch, s.goal FROM context_api.checkpoints c JOIN context_api.sessions s ON s.id = c.session_id WHERE c.id = :id;
SELECT name, path, commit, state, files_changed, lines_added, lines_removed, tests_passed, tests_failed FROM context_api.submodules WHERE checkpoint_id = :id AND name = 'mod01';
SELECT name, path, commit, state, files_changed, lines_added, lines_removed, tests_passed, tests_failed FROM context_api.submodules WHERE checkpoint_id = :id AND name = 'mod02';
SELECT name, path, commit, state, files_changed, lines_added, lines_removed, tests_passed, tests_failed FROM context_api.submodules WHERE checkpoint_id = :id AND name = 'mod03';
SELECT name, path, commit, state, files_changed, lines_added, lines_removed, tests_passed, tests_failed FROM context_api.submodules WHERE checkpoint_id = :id AND name = 'mod04';
SELECT name, path, commit, state, files_changed, lines_added, lines_removed, tests_passed, tests_failed FROM context_api.submodules WHERE checkpoint_id = :id AND name = 'mod05';
SELECT name, path, commit, state, files_changed, lines_added, lines_removed, tests_passed, tests_failed FROM context_api.submodules WHERE checkpoint_id = :id AND name = 'mod06';
SELECT name, path, commit, state, files_changed, lines_added, lines_removed, tests_passed, tests_failed FROM context_api.submodules WHERE checkpoint_id = :id AND name = 'mod07';
SELECT name, path, commit, state, files_changed, lines_added, lines_removed, tests_passed, tests_failed FROM context_api.submodules WHERE checkpoint_id = :id AND name = 'mod08';
SELECT name, path, commit, state, files_changed, lines_added, lines_removed, tests_passed, tests_failed FROM context_api.submodules WHERE checkpoint_id = :id AND name = 'mod09';
SELECT name, path, commit, state, files_changed, lines_added, lines_removed, tests_passed, tests_failed FROM context_api.submodules WHERE checkpoint_id = :id AND name = 'mod10';
SELECT name, path, commit, state, files_changed, lines_added, lines_removed, tests_passed, tests_failed FROM context_api.submodules WHERE checkpoint_id = :id AND name = 'mod11';
SELECT name, path, commit, state, files_changed, lines_added, lines_removed, tests_passed, tests_failed FROM context_api.submodules WHERE checkpoint_id = :id AND name = 'mod12';
SELECT name, path, commit, state, files_changed, lines_added, lines_removed, tests_passed, tests_failed FROM context_api.submodules WHERE checkpoint_id = :id AND name = 'mod13';
SELECT name, path, commit, state, files_changed, lines_added, lines_removed, tests_passed, tests_failed FROM context_api.submodules WHERE checkpoint_id = :id AND name = 'mod14';
SELECT name, path, commit, state, files_changed, lines_added, lines_removed, tests_passed, tests_failed FROM context_api.submodules WHERE checkpoint_id = :id AND name = 'mod15';
SELECT name, path, commit, state, files_changed, lines_added, lines_removed, tests_passed, tests_failed FROM context_api.submodules WHERE checkpoint_id = :id AND name = 'mod16';
SELECT name, path, commit, state, files_changed, lines_added, lines_removed, tests_passed, tests_failed FROM context_api.submodules WHERE checkpoint_id = :id AND name = 'mod17';
SELECT name, path, commit, state, files_changed, lines_added, lines_removed, tests_passed, tests_failed FROM context_api.submodules WHERE checkpoint_id = :id AND name = 'mod18';
SELECT name, path, commit, state, files_changed, lines_added, lines_removed, tests_passed, tests_failed FROM context_api.submodules WHERE checkpoint_id = :id AND name = 'mod19';
SELECT position, title, status, owner, labels FROM context_api.tasks WHERE checkpoint_id = :id ORDER BY position;
