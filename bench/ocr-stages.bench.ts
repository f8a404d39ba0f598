// Seconds per page of OCR on a scanned PDF (default: the 10-page bench scan), per stage, with
// the process's CPU time beside the wall time so a busy machine can be told from a slow reader.
//   npm run bench:ocr -- [file.pdf|image] [dpi]
import { readFile } from 'node:fs/promises';
import { renderPdfPages } from '../ingest/pdf/read-pdf.ts';
import { decodeGrey, type GreyImage } from '../ingest/ocr/image.ts';
import { ocrModels } from '../ingest/ocr/models.ts';
import { ocrGreyPage, type PageTimings } from '../ingest/ocr/read-image.ts';

const file = process.argv[2] ?? 'fixtures/formats/bench/scan-10-pages.pdf';
const dpi = Number(process.argv[3] ?? 200);
const bytes = new Uint8Array(await readFile(file));

let started = performance.now();
await ocrModels();
console.log(`models loaded in ${((performance.now() - started) / 1000).toFixed(2)} s`);

started = performance.now();
const cpuStart = process.cpuUsage();
async function* pages(): AsyncGenerator<GreyImage> {
  if (file.endsWith('.pdf')) for await (const page of renderPdfPages(bytes, { dpi })) yield page.grey;
  else yield decodeGrey(bytes);
}
let renderSeconds = 0;
const totals: PageTimings = { preprocess: 0, lines: 0, detect: 0, recognize: 0 };
let boxes = 0;
let count = 0;
const source = pages();
for (let index = 0; ; index++) {
  const renderStarted = performance.now();
  const next = await source.next();
  if (next.done) break;
  renderSeconds += (performance.now() - renderStarted) / 1000;
  count++;
  const pageStarted = performance.now();
  const grey = next.value;
  const result = await ocrGreyPage(grey, index + 1);
  for (const stage of Object.keys(totals) as (keyof PageTimings)[]) totals[stage] += result.millis[stage];
  boxes += result.layout.boxes.length;
  const seconds = (performance.now() - pageStarted) / 1000;
  console.log(`page ${index + 1}: ${grey.width}×${grey.height}, ${result.layout.boxes.length} lines, ${result.layout.rules.length} rules, skew ${result.skewDegrees}°, ${seconds.toFixed(2)} s`, result.millis);
}
const wall = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuStart);
console.log(`${count} pages, ${boxes} lines: ${wall.toFixed(1)} s wall (render ${renderSeconds.toFixed(1)} s), ${(wall / count).toFixed(2)} s/page, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`);
console.log('per stage, seconds per page:', Object.fromEntries(Object.entries(totals).map(([stage, ms]) => [stage, Number((ms / 1000 / count).toFixed(2))])));
