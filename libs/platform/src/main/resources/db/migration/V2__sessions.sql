-- Dashboard sign-in sessions (services/graphql): after GitHub OAuth the API issues its own opaque
-- bearer token `dk_sess_<64 hex>`. Only a keyed hash (HMAC-SHA256 under the token pepper) is stored;
-- a session expires at a fixed time and is revoked by logout.
CREATE TABLE sessions (
    id            uuid PRIMARY KEY,
    user_id       text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash    bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32), -- lookup: bearer token verification
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL,
    last_used_at  timestamptz,
    revoked_at    timestamptz,
    CHECK (expires_at > created_at)
);
-- lookup: a user's sessions (revoke all of them)
CREATE INDEX sessions_user ON sessions (user_id, created_at);
