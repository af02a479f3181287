-- Documents registered ahead of time (`folio-admin queries add`), found by the SHA-256 hash of
-- their text as the automatic persisted query protocol sends it. In --persisted-only mode they are
-- the only documents the server runs.

CREATE TABLE persisted_queries (
    hash       TEXT    PRIMARY KEY,  -- lower-case hex SHA-256 of the document text
    document   TEXT    NOT NULL,
    name       TEXT,                 -- where it came from, e.g. the file name
    created_at INTEGER NOT NULL
);
