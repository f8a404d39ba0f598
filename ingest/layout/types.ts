// What a positioned page looks like before it becomes blocks: text boxes and ruling lines, in
// page coordinates. Text PDFs (pdf.js) and scans (OCR) both produce this, and one layout
// step turns it into the document model, so a table reads the same from either.

/** x0, y0, x1, y1 with y growing downwards, in the page's own units (PDF points or pixels). */
export type BBox = [number, number, number, number];

export interface TextBox {
  text: string;
  bbox: BBox;
  /** OCR recognition confidence 0..1; absent for a text layer. */
  confidence?: number;
}

/** A ruling line: horizontal when y0 ≈ y1, vertical when x0 ≈ x1. */
export interface RuleSegment {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PageLayout {
  /** 1-based page number. */
  page: number;
  width: number;
  height: number;
  boxes: TextBox[];
  rules: RuleSegment[];
  /** true when the boxes came from OCR. */
  ocr: boolean;
}

export type ProgressReporter = (event: { stage: string; done: number; total: number }) => void;
