// Seconds per page of OCR on a scanned PDF (default: the 10-page bench scan), per stage, with
// the process's CPU time beside the wall time and the machine's load average, so a busy machine can
// be told from a slow reader. The time inside the two models is shown apart from the rest of each
// stage (cutting lines out, decoding, post-processing).
//   npm run bench:ocr -- [file.pdf|image] [dpi]
import { readFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import type ort from 'onnxruntime-node';
import { renderPdfPages } from '../ingest/pdf/read-pdf.ts';
import { decodeGrey, type GreyImage } from '../ingest/ocr/image.ts';
import { ocrModels } from '../ingest/ocr/models.ts';
import { ocrGreyPage, type PageTimings } from '../ingest/ocr/read-image.ts';

const file = process.argv[2] ?? 'fixtures/formats/bench/scan-10-pages.pdf';
const dpi = Number(process.argv[3] ?? 200);
const bytes = new Uint8Array(await readFile(file));

let started = performance.now();
const models = await ocrModels();
console.log(`models loaded in ${((performance.now() - started) / 1000).toFixed(2)} s`);
console.log(`machine: ${cpus()[0]?.model ?? 'unknown cpu'} × ${cpus().length}, node ${process.version}, load average ${loadavg()[0]!.toFixed(1)}`);

/** Time spent inside a session's runs and how many images (lines, for the recogniser) they read. */
function timed(session: ort.InferenceSession): { seconds: number; calls: number; images: number } {
  const totals = { seconds: 0, calls: 0, images: 0 };
  const run = session.run.bind(session);
  session.run = (async (feeds: ort.InferenceSession.FeedsType, ...rest: []) => {
    const runStarted = performance.now();
    const result = await run(feeds, ...rest);
    totals.seconds += (performance.now() - runStarted) / 1000;
    totals.calls++;
    totals.images += Object.values(feeds)[0]!.dims[0]!;
    return result;
  }) as typeof session.run;
  return totals;
}
const detectionModel = timed(models.detection);
const recognitionModel = timed(models.recognition);

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
const perPage = (seconds: number) => (seconds / count).toFixed(2);
console.log(
  `inside the models, seconds per page: detection ${perPage(detectionModel.seconds)}, recognition ${perPage(recognitionModel.seconds)} ` +
    `(${Math.round(recognitionModel.images / count)} lines read a page in ${Math.round(recognitionModel.calls / count)} calls: first readings, second readings, wrapped scraps)`,
);
