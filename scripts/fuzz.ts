// npm run fuzz: the property tests' properties (test/property/properties.ts) for FUZZ_MINUTES
// (default 30), from random seeds, with progress every minute. A failure prints its property, seed,
// path and counterexample, keeps the input as fixtures/fuzz/<property>-<seed>.txt|.bin (which
// test/property/regressions.test.ts then reads) and exits 1.
//
// The properties run in a child process watched by this one: a synchronous hang cannot be timed out
// from inside, and a native crash (sharp, onnxruntime) takes its process with it. Before each run the
// child writes the input to a scratch file, so whatever stops it, the input that did is known.
//
// FUZZ_REPLAY=<property>:<seed>:<path> replays one failure (the seed and path it printed) in this process.
import { fork } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { isPdfjsException } from '../ingest/pdf/open-document.ts';
import { hangBoundMs, warmUp, workSize } from '../test/property/checks.ts';
import { PROPERTIES, toProperty, type ExtractionProperty, type Input } from '../test/property/properties.ts';

type Message =
  | { type: 'run'; property: string; seed: number; size: number; file: string }
  | { type: 'failure'; property: string; seed: number; path?: string; report: string; file: string };

const FIXTURES = fileURLToPath(new URL('../fixtures/fuzz/', import.meta.url));
/** Beyond a run's own hang bound, the watchdog allows five OCR pages and a minute of a loaded machine. */
const WATCHDOG_EXTRA_MS = 6 * 60_000;
/** Longest a failure may spend shrinking before the smallest counterexample so far is reported. */
const SHRINK_MS = 3 * 60_000;

const extension = (input: Input) => (input.path === 'text' ? 'txt' : 'bin');
const contents = (input: Input) => (input.path === 'text' ? input.text : input.bytes);
const sizeOf = (input: Input) => (input.path === 'text' ? input.text.length : workSize(input.bytes));

function keepFixture(from: string, property: string, seed: number): string {
  mkdirSync(FIXTURES, { recursive: true });
  const to = join(FIXTURES, `${property}-${seed}.${from.split('.').pop()}`);
  copyFileSync(from, to);
  return to;
}

// ---- the child: runs properties until the deadline ---------------------------------------------

async function work(deadline: number, scratch: string): Promise<void> {
  const send = (message: Message) => process.send?.(message);
  // A message is sent asynchronously: exiting right after it would lose it.
  const sendAndExit = (message: Message) => (process.send ? process.send(message, () => process.exit(1)) : process.exit(1));
  let current: { property: string; seed: number; file: string } | null = null;
  const escaped = (error: unknown) => {
    // An error thrown outside any awaited call (a reader's stray promise): a bug, blamed on the run in progress.
    if (!current) throw error;
    sendAndExit({ type: 'failure', ...current, report: `an error escaped the extractor: ${(error as Error)?.stack ?? String(error)}` });
  };
  // pdf.js leaves some of its own exceptions unhandled while it recovers; ingest drops those (see
  // ingest/pdf/open-document.ts), so only the others would end the CLI or the server.
  process.on('unhandledRejection', (reason) => {
    if (!isPdfjsException(reason)) escaped(reason);
  });
  process.on('uncaughtException', escaped);

  await warmUp('files');
  const spent = new Map(PROPERTIES.map((property) => [property.name, 0]));
  const next = () => PROPERTIES.reduce((best, property) => ((spent.get(property.name) ?? 0) / property.fuzzWeight < (spent.get(best.name) ?? 0) / best.fuzzWeight ? property : best));
  while (Date.now() < deadline) {
    const property = next();
    const seed = randomInt(2 ** 31);
    const started = Date.now();
    const watched = toProperty(property, (input) => {
      const file = join(scratch, `current.${extension(input)}`);
      writeFileSync(file, contents(input));
      current = { property: property.name, seed, file };
      send({ type: 'run', property: property.name, seed, size: sizeOf(input), file });
    });
    const found = await fc.check(watched, { seed, numRuns: property.fuzzBatch, endOnFailure: true, includeErrorInReport: true, plugins: [fc.interruptAfterTimeLimit(Math.max(0, deadline - started))] });
    // Shrinking replays the failure's path on a budget of its own: a slow case shrinks slowly, and
    // must not take the rest of the run (a timing failure may also not recur, and is reported as found).
    const shrunk = found.failed && found.counterexamplePath ? await fc.check(watched, { seed, path: found.counterexamplePath, includeErrorInReport: true, plugins: [fc.interruptAfterTimeLimit(SHRINK_MS)] }) : null;
    const details = shrunk?.failed && shrunk.counterexample ? shrunk : found;
    spent.set(property.name, (spent.get(property.name) ?? 0) + Date.now() - started);
    if (details.failed && details.counterexample) {
      const input = property.input((details.counterexample as [unknown])[0]);
      const file = join(scratch, `failure.${extension(input)}`);
      writeFileSync(file, contents(input));
      sendAndExit({ type: 'failure', property: property.name, seed, file, path: details.counterexamplePath ?? undefined, report: fc.defaultReportMessage(details).slice(0, 20_000) });
      return;
    }
  }
  process.exit(0);
}

