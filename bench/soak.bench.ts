// `npm run bench:soak`: the server under a steady mixed load for minutes, to find what grows or
// slows over time. Starts the server (npm start's entry) in a child process with its library in a
// temporary folder, warms it up, then runs a few concurrent clients per kind of request for
// SOAK_MINUTES: pasted one-table text to /api/extract, a Word upload (read in a worker), /api/draft,
// and /api/validate. Reports per kind the requests, throughput, p50/p99 latency and errors, and the
// server's memory (RSS from /proc, and the main thread's heap, which a probe loaded into the server
// process sends over IPC) after warm-up and at the end, right after a full collection of that heap
// and as means under load. Exits 1 when a target is missed.
//   SOAK_MINUTES=10 SOAK_WARMUP_SECONDS=30 SOAK_CLIENTS=1 BENCH_PORT=8798 npx tsx bench/soak.bench.ts
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { oneTable } from '../test/support/one-table.ts';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const WARMUP_SECONDS = Number(process.env.SOAK_WARMUP_SECONDS ?? 30);
/** Clients per kind are multiplied by this. */
const CLIENTS = Number(process.env.SOAK_CLIENTS ?? 1);
const PORT = Number(process.env.BENCH_PORT ?? 8798);
const base = `http://127.0.0.1:${PORT}`;
const SAMPLE_MS = 2_000;
/** The means under load are over this long at the end of each phase (one sample is mostly GC timing); the target compares RSS after a full collection. */
const MEMORY_WINDOW_MS = 20_000;

const TARGETS = { pasteP99Ms: 200, memoryGrowth: 0.2 };

const texts = Array.from({ length: 64 }, (_, n) => oneTable(`2026年度口岸综合服务保障经费${n}`));
const docx = readFileSync(new URL('../fixtures/formats/chengde.docx', import.meta.url));
const drafts = ['2026年度口岸综合服务保障经费', '2026年度海关办公经费', '2026年度食品安全抽检经费', '2026年度乡村道路养护经费', '2026年度社区养老服务补助'].map((name, n) => ({
  name,
  budget: 20 + n * 15,
  purpose: `主要用于保障${n + 3}人开展工作，购置设备${n + 1}台。`,
  year: 2026,
}));

interface Kind {
  name: string;
  clients: number;
  request: (n: number) => { path: string; init: RequestInit };
}

const json = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

const KINDS: Kind[] = [
  { name: 'paste → /api/extract', clients: 2, request: (n) => ({ path: '/api/extract', init: json({ text: texts[n % texts.length] }) }) },
  {
    name: 'docx → /api/extract',
    clients: 1,
    request: () => {
      const form = new FormData();
      form.append('file', new File([docx], 'chengde.docx'));
      return { path: '/api/extract', init: { method: 'POST', body: form } };
    },
  },
  { name: '/api/draft', clients: 1, request: (n) => ({ path: '/api/draft', init: json(drafts[n % drafts.length]) }) },
  { name: '/api/validate', clients: 1, request: (n) => ({ path: '/api/validate', init: json({ text: texts[(n * 7) % texts.length] }) }) },
];

