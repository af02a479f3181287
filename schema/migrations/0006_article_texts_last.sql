-- An article row with its long texts last. SQLite keeps a row's columns in table order, and a row
-- larger than a page keeps only its start on the table's page and the rest on a chain of overflow
-- pages, which can only be walked from the first. In 0001 the Markdown, HTML and plain text (about
-- 17 KB together) came before status, dates, author and the other short columns, so reading any of
-- those — every list, every related-article card — walked four or five overflow pages per article.
-- The table is rebuilt with the short columns first, then the headings and texts in the order
-- pages read them (HTML for an article page, plain text for the full-text index, Markdown for
-- editors), and its indexes and triggers are made again as 0001, 0004 and 0005 left them.
-- Foreign keys are off while a migration runs and checked before it commits; the rows keep their
-- ids, so tags, procedures, related links and the full-text index still point at the same articles.

CREATE TABLE articles_reordered (
    id                   INTEGER PRIMARY KEY,
    slug                 TEXT    NOT NULL UNIQUE,
    title                TEXT    NOT NULL,
    summary              TEXT,
    reading_time_minutes INTEGER NOT NULL DEFAULT 1,
    status               TEXT    NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'archived')),
    published_at         INTEGER,                         -- in the future on a published article: scheduled
    created_at           INTEGER NOT NULL,
    updated_at           INTEGER NOT NULL,
    author_id            INTEGER REFERENCES authors (id) ON DELETE RESTRICT,
    reviewed_at          INTEGER,
    reviewer_id          INTEGER REFERENCES authors (id) ON DELETE RESTRICT,
    canonical_url        TEXT,
    headings             TEXT    NOT NULL DEFAULT '[]',  -- JSON [{level, text, anchor}]
    body_html            TEXT    NOT NULL,
    body_text            TEXT    NOT NULL,
    body_markdown        TEXT    NOT NULL,
    CHECK (status <> 'published' OR published_at IS NOT NULL)
);

INSERT INTO articles_reordered (id, slug, title, summary, reading_time_minutes, status, published_at, created_at,
                                updated_at, author_id, reviewed_at, reviewer_id, canonical_url, headings, body_html,
                                body_text, body_markdown)
SELECT id, slug, title, summary, reading_time_minutes, status, published_at, created_at, updated_at, author_id,
       reviewed_at, reviewer_id, canonical_url, headings, body_html, body_text, body_markdown
FROM articles;

-- Dropping the table drops its indexes and triggers; the full-text index (external content, by
-- table name) is left as it is.
DROP TABLE articles;
ALTER TABLE articles_reordered RENAME TO articles;

CREATE INDEX articles_by_status_published ON articles (status, published_at DESC, id DESC);
CREATE INDEX articles_by_updated ON articles (updated_at DESC, id DESC);
CREATE INDEX articles_by_title ON articles (title, id);
CREATE INDEX articles_by_author ON articles (author_id, published_at DESC);
CREATE INDEX articles_by_reviewer ON articles (reviewer_id);
CREATE INDEX articles_visibility_by_id ON articles (id, status, published_at);

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles
WHEN (SELECT deferred FROM full_text_sync) = 0 BEGIN
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
    SELECT new.id, new.title, coalesce(new.summary, ''), new.body_text
    WHERE (SELECT deferred FROM full_text_sync) = 0;
END;
