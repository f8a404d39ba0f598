-- Which version of words.ts (WORDS_VERSION) cut the words this library stores. A library of an
-- older one has every project's words cut again when it is opened (postgres-store.ts), as the
-- queries are cut now. Libraries made before this column were cut by version 1.

-- Up Migration

ALTER TABLE library_totals ADD COLUMN words_version integer NOT NULL DEFAULT 1;

-- Down Migration

ALTER TABLE library_totals DROP COLUMN words_version;
