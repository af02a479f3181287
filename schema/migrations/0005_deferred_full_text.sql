-- A batch save indexes its articles' full text once, at the end of its transaction, instead of row
-- by row. FTS5 writes its pending terms out as a new index segment at the end of every statement, so
-- a trigger that indexes each inserted row made a large import write one tiny segment per article and
-- spend its time merging them. While `deferred` is 1 the insert trigger stays quiet and the update
-- trigger only removes the old text; the batch then indexes every article it wrote with one
-- INSERT … SELECT and sets `deferred` back to 0 before it commits. The flag is only ever 1 inside
-- that one transaction, so no other connection sees it set, and every other writer (the admin
-- commands, a sqlite3 shell) keeps the row-by-row triggers.
CREATE TABLE full_text_sync (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    deferred INTEGER NOT NULL CHECK (deferred IN (0, 1))
);
INSERT INTO full_text_sync (id, deferred) VALUES (1, 0);

DROP TRIGGER articles_fts_insert;
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles
WHEN (SELECT deferred FROM full_text_sync) = 0 BEGIN
    INSERT INTO articles_fts (rowid, title, summary, body_text)
    VALUES (new.id, new.title, coalesce(new.summary, ''), new.body_text);
END;

DROP TRIGGER articles_fts_update;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, summary, body_text ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, summary, body_text)
    VALUES ('delete', old.id, old.title, coalesce(old.summary, ''), old.body_text);
    INSERT INTO articles_fts (rowid, title, summary, body_text)
    SELECT new.id, new.title, coalesce(new.summary, ''), new.body_text
    WHERE (SELECT deferred FROM full_text_sync) = 0;
END;
