-- A token's name was unique among all tokens ever made, revoked ones included, so a token could not
-- be replaced by one of the same name ("revoke staging, create staging" failed). A name is now
-- unique among the tokens in force only; revoked tokens keep theirs in the list. SQLite cannot drop
-- a column's UNIQUE, so the table is made again with the same columns and rows.
CREATE TABLE api_tokens_renamed (
    id           INTEGER PRIMARY KEY,
    name         TEXT    NOT NULL,
    scope        TEXT    NOT NULL CHECK (scope IN ('preview', 'partner')),
    token_hash   TEXT    NOT NULL UNIQUE,  -- lower-case hex SHA-256 of the token
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER,                  -- NULL: does not expire
    revoked_at   INTEGER                   -- NULL: in force
);
INSERT INTO api_tokens_renamed (id, name, scope, token_hash, created_at, expires_at, revoked_at)
    SELECT id, name, scope, token_hash, created_at, expires_at, revoked_at FROM api_tokens;
DROP TABLE api_tokens;
ALTER TABLE api_tokens_renamed RENAME TO api_tokens;
CREATE UNIQUE INDEX api_tokens_in_force_by_name ON api_tokens (name) WHERE revoked_at IS NULL;
