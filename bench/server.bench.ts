// `npm run bench:server`: load from a second process. Starts the server (npm start's entry) as a
// child process, then drives POST /api/extract with a one-table pasted document through autocannon
// while, in the middle of the run, a 51 MB upload and malformed bodies arrive; reports throughput,
// latency percentiles, the server's CPU time per request (steadier than throughput when other work
// shares the machine), the load average, and what those bad requests got.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import autocannon from 'autocannon';
import { oneTable } from '../test/support/one-table.ts';

const PORT = Number(process.env.BENCH_PORT ?? 8797);
const DURATION = Number(process.env.BENCH_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const base = `http://127.0.0.1:${PORT}`;

/** One project table, as pasted from Word (the seeds' form). */
const TABLE = oneTable('2026年度海关办公经费', '13060526P00003110004W');

/** The server's CPU time so far (user + system, ms), from /proc: steadier than requests/s on a shared machine. Null off Linux. */
function cpuMsOf(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks (USER_HZ 100)
  } catch {
    return null;
  }
}

async function startServer(): Promise<{ stop: () => void; pid: number | undefined }> {
  // The compiled server, as `npm start` runs it (npm run build first).
  const child = spawn(process.execPath, ['dist/server/main.js'], { env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('listening') && resolve());
    child.on('exit', (code) => reject(new Error(`the server exited (${code})`)));
  });
  return { stop: () => child.kill('SIGTERM'), pid: child.pid };
}

async function badRequests(): Promise<string[]> {
  const seen: string[] = [];
  const record = async (label: string, init: RequestInit) => {
    const started = performance.now();
    const response = await fetch(`${base}/api/extract`, { method: 'POST', ...init }).catch((error: Error) => ({ status: 0, json: async () => ({ error: { code: error.message } }) }));
    const body = (await response.json().catch(() => ({}))) as { error?: { code?: string } };
    seen.push(`${label}: ${response.status} ${body.error?.code ?? '(no code)'} in ${Math.round(performance.now() - started)} ms`);
  };
  await record('51 MB upload', { body: new Uint8Array(51 * 1024 * 1024).fill(0x41) });
  await record('malformed JSON', { headers: { 'content-type': 'application/json' }, body: '{"text": ' });
  await record('JSON without text', { headers: { 'content-type': 'application/json' }, body: '{"txt": 1}' });
  await record('binary bytes', { body: new Uint8Array(4096).map((_, i) => (i * 7) & 0xff) });
  return seen;
}

const { stop, pid } = await startServer();
try {
  console.log(`machine: ${cpus()[0]?.model ?? 'unknown cpu'} × ${cpus().length}, node ${process.version}, load average ${loadavg()[0]!.toFixed(2)}; ${CONNECTIONS} connections for ${DURATION} s`);
  const request = { method: 'POST' as const, path: '/api/extract', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: TABLE }) };
  await autocannon({ url: base, connections: CONNECTIONS, duration: 3, requests: [request] }); // warm-up
  const cpuBefore = cpuMsOf(pid);
  const run = autocannon({ url: base, connections: CONNECTIONS, duration: DURATION, requests: [request] });
  const bad = new Promise<string[]>((resolve) => setTimeout(() => resolve(badRequests()), (DURATION * 1000) / 3));
  const result = await run;
  const cpuAfter = cpuMsOf(pid);
  const { latency, requests } = result;
  console.log(`paste extraction: ${requests.average.toFixed(0)} requests/s (min ${requests.min}), latency p50 ${latency.p50} ms, p97.5 ${latency.p97_5} ms, p99 ${latency.p99} ms, max ${latency.max} ms`);
  console.log(`responses: ${result['2xx']} 2xx, ${result.non2xx} other, ${result.errors} errors, ${result.timeouts} timeouts`);
  // The bad requests below are a handful among thousands: their share of the CPU is left in.
  if (cpuBefore !== null && cpuAfter !== null) console.log(`server CPU: ${((cpuAfter - cpuBefore) / result['2xx']).toFixed(3)} ms per request answered (user + system); load average ${loadavg()[0]!.toFixed(2)} at the end`);
  for (const line of await bad) console.log(`during the load, ${line}`);
} finally {
  stop();
}
