// pdf.js (its legacy build, and the worker code it runs in this thread), loaded once with Node's
// source maps off. The build's core-js reads `new Error().stack` while it loads; with source maps
// on (tsx turns them on for `npm run eval`, the benches and the CLI from the sources; production
// servers often run with --enable-source-maps), Node then parses the bundle's whole source map
// and keeps it: 1.4 million small arrays, about 200 MB of heap under tsx, which every later full
// garbage collection walks again. On the OCR bench that was about a fifth of the CPU time.
import type * as Pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';

/** The worker's code (pdfjs-dist declares no types for it; only its WorkerMessageHandler is used, by pdf.js). */
const WORKER = 'pdfjs-dist/legacy/build/pdf.worker.mjs';

async function load(): Promise<typeof Pdfjs> {
  const enabled = process.sourceMapsEnabled;
  process.setSourceMapsEnabled(false);
  try {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    // pdf.js takes the worker's code from this global when it is set, instead of importing it on the
    // first getDocument (with source maps on again by then).
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = (await import(WORKER)) as unknown;
    return pdfjs;
  } finally {
    process.setSourceMapsEnabled(enabled);
  }
}

export const { getDocument, OPS } = await load();
