-- Folio content store, first migration. Applied once, in a transaction, and never edited:
-- later changes go in new numbered files.
--
-- Instants are INTEGER seconds since 1970-01-01T00:00:00Z (UTC); lists are JSON arrays of text.

CREATE TABLE authors (
    id           INTEGER PRIMARY KEY,
    slug         TEXT    NOT NULL UNIQUE,
    name         TEXT    NOT NULL,
    role         TEXT,
    avatar_url   TEXT,
    bio_markdown TEXT    NOT NULL DEFAULT '',
    bio_html     TEXT    NOT NULL DEFAULT '',
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);

CREATE TABLE procedures (
    id               INTEGER PRIMARY KEY,
    slug             TEXT    NOT NULL UNIQUE,
    name             TEXT    NOT NULL,
    full_name        TEXT,
    summary          TEXT,
    body_markdown    TEXT    NOT NULL DEFAULT '',
    body_html        TEXT    NOT NULL DEFAULT '',
    conditions       TEXT    NOT NULL DEFAULT '[]',
    symptoms         TEXT    NOT NULL DEFAULT '[]',
    duration_minutes INTEGER CHECK (duration_minutes IS NULL OR duration_minutes >= 0),
    anesthesia       TEXT,
    incision         TEXT,
    imaging_guidance TEXT,
    recovery         TEXT,
    risks            TEXT    NOT NULL DEFAULT '[]',
    preparation      TEXT    NOT NULL DEFAULT '[]',
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
);

CREATE TABLE articles (
    id                   INTEGER PRIMARY KEY,
    slug                 TEXT    NOT NULL UNIQUE,
    title                TEXT    NOT NULL,
    summary              TEXT,
    body_markdown        TEXT    NOT NULL,
    body_html            TEXT    NOT NULL,
    body_text            TEXT    NOT NULL,
    headings             TEXT    NOT NULL DEFAULT '[]',  -- JSON [{level, text, anchor}]
    reading_time_minutes INTEGER NOT NULL DEFAULT 1,
    status               TEXT    NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'archived')),
    published_at         INTEGER,                         -- in the future on a published article: scheduled
    created_at           INTEGER NOT NULL,
    updated_at           INTEGER NOT NULL,
    author_id            INTEGER REFERENCES authors (id) ON DELETE RESTRICT,
    reviewed_at          INTEGER,
    reviewer_id          INTEGER REFERENCES authors (id) ON DELETE RESTRICT,
    canonical_url        TEXT,
    CHECK (status <> 'published' OR published_at IS NOT NULL)
);

-- Public lists: published articles newest first; the id breaks ties for keyset pagination.
CREATE INDEX articles_by_status_published ON articles (status, published_at DESC, id DESC);
CREATE INDEX articles_by_updated ON articles (updated_at DESC, id DESC);
CREATE INDEX articles_by_title ON articles (title, id);
CREATE INDEX articles_by_author ON articles (author_id, published_at DESC);
CREATE INDEX articles_by_reviewer ON articles (reviewer_id);

CREATE TABLE article_tags (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    tag        TEXT    NOT NULL,
    position   INTEGER NOT NULL,
    PRIMARY KEY (article_id, tag)
) WITHOUT ROWID;
CREATE INDEX article_tags_by_tag ON article_tags (tag, article_id);

CREATE TABLE article_procedures (
    article_id   INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    procedure_id INTEGER NOT NULL REFERENCES procedures (id) ON DELETE RESTRICT,
    position     INTEGER NOT NULL,
    PRIMARY KEY (article_id, procedure_id)
) WITHOUT ROWID;
CREATE INDEX article_procedures_by_procedure ON article_procedures (procedure_id, article_id);

-- "You might also enjoy": editor-chosen related articles, in order. Deleting either end removes the link.
CREATE TABLE related_articles (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    related_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    PRIMARY KEY (article_id, related_id),
    UNIQUE (article_id, position),
    CHECK (article_id <> related_id)
) WITHOUT ROWID;
CREATE INDEX related_articles_by_related ON related_articles (related_id);

-- Every change to an entry keeps the version it replaced, as the entry's content file text.
CREATE TABLE revisions (
    id         INTEGER PRIMARY KEY,
    kind       TEXT    NOT NULL CHECK (kind IN ('author', 'article', 'procedure')),
    slug       TEXT    NOT NULL,
    revision   INTEGER NOT NULL,
    content    TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (kind, slug, revision)
);

-- The trace of every write, in order: what changed and what was removed. Delta pulls read it, and
-- servers compare its last sequence number to know their caches are stale.
CREATE TABLE changes (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    kind       TEXT    NOT NULL CHECK (kind IN ('author', 'article', 'procedure')),
    slug       TEXT    NOT NULL,
    action     TEXT    NOT NULL CHECK (action IN ('created', 'updated', 'deleted', 'published', 'unpublished', 'archived')),
    at         INTEGER NOT NULL
);
CREATE INDEX changes_by_entry ON changes (kind, slug, seq);

-- Full-text search over title, summary and body text, kept in step by triggers inside each write.
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, summary, body_text,
    content = 'articles', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, summary, body_text)
    VALUES (new.id, new.title, coalesce(new.summary, ''), new.body_text);
END;

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, summary, body_text)
    VALUES ('delete', old.id, old.title, coalesce(old.summary, ''), old.body_text);
END;

CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, summary, body_text ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, summary, body_text)
    VALUES ('delete', old.id, old.title, coalesce(old.summary, ''), old.body_text);
    INSERT INTO articles_fts (rowid, title, summary, body_text)
    VALUES (new.id, new.title, coalesce(new.summary, ''), new.body_text);
END;
