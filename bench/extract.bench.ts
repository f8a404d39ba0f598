// `npm run bench`: extraction throughput on the seeds (MB/s, tables/s) and the time of the
// largest seed. Figures depend on the machine: the run prints what it ran on.
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { extractText } from '../pipeline/index.ts';

const seedsDir = fileURLToPath(new URL('../fixtures/seeds/', import.meta.url));
const seeds = readdirSync(seedsDir)
  .filter((name) => name.endsWith('.txt'))
  .map((name) => ({ name, bytes: readFileSync(seedsDir + name), text: readFileSync(seedsDir + name, 'utf8') }));

function extractOnce(text: string): number {
  return extractText(text).document.projects.length;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

// Warm-up to the steady state a running server is in: the reader's code is optimised by the JIT
// only after it has run for a while (five rounds measured the compiler, not the reader).
const warmUntil = performance.now() + 3000;
for (let i = 0; i < 10 || performance.now() < warmUntil; i++) for (const seed of seeds) extractOnce(seed.text);

const rounds = 30;
let totalBytes = 0;
let totalTables = 0;
const started = performance.now();
for (let i = 0; i < rounds; i++) {
  for (const seed of seeds) {
    totalBytes += seed.bytes.byteLength;
    totalTables += extractOnce(seed.text);
  }
}
const seconds = (performance.now() - started) / 1000;

const largest = seeds.reduce((a, b) => (b.bytes.byteLength > a.bytes.byteLength ? b : a));
const times: number[] = [];
for (let i = 0; i < rounds; i++) {
  const t0 = performance.now();
  extractOnce(largest.text);
  times.push(performance.now() - t0);
}

console.log(`machine: ${cpus()[0]?.model ?? 'unknown cpu'} × ${cpus().length}, node ${process.version}`);
console.log(`seeds: ${seeds.length} documents, ${(seeds.reduce((s, x) => s + x.bytes.byteLength, 0) / 1024).toFixed(1)} KiB, ${rounds} rounds`);
console.log(`throughput: ${(totalBytes / 1024 / 1024 / seconds).toFixed(2)} MB/s, ${(totalTables / seconds).toFixed(0)} tables/s`);
console.log(`largest seed ${largest.name} (${(largest.bytes.byteLength / 1024).toFixed(1)} KiB): median ${median(times).toFixed(2)} ms, max ${Math.max(...times).toFixed(2)} ms`);
