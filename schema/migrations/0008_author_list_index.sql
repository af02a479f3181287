-- An author's public articles newest first, and how many there are, from the index alone. 0001's
-- index (author_id, published_at DESC) gave the order but not the status, so counting an author's
-- public articles (`Author.articles.totalCount`) read every one of their rows: 0.2 s an author at
-- 100,000 articles with the file in memory. With the status after the author, the public's list
-- of one author is one range of this index, in order.
DROP INDEX articles_by_author;
CREATE INDEX articles_by_author ON articles (author_id, status, published_at DESC, id DESC);
