-- A git token's id (the 32 hex its signed payload carries, libs/git-auth GitTokenClaims.id) names it
-- in a revocation, which the product plane publishes to the git-server: the git-server has no
-- database and refuses a token by that id. Rows issued before this column existed have no id: their
-- tokens cannot be revoked one by one and stop working at their expiry (30 days at most).
ALTER TABLE git_tokens ADD COLUMN token_id text UNIQUE CHECK (token_id ~ '^[0-9a-f]{32}$');
-- The keyed hash and last use served a check in the product plane that nothing called: the
-- git-server verifies the signature and its own revocation list.
ALTER TABLE git_tokens DROP COLUMN hash;
ALTER TABLE git_tokens DROP COLUMN last_used_at;
-- The prefix only tells a user's tokens apart now (the id is the unique name), so two tokens may
-- share one.
ALTER TABLE git_tokens DROP CONSTRAINT git_tokens_prefix_key;
