-- Reading jobs when the server and its workers share PostgreSQL (server/postgres-jobs.ts,
-- server/job-worker.ts): pg-boss (its own schema, pgboss) decides who reads what and when, with
-- retries and expiry; this table holds what the server shows of a job — its status, progress and
-- result — and its upload until the job ends. pg-boss's message carries only the job's id.

-- Up Migration

CREATE TABLE jixiao_jobs (
  id uuid PRIMARY KEY,
  -- 'read': a job of the API (POST /api/extract/jobs); 'library-add': a document of `library import`
  kind text NOT NULL,
  -- one `library import` run, for its progress and its failures
  batch uuid,
  status text NOT NULL,
  filename text,
  -- the file on the importing machine, read again by `library import --retry-failed`
  source_path text,
  -- the task without its bytes: kind, limits, the engine's name, pasted text
  task jsonb NOT NULL,
  -- where the read documents' units are (library import --region, --province)
  place jsonb,
  -- the upload, kept only until the job ends
  upload bytea,
  progress jsonb,
  result jsonb,
  -- what the library did with a library-add job's document
  added jsonb,
  error jsonb,
  -- the pg-boss job that carries it now (a retried import gets a new one)
  boss_id uuid,
  worker text,
  attempts integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);

CREATE INDEX jixiao_jobs_batch ON jixiao_jobs (batch) WHERE batch IS NOT NULL;
CREATE INDEX jixiao_jobs_finished ON jixiao_jobs (finished_at) WHERE finished_at IS NOT NULL;
CREATE INDEX jixiao_jobs_failed_imports ON jixiao_jobs (created_at) WHERE kind = 'library-add' AND status = 'failed';
