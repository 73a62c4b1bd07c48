-- MCP OAuth (issue 6): an authorization code knows the grant its tokens belong to, so presenting a
-- code a second time revokes every token issued from it (OAuth 2.1 §4.1.3). The default only fills
-- rows that exist before this migration; new codes always carry their grant.
ALTER TABLE oauth_authorization_codes ADD COLUMN grant_id uuid NOT NULL DEFAULT gen_random_uuid();
ALTER TABLE oauth_authorization_codes ALTER COLUMN grant_id DROP DEFAULT;

-- lookup: a user's grants (listing and signing out of agents)
CREATE INDEX oauth_tokens_user ON oauth_tokens (user_id, created_at DESC);