// ---- the parent: progress, the watchdog, and what is kept ---------------------------------------

function supervise(minutes: number): void {
  const started = Date.now();
  const deadline = started + minutes * 60_000;
  const scratch = mkdtempSync(join(tmpdir(), 'jixiao-fuzz-'));
  const runs = new Map(PROPERTIES.map((property) => [property.name, 0]));
  let last: (Message & { type: 'run' }) | null = null;
  let lastAt = Date.now();
  let done = false;

  console.log(`fuzzing ${PROPERTIES.length} properties for ${minutes} min (scratch ${scratch})`);
  const child = fork(fileURLToPath(import.meta.url), ['--worker', String(deadline), scratch], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });

  const progress = () => {
    const total = [...runs.values()].reduce((sum, count) => sum + count, 0);
    const each = [...runs].map(([name, count]) => `${name} ${count}`).join(', ');
    console.log(`[${Math.round((Date.now() - started) / 60_000)} min] ${total} runs: ${each}`);
  };
  const finish = (code: number, lines: string[]) => {
    if (done) return;
    done = true;
    clearInterval(ticker);
    clearInterval(watchdog);
    progress();
    for (const line of lines) console.log(line);
    if (child.exitCode === null) child.kill('SIGKILL');
    process.exit(code);
  };
  const blame = (what: string): string[] => {
    if (!last) return [`FAILED: ${what} before any input was run`];
    const kept = keepFixture(last.file, last.property, last.seed);
    return [`FAILED: ${what}`, `property ${last.property}, seed ${last.seed} (the input is the one in progress; no shrinking)`, `input kept as ${kept}`];
  };

  const ticker = setInterval(progress, 60_000);
  const watchdog = setInterval(() => {
    if (!last) return;
    const limit = hangBoundMs(last.size) + WATCHDOG_EXTRA_MS;
    if (Date.now() - lastAt > limit) finish(1, blame(`a run of ${last.property} has not finished in ${Math.round((Date.now() - lastAt) / 1000)} s (watchdog limit ${Math.round(limit / 1000)} s)`));
  }, 5_000);

  child.on('message', (message: Message) => {
    if (message.type === 'run') {
      last = message;
      lastAt = Date.now();
      runs.set(message.property, (runs.get(message.property) ?? 0) + 1);
    } else if (message.type === 'failure') {
      const kept = keepFixture(message.file, message.property, message.seed);
      const lines = [`FAILED: property ${message.property}, seed ${message.seed}, path ${message.path ?? '(none)'}`, message.report, `input kept as ${kept}`];
      if (message.path) lines.push(`replay: FUZZ_REPLAY=${message.property}:${message.seed}:${message.path} npm run fuzz`);
      finish(1, lines);
    }
  });
  child.on('exit', (code, signal) => {
    if (code === 0) finish(0, [`no failures in ${minutes} min`]);
    else finish(1, blame(`the worker died (exit code ${code}, signal ${signal})`));
  });
}

async function replay(spec: string): Promise<void> {
  const [name, seed, ...steps] = spec.split(':');
  const path = steps.join(':');
  const property: ExtractionProperty | undefined = PROPERTIES.find((candidate) => candidate.name === name);
  if (!property || !seed || !path) throw new Error(`FUZZ_REPLAY is <property>:<seed>:<path>, property one of ${PROPERTIES.map((p) => p.name).join(', ')}`);
  await fc.assert(toProperty(property), { seed: Number(seed), path, endOnFailure: true });
  console.log('the property holds on this case now');
}

if (process.argv[2] === '--worker') {
  await work(Number(process.argv[3]), process.argv[4] ?? tmpdir());
} else if (process.env.FUZZ_REPLAY) {
  await replay(process.env.FUZZ_REPLAY);
} else {
  const minutes = Number(process.env.FUZZ_MINUTES ?? 30);
  if (!(minutes > 0)) throw new Error(`FUZZ_MINUTES must be a positive number of minutes, not ${process.env.FUZZ_MINUTES}`);
  supervise(minutes);
}
