-- Access tokens for preview (drafts and scheduled content) and partner (syndication) clients.
-- Only a SHA-256 hash of each token is stored; the token itself is shown once, when created.

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    name         TEXT    NOT NULL UNIQUE,
    scope        TEXT    NOT NULL CHECK (scope IN ('preview', 'partner')),
    token_hash   TEXT    NOT NULL UNIQUE,  -- lower-case hex SHA-256 of the token
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER,                  -- NULL: does not expire
    revoked_at   INTEGER                   -- NULL: in force
);
