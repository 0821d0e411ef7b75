-- 0003_filter_index: a covering index of the columns search filters read
-- (source:, topic:, after:, before:). Checking a filter for each match
-- through it touches a few megabytes instead of one table page per
-- article (article rows hold their text).
CREATE INDEX articles_filter ON articles (doc, published, source, topic);
