-- MCPDeploy product plane schema (PostgreSQL 15+).
--
-- Invariants are enforced here as well as in libs/platform: the code gives readable errors, the
-- database makes sure no bug or race can store what the rules forbid. The value rules repeat those of
-- libs/domain (one home in code; the check constraints are the backstop).
--
-- Every index says which lookup it serves. ON DELETE is chosen per foreign key:
--   CASCADE  where the child means nothing without its parent (a project's services);
--   RESTRICT where deleting the parent must be an explicit, separate decision (a repo a service builds from);
--   SET NULL where history should survive (a rollback's link to the deployment it reused).

-- Users. The id is the platform user id of libs/domain UserId (1-12 of [a-z0-9]); it becomes part of
-- namespaces and hostnames, so it never changes.
CREATE TABLE users (
    id            text PRIMARY KEY CHECK (id ~ '^[a-z0-9]{1,12}$'),
    display_name  text CHECK (length(display_name) <= 200),
    email         text CHECK (length(email) <= 320),
    firebase_uid  text UNIQUE CHECK (length(firebase_uid) <= 128), -- lookup: sign-in with a Firebase ID token
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- A user's GitHub link: OAuth token (AES-GCM ciphertext + the key id it was sealed with, so keys can
-- rotate) and the GitHub App installation that lets us clone their repos.
CREATE TABLE github_accounts (
    user_id           text PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    github_user_id    bigint NOT NULL UNIQUE, -- lookup: GitHub OAuth sign-in finds the user
    login             text NOT NULL CHECK (login ~ '^[A-Za-z0-9-]{1,39}$'),
    token_ciphertext  bytea,
    token_key_id      text,
    installation_id   bigint,
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CHECK ((token_ciphertext IS NULL) = (token_key_id IS NULL))
);
-- lookup: the `installation` webhook links/unlinks by installation id
CREATE INDEX github_accounts_installation ON github_accounts (installation_id) WHERE installation_id IS NOT NULL;

-- API keys `dk_live_<64 hex>`: shown once; stored as a lookup prefix and a keyed hash (HMAC-SHA256).
CREATE TABLE api_keys (
    id            uuid PRIMARY KEY,
    user_id       text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
    prefix        text NOT NULL UNIQUE, -- lookup: verify finds the candidate key by its prefix
    hash          bytea NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_used_at  timestamptz,
    revoked_at    timestamptz
);
-- lookup: a user's keys, newest first
CREATE INDEX api_keys_user ON api_keys (user_id, created_at DESC);

-- Execution-plane clusters, one per region (libs/domain Cluster).
CREATE TABLE clusters (
    region       text PRIMARY KEY CHECK (region ~ '^[a-z]{2,8}-[a-z]{2,16}-[0-9]{1,3}$'),
    task_queue   text NOT NULL UNIQUE CHECK (task_queue = 'deployer-' || region),
    apps_domain  text NOT NULL,
    cname_zone   text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
INSERT INTO clusters (region, task_queue, apps_domain, cname_zone)
VALUES ('eu-central-1', 'deployer-eu-central-1', 'ml.ink', 'cname.ml.ink');

-- Projects: one Kubernetes namespace each (dp-{user}-{project}).
CREATE TABLE projects (
    id          uuid PRIMARY KEY,
    user_id     text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name        text NOT NULL CHECK (name ~ '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' AND length(name) <= 24),
    region      text NOT NULL REFERENCES clusters (region) ON DELETE RESTRICT,
    is_default  boolean NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT projects_user_name UNIQUE (user_id, name) -- lookup: project by name (MCP tools take names)
);
CREATE UNIQUE INDEX projects_one_default ON projects (user_id) WHERE is_default;
-- lookup: list a user's projects, cursor (created_at, id)
CREATE INDEX projects_user_page ON projects (user_id, created_at, id);

-- Internal git repositories (git-server, host=ml.ink).
CREATE TABLE internal_repos (
    id          uuid PRIMARY KEY,
    project_id  uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    name        text NOT NULL CHECK (name ~ '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' AND length(name) <= 63),
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT internal_repos_project_name UNIQUE (project_id, name) -- lookup: repo by name in a project
);

-- Push tokens for internal repos: random, stored as prefix + keyed hash, one repo, expiring.
CREATE TABLE git_tokens (
    id            uuid PRIMARY KEY,
    repo_id       uuid NOT NULL REFERENCES internal_repos (id) ON DELETE CASCADE,
    user_id       text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    prefix        text NOT NULL UNIQUE, -- lookup: verify by prefix
    hash          bytea NOT NULL,
    expires_at    timestamptz NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_used_at  timestamptz,
    revoked_at    timestamptz,
    CHECK (expires_at > created_at)
);
-- lookup: a repo's tokens (revoke all on repo rotation)
CREATE INDEX git_tokens_repo ON git_tokens (repo_id);

-- Services. Soft-deleted (deleted_at) so deployments and logs stay readable while the delete
-- workflow removes the workload; names are unique among live services only.
CREATE TABLE services (
    id                uuid PRIMARY KEY,
    project_id        uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    name              text NOT NULL CHECK (name ~ '^[a-z]([-a-z0-9]*[a-z0-9])?$' AND length(name) <= 24),
    -- {service}-{project}-{user}: the platform hostname label and CNAME target label, globally unique.
    host_label        text NOT NULL CHECK (length(host_label) <= 63),
    source_kind       text NOT NULL CHECK (source_kind IN ('internal', 'github')),
    internal_repo_id  uuid REFERENCES internal_repos (id) ON DELETE RESTRICT,
    github_repo       text CHECK (github_repo ~ '^[A-Za-z0-9-]{1,39}/[A-Za-z0-9._-]{1,100}$'),
    branch            text NOT NULL CHECK (length(branch) BETWEEN 1 AND 255),
    root_directory    text NOT NULL DEFAULT '' CHECK (length(root_directory) <= 255),
    dockerfile_path   text NOT NULL DEFAULT 'Dockerfile' CHECK (length(dockerfile_path) BETWEEN 1 AND 255),
    build_strategy    text NOT NULL DEFAULT 'dockerfile' CHECK (build_strategy IN ('dockerfile')),
    port              integer NOT NULL CHECK (port BETWEEN 1 AND 65535),
    memory_mi         integer NOT NULL CHECK (memory_mi IN (256, 512, 1024, 2048, 4096)),
    milli_cpu         integer NOT NULL CHECK (milli_cpu IN (500, 1000, 2000, 4000)),
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    deleted_at        timestamptz,
    CHECK ((source_kind = 'internal') = (internal_repo_id IS NOT NULL)),
    CHECK ((source_kind = 'github') = (github_repo IS NOT NULL))
);
CREATE UNIQUE INDEX services_live_name ON services (project_id, name) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX services_live_host_label ON services (host_label) WHERE deleted_at IS NULL;
-- lookup: list a project's live services, cursor (created_at, id)
CREATE INDEX services_project_page ON services (project_id, created_at, id) WHERE deleted_at IS NULL;
-- lookup: a GitHub push finds the services tracking repo + branch
CREATE INDEX services_github_tracking ON services (lower(github_repo), branch) WHERE deleted_at IS NULL;
-- lookup: an internal push finds the services tracking repo + branch
CREATE INDEX services_internal_tracking ON services (internal_repo_id, branch) WHERE deleted_at IS NULL;

-- A service's environment variables: one row each, the value AES-GCM sealed with the key named by key_id.
CREATE TABLE service_variables (
    service_id        uuid NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    name              text NOT NULL CHECK (name ~ '^[A-Za-z_][A-Za-z0-9_]*$' AND length(name) <= 128),
    value_ciphertext  bytea NOT NULL,
    key_id            text NOT NULL,
    value_size        integer NOT NULL CHECK (value_size BETWEEN 0 AND 65536), -- plaintext bytes, for the Secret size limit
    updated_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, name) -- lookup: a service's variables
);

-- Deployments. At most one in flight and one live per service, enforced by partial unique indexes.
CREATE TABLE deployments (
    id                    uuid PRIMARY KEY,
    service_id            uuid NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    status                text NOT NULL CHECK (status IN ('queued', 'building', 'deploying', 'active', 'failed',
                                                          'cancelled', 'superseded', 'crashed', 'removed')),
    trigger               text NOT NULL CHECK (trigger IN ('api', 'git_push', 'rollback')),
    commit_sha            text CHECK (commit_sha ~ '^[0-9a-f]{40}$'),
    image_ref             text CHECK (length(image_ref) <= 512),
    rollback_of           uuid REFERENCES deployments (id) ON DELETE SET NULL,
    -- What was deployed, so a rollback reuses it: port, plan, paths, branch (no secrets in clear).
    config_snapshot       jsonb NOT NULL,
    -- The variables as they were, sealed as one JSON object with the key named by env_key_id.
    env_snapshot          bytea,
    env_key_id            text,
    error_step            text,
    error_message         text CHECK (length(error_message) <= 4000),
    workflow_id           text UNIQUE, -- lookup: the workflow reporting progress finds its deployment
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    finished_at           timestamptz,
    CHECK ((env_snapshot IS NULL) = (env_key_id IS NULL)),
    CHECK (trigger <> 'rollback' OR image_ref IS NOT NULL)
);
CREATE UNIQUE INDEX deployments_one_in_flight ON deployments (service_id)
    WHERE status IN ('queued', 'building', 'deploying');
CREATE UNIQUE INDEX deployments_one_live ON deployments (service_id)
    WHERE status IN ('active', 'crashed');
-- lookup: a service's deployments newest first (list, cursor; latest per service)
CREATE INDEX deployments_service_page ON deployments (service_id, created_at DESC, id DESC);

-- What happened to a deployment, step by step; append-only.
CREATE TABLE deployment_events (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    deployment_id  uuid NOT NULL REFERENCES deployments (id) ON DELETE CASCADE,
    step           text NOT NULL CHECK (step IN ('queued', 'clone', 'build', 'push', 'deploy', 'rollout',
                                                 'active', 'cancel', 'delete', 'domain')),
    status         text NOT NULL CHECK (status IN ('started', 'succeeded', 'failed', 'info')),
    message        text NOT NULL CHECK (length(message) <= 4000),
    created_at     timestamptz NOT NULL DEFAULT now()
);
-- lookup: a deployment's events in order (and "after id" for followers)
CREATE INDEX deployment_events_deployment ON deployment_events (deployment_id, id);

-- Build output, one row per line, append-only; clients follow with "after line_no".
CREATE TABLE build_log_lines (
    deployment_id  uuid NOT NULL REFERENCES deployments (id) ON DELETE CASCADE,
    line_no        integer NOT NULL CHECK (line_no >= 1),
    line           text NOT NULL CHECK (length(line) <= 8192),
    created_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (deployment_id, line_no) -- lookup: lines of a deployment after N; makes appends idempotent
);

-- Custom domains: globally unique, verified by TXT + CNAME, TLS in two phases.
CREATE TABLE custom_domains (
    id                  uuid PRIMARY KEY,
    service_id          uuid NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    domain              text NOT NULL UNIQUE CHECK (domain = lower(domain) AND length(domain) <= 253), -- lookup: by name
    verification_token  text NOT NULL CHECK (verification_token ~ '^[0-9a-f]{32}$'),
    txt_verified_at     timestamptz,
    cname_verified_at   timestamptz,
    last_checked_at     timestamptz,
    last_check_error    text CHECK (length(last_check_error) <= 1000),
    cert_status         text NOT NULL DEFAULT 'pending_verification'
                        CHECK (cert_status IN ('pending_verification', 'issuing', 'ready', 'failed')),
    cert_error          text CHECK (length(cert_error) <= 1000),
    created_at          timestamptz NOT NULL DEFAULT now()
);
-- lookup: a service's domains
CREATE INDEX custom_domains_service ON custom_domains (service_id);

-- MCP OAuth (RFC 7591 dynamic registration, RFC 6749 + PKCE, RFC 7009 revocation).
CREATE TABLE oauth_clients (
    client_id      text PRIMARY KEY CHECK (length(client_id) <= 64),
    client_name    text NOT NULL CHECK (length(client_name) BETWEEN 1 AND 200),
    redirect_uris  text[] NOT NULL CHECK (cardinality(redirect_uris) BETWEEN 1 AND 10),
    created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE oauth_authorization_codes (
    code_hash       bytea PRIMARY KEY, -- lookup: token exchange by code
    client_id       text NOT NULL REFERENCES oauth_clients (client_id) ON DELETE CASCADE,
    user_id         text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    redirect_uri    text NOT NULL,
    code_challenge  text NOT NULL CHECK (length(code_challenge) BETWEEN 43 AND 128),
    resource        text NOT NULL,
    scope           text NOT NULL DEFAULT '',
    expires_at      timestamptz NOT NULL,
    used_at         timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE oauth_tokens (
    id          uuid PRIMARY KEY,
    token_hash  bytea NOT NULL UNIQUE, -- lookup: bearer token verification
    kind        text NOT NULL CHECK (kind IN ('access', 'refresh')),
    grant_id    uuid NOT NULL,
    client_id   text NOT NULL REFERENCES oauth_clients (client_id) ON DELETE CASCADE,
    user_id     text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    audience    text NOT NULL,
    scope       text NOT NULL DEFAULT '',
    expires_at  timestamptz NOT NULL,
    rotated_at  timestamptz,
    revoked_at  timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now()
);
-- lookup: revoke a whole grant when a rotated refresh token is reused
CREATE INDEX oauth_tokens_grant ON oauth_tokens (grant_id);

-- Webhook deliveries seen, so a redelivery starts nothing new.
CREATE TABLE webhook_deliveries (
    source       text NOT NULL CHECK (source IN ('github', 'git-server')),
    delivery_id  text NOT NULL CHECK (length(delivery_id) BETWEEN 1 AND 128),
    received_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (source, delivery_id) -- lookup: dedupe on insert
);
