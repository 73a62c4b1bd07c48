-- What the last DNS check found for each of a custom domain's two records (libs/platform
-- CustomDomains.recordVerification), so the APIs can show expected against found, record by record.
ALTER TABLE custom_domains ADD COLUMN txt_check text CHECK (txt_check IN ('ok', 'missing', 'wrong', 'error'));
ALTER TABLE custom_domains ADD COLUMN txt_found text CHECK (length(txt_found) <= 1000);
ALTER TABLE custom_domains ADD COLUMN cname_check text CHECK (cname_check IN ('ok', 'missing', 'wrong', 'error'));
ALTER TABLE custom_domains ADD COLUMN cname_found text CHECK (length(cname_found) <= 1000);
-- When the owner last asked for a check (verifyCustomDomain); the domain workflow answers it.
ALTER TABLE custom_domains ADD COLUMN verification_requested_at timestamptz;

-- Verification requests of the last minutes, for the rate limits (VerificationRateLimits): counted
-- per user and per domain name (by name, so removing and adding a domain again does not reset it).
CREATE TABLE custom_domain_verification_attempts (
    id            uuid PRIMARY KEY,
    user_id       text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    domain        text NOT NULL CHECK (domain = lower(domain) AND length(domain) <= 253),
    attempted_at  timestamptz NOT NULL
);
-- lookup: a user's recent attempts
CREATE INDEX custom_domain_verification_attempts_user ON custom_domain_verification_attempts (user_id, attempted_at);
-- lookup: a domain's recent attempts
CREATE INDEX custom_domain_verification_attempts_domain ON custom_domain_verification_attempts (domain, attempted_at);
