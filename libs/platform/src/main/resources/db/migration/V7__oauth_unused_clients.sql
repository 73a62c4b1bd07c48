-- Dynamic registration is open, so clients that never complete an authorization (abandoned or
-- scripted registrations) are deleted after a while (OAuthClients.deleteUnusedRegisteredBefore).
-- A client's first code exchange marks it as used for good: it is kept even after its tokens expire
-- or are revoked. Clients that already hold tokens count as used from their first token.
ALTER TABLE oauth_clients ADD COLUMN first_authorized_at timestamptz;
UPDATE oauth_clients c
   SET first_authorized_at = t.first_token_at
  FROM (SELECT client_id, min(created_at) AS first_token_at FROM oauth_tokens GROUP BY client_id) t
 WHERE t.client_id = c.client_id;

-- lookup: the cleanup finds never-authorized clients by age
CREATE INDEX oauth_clients_unauthorized ON oauth_clients (created_at) WHERE first_authorized_at IS NULL;
-- lookup: deleting a client cascades to its codes and tokens
CREATE INDEX oauth_authorization_codes_client ON oauth_authorization_codes (client_id);
CREATE INDEX oauth_tokens_client ON oauth_tokens (client_id);
