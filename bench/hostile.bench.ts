// What hostile and careless uploads do to a running server (`npm start`), measured from outside it:
// the server runs in a child process; this one sends, one after another, a PDF whose filter names are
// abbreviated (it once hung a worker for ever), a 1.5 KB xlsx merging A60:XFD1048576 (it once took
// the process down), an xlsx with a cell at A1000000000, 49 MB of random bytes, a 60 MB upload, and
// a normal paste after each; meanwhile it asks /api/health every 50 ms and samples the server's
// resident memory every 100 ms. Targets (issue 18): each hostile input ends within 30 s with a clear
// code, the next request succeeds, peak memory under 1.5 GB, health p99 under 100 ms.
//   BENCH_PORT=8799 [HOSTILE_ONLY=N] [HOSTILE_PROBE=/abs/probe.mjs] npx tsx bench/hostile.bench.ts
// (HOSTILE_PROBE is loaded into the server first: a script that reports its event-loop stalls, say)
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { Worker } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

const PORT = Number(process.env.BENCH_PORT ?? 8799);
const base = `http://127.0.0.1:${PORT}`;
const TARGETS = { seconds: 30, peakMb: 1536, healthP99Ms: 100 };

/** An xlsx of one small table whose first sheet's XML is changed by `patch`. */
async function patchedXlsx(patch: (sheet: string) => string): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('绩效目标表');
  sheet.addRow(['一级指标', '二级指标', '三级指标', '指标值']);
  sheet.addRow(['产出指标', '数量指标', '培训人数', '≥100人']);
  const files = unzipSync(new Uint8Array(await workbook.xlsx.writeBuffer()));
  files['xl/worksheets/sheet1.xml'] = strToU8(patch(strFromU8(files['xl/worksheets/sheet1.xml']!)));
  return zipSync(files);
}

function randomBytes(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  let state = 2463534242;
  for (let i = 0; i < size; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[i] = state & 255;
  }
  return bytes;
}

const fuzzPdf = readFileSync(new URL('../fixtures/fuzz/file-mutated-pdf-2082989725.bin', import.meta.url));
const abbreviatedPdf = new Uint8Array(Buffer.from(fuzzPdf.toString('latin1').replaceAll('/FlateDecode', '/Fl'), 'latin1'));
const seedText = readFileSync(new URL('../fixtures/seeds/004_584bff0bac0b6d6f.txt', import.meta.url), 'utf8');

const upload = (bytes: Uint8Array, name: string): RequestInit => {
  const form = new FormData();
  form.append('file', new File([bytes as Uint8Array<ArrayBuffer>], name));
  return { method: 'POST', body: form };
};
const paste: RequestInit = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: seedText }) };

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0) / 1024;
}

const { OPENAI_API_KEY: _key, OPENAI_BASE_URL: _url, JIXIAO_TOKEN: _token, ...env } = process.env;
// The compiled server, as `npm start` runs it (npm run build first).
const server = spawn(process.execPath, [...(process.env.HOSTILE_PROBE ? ['--import', process.env.HOSTILE_PROBE] : []), 'dist/server/main.js'], {
  cwd: new URL('..', import.meta.url).pathname,
  env: { ...env, PORT: String(PORT), HOST: '127.0.0.1', JIXIAO_LIBRARY: ':memory:' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
let peak = 0;
const sampler = setInterval(() => {
  try {
    peak = Math.max(peak, rssMb(server.pid!));
  } catch {
    // the server is gone; the run says so below
  }
}, 100);

/**
 * Health is asked from a thread of its own: this thread builds and sends 60 MB bodies, and its own
 * pauses would be counted as the server's.
 */
const POLLER = `
const { parentPort, workerData } = require('node:worker_threads');
const latencies = [];
let polling = true;
parentPort.on('message', () => { polling = false; });
(async () => {
  while (polling) {
    const started = performance.now();
    await fetch(workerData + '/api/health').then((response) => response.arrayBuffer(), () => null);
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  parentPort.postMessage(latencies);
})();
`;

function pollHealth(): { stop: () => Promise<number[]> } {
  const poller = new Worker(POLLER, { eval: true, workerData: base });
  return {
    stop: () =>
      new Promise((resolve) => {
        poller.once('message', (latencies: number[]) => void poller.terminate().then(() => resolve(latencies)));
        poller.postMessage('stop');
      }),
  };
}

async function waitUp(): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await fetch(`${base}/api/health`).then((response) => response.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the server did not start');
}

async function send(name: string, init: RequestInit): Promise<string> {
  const started = performance.now();
  const response = await fetch(`${base}/api/extract`, init).catch((error: Error) => error);
  const seconds = (performance.now() - started) / 1000;
  if (response instanceof Error) return `${name}: no answer (${response.message}) after ${seconds.toFixed(1)} s`;
  const body = await response.text();
  const code = response.ok ? `${(JSON.parse(body) as { document: { projects: unknown[] } }).document.projects.length} projects` : ((JSON.parse(body) as { error?: { code: string } }).error?.code ?? body.slice(0, 60));
  const within = seconds <= TARGETS.seconds ? '' : `  ← over ${TARGETS.seconds} s`;
  return `${name}: ${response.status} ${code} in ${seconds.toFixed(1)} s${within}`;
}

try {
  await waitUp();
  // Wait for the workers to load their readers, as a server that has been up a moment has.
  await fetch(`${base}/api/extract`, paste);
  peak = 0;
  console.log(`machine: ${cpus()[0]?.model ?? 'unknown cpu'} × ${cpus().length}, node ${process.version}`);
  const cases: [string, RequestInit][] = [
    ['PDF with abbreviated filter names', upload(abbreviatedPdf, 'abbreviated.pdf')],
    ['xlsx merging A60:XFD1048576', upload(await patchedXlsx((xml) => xml.replace('</sheetData>', '</sheetData><mergeCells count="1"><mergeCell ref="A60:XFD1048576"/></mergeCells>')), 'merge.xlsx')],
    ['xlsx with a cell at A1000000000', upload(await patchedXlsx((xml) => xml.replace('</sheetData>', '<row r="1000000000"><c r="A1000000000" t="inlineStr"><is><t>x</t></is></c></row></sheetData>')), 'far.xlsx')],
    ['49 MB of random bytes', upload(randomBytes(49 * 2 ** 20), 'random.bin')],
    ['60 MB upload', upload(randomBytes(60 * 2 ** 20), 'big.pdf')],
  ];
  // HOSTILE_ONLY=4 runs the fourth case alone (to find which one stalls the server).
  const only = process.env.HOSTILE_ONLY ? Number(process.env.HOSTILE_ONLY) - 1 : null;
  const polled = pollHealth();
  for (const [name, init] of only === null ? cases : [cases[only]!]) {
    console.log(await send(name, init));
    console.log(`  then ${await send('a seed pasted', paste)}`);
  }
  const sorted = (await polled.stop()).sort((a, b) => a - b);
  const at = (share: number) => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]!;
  console.log(`health over ${sorted.length} requests: p50 ${at(0.5).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms, max ${at(1).toFixed(1)} ms (target p99 < ${TARGETS.healthP99Ms} ms)`);
  console.log(`server peak RSS ${peak.toFixed(0)} MB (target < ${TARGETS.peakMb} MB)`);
} finally {
  clearInterval(sampler);
  server.kill();
}
