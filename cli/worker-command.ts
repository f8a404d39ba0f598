// `jixiao worker`: reads the jobs of the shared queue (DATABASE_URL), wherever it is started; as many
// as are needed, on as many machines. Runs until stopped: SIGTERM or Ctrl-C lets the jobs in hand
// finish (for up to 10 s); a worker killed outright leaves its job to another once it expires.
import { parseArgs } from 'node:util';
import { isDatabaseUrl, shownLocation } from '../library/open.ts';
import { readConfig } from '../server/config.ts';
import { errorLine } from '../vocab/error-messages.ts';
import { EXIT, usageFailure } from './exit.ts';

const USAGE = `usage: jixiao worker [--concurrency N]
  takes reading jobs (the server's POST /api/extract/jobs, \`jixiao library import\`) from the queue in
  the PostgreSQL database DATABASE_URL and reads them; start one or more per machine, anywhere the
  database is reachable. Runs until stopped (SIGTERM, Ctrl-C: the jobs in hand are finished first).
  --concurrency N   jobs read at once (default JOB_CONCURRENCY, 1), each in its own thread
  budgets as the server's: TASK_TIMEOUT_SECONDS, WORKER_MEMORY_MB; a model for --engine llm|auto
  from OPENAI_BASE_URL / OPENAI_API_KEY
exit 0 stopped, 1 usage (no DATABASE_URL), 2 the database cannot be reached
`;

export async function runWorker(args: string[]): Promise<number> {
  let values;
  try {
    values = parseArgs({ args, options: { concurrency: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }).values;
  } catch (error) {
    return usageFailure('worker', (error as Error).message, USAGE);
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return EXIT.ok;
  }
  const read = readConfig({ ...process.env, ...(values.concurrency ? { JOB_CONCURRENCY: values.concurrency } : {}) });
  if (!read.ok) return usageFailure('worker', read.problems.join('; '), USAGE);
  const url = read.config.DATABASE_URL;
  if (!url || !isDatabaseUrl(url)) return usageFailure('worker', '需要 DATABASE_URL（postgres://…）：任务队列在 PostgreSQL 中', USAGE);
  const { startJobWorker } = await import('../server/job-worker.ts');
  let worker;
  try {
    worker = await startJobWorker(url, read.config);
  } catch (error) {
    process.stderr.write(`jixiao worker: ${errorLine('LIBRARY_UNAVAILABLE', `${shownLocation(url)}: ${error instanceof Error ? error.message : String(error)}`)}\n`);
    return EXIT.unreadable;
  }
  process.stderr.write(`jixiao worker ${worker.name}: taking jobs from ${shownLocation(url)}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  process.stderr.write(`jixiao worker ${worker.name}: stopping\n`);
  await worker.stop();
  return EXIT.ok;
}
