-- The library in PostgreSQL (library/postgres-store.ts): the same documents and projects as the
-- SQLite store, and in place of its FTS5 index a table of each project's words (cut by jieba in
-- TypeScript, library/words.ts) with their counts per field, the number of projects holding each
-- word and the library's totals: what FTS5's BM25 reads, so that PostgreSQL computes the same score.
-- Run by node-pg-migrate (library/migrate.ts); a later change of schema is a new numbered file.

-- Up Migration

CREATE TABLE documents (
  -- ids are given as SQLite gives its rowids (one past the largest), under the writer lock
  id integer PRIMARY KEY,
  sha256 text NOT NULL UNIQUE,
  filename text,
  format text NOT NULL,
  added_at timestamptz NOT NULL DEFAULT now(),
  -- counts written with the rows, in the same transaction: a reader can check a document is whole
  project_count integer NOT NULL,
  indicator_count integer NOT NULL
);

CREATE TABLE projects (
  id integer PRIMARY KEY,
  document_id integer NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  position integer NOT NULL,
  name text,
  code text,
  unit_code text,
  unit_name text,
  year integer,
  region text,
  province text,
  category text,
  budget double precision,
  indicator_count integer NOT NULL,
  dedupe_key text NOT NULL,
  -- the project as JSON, as the SQLite store keeps it
  data text NOT NULL,
  -- the words of each field, joined by single spaces (the FTS5 table's columns)
  name_words text NOT NULL,
  purpose_words text NOT NULL,
  goals_words text NOT NULL,
  indicator_words text NOT NULL,
  -- how many words all the fields hold (BM25's document length)
  word_count integer NOT NULL
);
CREATE INDEX projects_document ON projects (document_id);
CREATE INDEX projects_year ON projects (year);
CREATE INDEX projects_dedupe ON projects (dedupe_key);
CREATE INDEX projects_unit ON projects (unit_name);
CREATE INDEX projects_category ON projects (category);

-- One row per project and word: how often the word stands in each field, and the project's length
-- in words (BM25's document length, kept here so that the candidates' score reads this table alone).
-- The key holds every column: a search reads its words' rows from the index alone (an index-only
-- scan), not from pages of the table spread over the whole library (110 ms → 27 ms at 100,000
-- projects for three words in 30,000 projects).
CREATE TABLE project_terms (
  word text NOT NULL,
  project_id integer NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  name_count integer NOT NULL,
  purpose_count integer NOT NULL,
  goals_count integer NOT NULL,
  indicator_count integer NOT NULL,
  project_words integer NOT NULL,
  PRIMARY KEY (word, project_id) INCLUDE (name_count, purpose_count, goals_count, indicator_count, project_words)
);
CREATE INDEX project_terms_project ON project_terms (project_id);

-- How many projects hold each word (FTS5's vocabulary table): a word's rarity.
CREATE TABLE term_documents (
  word text PRIMARY KEY,
  documents integer NOT NULL
);

-- The library's size in projects and in words, for BM25's average length; one row.
CREATE TABLE library_totals (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  projects integer NOT NULL,
  words bigint NOT NULL
);
INSERT INTO library_totals (projects, words) VALUES (0, 0);

-- Down Migration

DROP TABLE library_totals;
DROP TABLE term_documents;
DROP TABLE project_terms;
DROP TABLE projects;
DROP TABLE documents;
