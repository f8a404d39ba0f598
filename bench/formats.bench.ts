// Seconds per page for the paged formats, through the whole extraction (read, lay out, extract):
// text PDFs (the format fixtures) and OCR (the 10-page scanned PDF, and a phone photo).
// Figures depend on the machine: the run prints what it ran on.
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { extract } from '../pipeline/index.ts';

const formats = fileURLToPath(new URL('../fixtures/formats/', import.meta.url));

async function timeExtraction(file: string, rounds: number): Promise<{ seconds: number; pages: number }> {
  const bytes = new Uint8Array(readFileSync(formats + file));
  let seconds = Infinity;
  let pages = 0;
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    const result = await extract({ bytes, filename: file });
    seconds = Math.min(seconds, (performance.now() - started) / 1000);
    if (!result.ok) throw new Error(`${file}: ${result.error.code} ${result.error.message}`);
    pages = result.extraction.source.pages ?? 1;
  }
  return { seconds, pages };
}

console.log(`machine: ${cpus()[0]?.model ?? 'unknown cpu'} × ${cpus().length}, node ${process.version}, load average ${loadavg()[0]!.toFixed(1)}`);

// Warm-up: pdf.js, the OCR models and the JIT, so the first file does not pay for them.
await timeExtraction('chengde.pdf', 1);
await timeExtraction('chengde-photo.jpg', 1);

let textSeconds = 0;
let textPages = 0;
for (const file of ['baoding.pdf', 'xingtai.pdf', 'chengde.pdf']) {
  const { seconds, pages } = await timeExtraction(file, 5);
  textSeconds += seconds;
  textPages += pages;
  console.log(`text PDF ${file}: ${pages} pages, ${seconds.toFixed(3)} s (best of 5)`);
}
console.log(`text PDF: ${(textSeconds / textPages).toFixed(3)} s/page`);

// CPU seconds beside the wall time: on a machine busy with other work the wall time says more about
// the others than about the reader.
let cpuStart = process.cpuUsage();
const cpuSeconds = () => {
  const used = process.cpuUsage(cpuStart);
  cpuStart = process.cpuUsage();
  return (used.user + used.system) / 1e6;
};
const scan = await timeExtraction('bench/scan-10-pages.pdf', 1);
console.log(
  `scanned PDF (OCR) bench/scan-10-pages.pdf: ${scan.pages} pages, ${scan.seconds.toFixed(1)} s, ${(scan.seconds / scan.pages).toFixed(2)} s/page (CPU ${(cpuSeconds() / scan.pages).toFixed(2)} s/page)`,
);
cpuSeconds();
const photo = await timeExtraction('xingtai-photo.jpg', 1);
console.log(`photo (OCR) xingtai-photo.jpg: ${photo.seconds.toFixed(1)} s (CPU ${cpuSeconds().toFixed(1)} s)`);
