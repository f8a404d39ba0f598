// A progress bar on standard error for long reads (OCR, long PDFs); silent when stderr is not a
// terminal, so piped output and CI logs stay clean.
import cliProgress from 'cli-progress';
import type { ProgressReporter } from '../ingest/layout/types.ts';

export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): { report: ProgressReporter; stop: () => void } {
  if (!stream.isTTY) return { report: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { stream, format: ' {stage} [{bar}] {value}/{total}', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let stage = '';
  return {
    report: ({ stage: next, done, total }) => {
      if (!started) {
        bar.start(total, done, { stage: next });
        started = true;
      } else if (next !== stage) bar.setTotal(total);
      stage = next;
      bar.update(done, { stage: next });
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
