-- An article's status and publication time by id, without reading its row. The row's Markdown and
-- HTML come before these columns and usually spill onto overflow pages, so checking whether a
-- related-article candidate is public by reading the row costs several page reads each; the
-- related-article queries read this index instead (INDEXED BY).
CREATE INDEX articles_visibility_by_id ON articles (id, status, published_at);
