-- Lists by title and by update time walk their order's index and check each entry against the
-- list's filter. The status, publication time and author were not in these indexes, so every
-- entry the filter left out cost a read of its article's row: a public list by title of articles
-- published after a date no public article has read all 100,000 rows (2.3 s). With the columns a
-- filter checks in the index, such a walk reads index entries only.
DROP INDEX articles_by_title;
CREATE INDEX articles_by_title ON articles (title, id, status, published_at, author_id);
DROP INDEX articles_by_updated;
CREATE INDEX articles_by_updated ON articles (updated_at DESC, id DESC, status, published_at, author_id);