/** SOAK_KINDS=paste,docx runs only the kinds whose names start with these words (to find which one grows). */
const only = process.env.SOAK_KINDS?.split(',').map((word) => word.trim()).filter(Boolean);
const kinds = only ? KINDS.filter((kind) => only.some((word) => kind.name.replace(/^\/api\//, '').startsWith(word))) : KINDS;

interface Tally {
  latencies: number[];
  errors: Map<string, number>;
}

const fresh = (): Tally => ({ latencies: [], errors: new Map() });
let tallies = new Map(kinds.map((kind) => [kind.name, fresh()]));
let stopping = false;

async function client(kind: Kind, offset: number): Promise<void> {
  for (let n = offset; !stopping; n++) {
    const { path, init } = kind.request(n);
    const started = performance.now();
    let failure: string | null = null;
    try {
      const response = await fetch(`${base}${path}`, init);
      const body = await response.arrayBuffer();
      if (response.status !== 200) {
        const code = (() => {
          try {
            return (JSON.parse(new TextDecoder().decode(body)) as { error?: { code?: string } }).error?.code;
          } catch {
            return undefined;
          }
        })();
        failure = `${response.status} ${code ?? ''}`.trim();
      }
    } catch (error) {
      failure = (error as Error).message;
    }
    const tally = tallies.get(kind.name)!;
    if (failure) tally.errors.set(failure, (tally.errors.get(failure) ?? 0) + 1);
    else tally.latencies.push(performance.now() - started);
  }
}

interface Memory {
  at: number;
  rssMb: number;
  heapUsedMb: number | null;
}

/**
 * Loaded into the server process: sends its main thread's memory to the bench every SAMPLE_MS, and
 * on request after a full collection (the server runs with --expose-gc), which is what is compared:
 * a sample taken at a random point of the collector's cycle says more about the cycle than a leak.
 */
const PROBE_SOURCE = `
setInterval(() => process.send?.({ memory: process.memoryUsage() }), ${SAMPLE_MS}).unref();
process.on('message', (message) => {
  if (message !== 'measure') return;
  globalThis.gc?.();
  process.send?.({ measured: process.memoryUsage() });
});
process.channel?.unref();
`;
const PROBE = `data:text/javascript,${encodeURIComponent(PROBE_SOURCE)}`;

interface Server {
  child: ChildProcess;
  latestHeap: () => number | null;
  /** RSS and heap used right after a full collection in the main thread */
  measure: () => Promise<{ rssMb: number; heapUsedMb: number }>;
}

async function startServer(libraryFolder: string): Promise<Server> {
  // No model endpoint from the shell: drafting must not call out, and the figures are the rules'.
  const { OPENAI_API_KEY: _key, OPENAI_BASE_URL: _url, JIXIAO_EMBEDDING_MODEL: _embedding, JIXIAO_TOKEN: _token, ...env } = process.env;
  // The compiled server, as `npm start` runs it (npm run build first).
  const main = fileURLToPath(new URL('../dist/server/main.js', import.meta.url));
  const child = spawn(process.execPath, ['--expose-gc', '--import', PROBE, main], {
    env: { ...env, PORT: String(PORT), HOST: '127.0.0.1', JIXIAO_LIBRARY: join(libraryFolder, 'library.sqlite') },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  let heap: number | null = null;
  let onMeasured: ((memory: NodeJS.MemoryUsage) => void) | null = null;
  child.on('message', (message: { memory?: NodeJS.MemoryUsage; measured?: NodeJS.MemoryUsage }) => {
    if (message.memory) heap = message.memory.heapUsed / 2 ** 20;
    if (message.measured) onMeasured?.(message.measured);
  });
  const measure = async () => {
    const memory = await new Promise<NodeJS.MemoryUsage>((resolve) => {
      onMeasured = resolve;
      child.send('measure');
    });
    return { rssMb: rssMb(child.pid!), heapUsedMb: memory.heapUsed / 2 ** 20 };
  };
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('listening') && resolve());
    child.once('exit', (code) => reject(new Error(`the server exited (${code})`)));
  });
  return { child, latestHeap: () => heap, measure };
}

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((entry) => entry.startsWith('VmRSS:'));
  return Number(line?.match(/(\d+)/)?.[1] ?? NaN) / 1024;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/** Mean RSS and heap over the window that ends at `end`. */
function memoryAt(samples: Memory[], end: number): { rssMb: number; heapUsedMb: number } {
  const window = samples.filter((sample) => sample.at > end - MEMORY_WINDOW_MS && sample.at <= end);
  return { rssMb: mean(window.map((sample) => sample.rssMb)), heapUsedMb: mean(window.flatMap((sample) => (sample.heapUsedMb === null ? [] : [sample.heapUsedMb]))) };
}

const fixed = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : '—');
const change = (from: number, to: number) => `${to >= from ? '+' : ''}${fixed(((to - from) / from) * 100, 1)}%`;

const libraryFolder = mkdtempSync(join(tmpdir(), 'jixiao-soak-'));
const { child, latestHeap, measure } = await startServer(libraryFolder).catch((error: unknown) => {
  rmSync(libraryFolder, { recursive: true, force: true });
  throw error;
});
const pid = child.pid!;
const samples: Memory[] = [];
const sampler = setInterval(() => samples.push({ at: Date.now(), rssMb: rssMb(pid), heapUsedMb: latestHeap() }), SAMPLE_MS);
let exitCode = 0;
try {
  console.log(`machine: ${cpus()[0]?.model ?? 'unknown cpu'} × ${cpus().length}, node ${process.version}`);
  console.log(`clients: ${kinds.map((kind) => `${kind.name} ×${kind.clients * CLIENTS}`).join(', ')}; warm-up ${WARMUP_SECONDS} s, then ${MINUTES} min`);
  const clients = kinds.flatMap((kind) => Array.from({ length: kind.clients * CLIENTS }, (_, i) => client(kind, i * 1009)));

  await new Promise((resolve) => setTimeout(resolve, WARMUP_SECONDS * 1000));
  const warmed = Date.now();
  const afterWarmup = memoryAt(samples, warmed);
  const collectedAfterWarmup = await measure();
  const warmupErrors = [...tallies.values()].reduce((sum, tally) => sum + [...tally.errors.values()].reduce((a, b) => a + b, 0), 0);
  tallies = new Map(kinds.map((kind) => [kind.name, fresh()]));
  console.log(
    `after warm-up: RSS ${fixed(afterWarmup.rssMb)} MB, heap used ${fixed(afterWarmup.heapUsedMb)} MB (means over the last ${MEMORY_WINDOW_MS / 1000} s); after a full collection RSS ${fixed(collectedAfterWarmup.rssMb)} MB, heap used ${fixed(collectedAfterWarmup.heapUsedMb)} MB; ${warmupErrors} errors during warm-up`,
  );

  const minutes = setInterval(() => {
    const elapsed = (Date.now() - warmed) / 60_000;
    const counts = kinds.map((kind) => `${kind.name.split(' ')[0]} ${tallies.get(kind.name)!.latencies.length}`).join(', ');
    const last = samples.at(-1);
    console.log(`  ${fixed(elapsed, 1)} min: ${counts}; RSS ${fixed(last?.rssMb ?? NaN)} MB, heap ${fixed(last?.heapUsedMb ?? NaN)} MB`);
  }, 60_000);
  await new Promise((resolve) => setTimeout(resolve, MINUTES * 60_000));
  const ended = Date.now();
  const atEnd = memoryAt(samples, ended);
  const collectedAtEnd = await measure();
  clearInterval(minutes);
  stopping = true;
  await Promise.all(clients);

  const seconds = (ended - warmed) / 1000;
  console.log(`\n${MINUTES} min of mixed load:`);
  console.log('| kind | requests | requests/s | p50 ms | p99 ms | max ms | errors |');
  console.log('|---|---|---|---|---|---|---|');
  let errors = 0;
  let pasteP99 = NaN;
  for (const kind of kinds) {
    const tally = tallies.get(kind.name)!;
    const sorted = [...tally.latencies].sort((a, b) => a - b);
    const failed = [...tally.errors.values()].reduce((sum, count) => sum + count, 0);
    errors += failed;
    if (kind.name.startsWith('paste')) pasteP99 = percentile(sorted, 99);
    const detail = failed > 0 ? ` (${[...tally.errors].map(([what, count]) => `${what}: ${count}`).join(', ')})` : '';
    console.log(`| ${kind.name} | ${sorted.length + failed} | ${fixed(sorted.length / seconds, 1)} | ${fixed(percentile(sorted, 50), 1)} | ${fixed(percentile(sorted, 99), 1)} | ${fixed(sorted.at(-1) ?? NaN, 1)} | ${failed}${detail} |`);
  }
  const peak = Math.max(...samples.filter((sample) => sample.at > warmed).map((sample) => sample.rssMb));
  console.log(`\nserver memory, after warm-up → at the end:`);
  console.log(`  after a full collection: RSS ${fixed(collectedAfterWarmup.rssMb)} → ${fixed(collectedAtEnd.rssMb)} MB (${change(collectedAfterWarmup.rssMb, collectedAtEnd.rssMb)}), main-thread heap used ${fixed(collectedAfterWarmup.heapUsedMb, 1)} → ${fixed(collectedAtEnd.heapUsedMb, 1)} MB (${change(collectedAfterWarmup.heapUsedMb, collectedAtEnd.heapUsedMb)})`);
  console.log(`  means over ${MEMORY_WINDOW_MS / 1000} s under load: RSS ${fixed(afterWarmup.rssMb)} → ${fixed(atEnd.rssMb)} MB (${change(afterWarmup.rssMb, atEnd.rssMb)}; peak ${fixed(peak)} MB), heap used ${fixed(afterWarmup.heapUsedMb)} → ${fixed(atEnd.heapUsedMb)} MB`);

  const misses = [
    errors > 0 ? `${errors} errors (target: none)` : null,
    kinds.some((kind) => kind.name.startsWith('paste')) && !(pasteP99 < TARGETS.pasteP99Ms) ? `paste extraction p99 ${fixed(pasteP99, 1)} ms (target: < ${TARGETS.pasteP99Ms} ms)` : null,
    !(collectedAtEnd.rssMb <= collectedAfterWarmup.rssMb * (1 + TARGETS.memoryGrowth)) ? `RSS grew ${change(collectedAfterWarmup.rssMb, collectedAtEnd.rssMb)} (target: within ${TARGETS.memoryGrowth * 100}%)` : null,
  ].filter((miss): miss is string => miss !== null);
  console.log(misses.length === 0 ? 'targets: all met (no errors, paste p99 < 200 ms, RSS within 20% of its post-warm-up value)' : `targets missed: ${misses.join('; ')}`);
  if (misses.length > 0) exitCode = 1;
} finally {
  stopping = true;
  clearInterval(sampler);
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(libraryFolder, { recursive: true, force: true });
}
process.exit(exitCode);
