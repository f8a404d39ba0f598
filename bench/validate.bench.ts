// Validation time on the five seeds (issue 5: under 50 ms in total). The seeds are extracted
// once; then all five extractions are validated together: once cold, then many rounds, of which
// the median is the figure. Prints the machine it ran on. Run: npx tsx bench/validate.bench.ts
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { extractText } from '../pipeline/index.ts';
import { validateDocument } from '../validate/index.ts';

const TARGET_MS = 50;
const seedsDir = fileURLToPath(new URL('../fixtures/seeds/', import.meta.url));
const documents = readdirSync(seedsDir)
  .filter((name) => name.endsWith('.txt'))
  .map((name) => extractText(readFileSync(seedsDir + name, 'utf8')).document);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

function timeAll(): { ms: number; findings: number } {
  const started = performance.now();
  const findings = documents.reduce((count, document) => count + validateDocument(document).length, 0);
  return { ms: performance.now() - started, findings };
}

// The first run after extraction (which validated each seed once already: extractions carry findings).
const first = timeAll();
for (let i = 0; i < 20; i++) timeAll(); // warm-up
const rounds = 200;
const times = Array.from({ length: rounds }, () => timeAll().ms);

const projects = documents.reduce((sum, document) => sum + document.projects.length, 0);
const total = median(times);
console.log(`machine: ${cpus()[0]?.model ?? 'unknown cpu'} × ${cpus().length}, node ${process.version}`);
console.log(`validate: ${documents.length} seeds, ${projects} projects, ${first.findings} findings`);
console.log(`all five seeds: median ${total.toFixed(2)} ms over ${rounds} rounds, max ${Math.max(...times).toFixed(2)} ms, first run ${first.ms.toFixed(2)} ms (target < ${TARGET_MS} ms) ${total < TARGET_MS ? 'OK' : 'OVER'}`);
process.exitCode = total < TARGET_MS ? 0 : 1;
