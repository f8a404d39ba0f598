// A reading worker for the runner's tests: text `hang` never finishes, `grow` allocates until the
// heap limit stops it, `crash` exits; anything else is answered at once. Plain JS: no loader needed.
import { exit } from 'node:process';
import { parentPort } from 'node:worker_threads';

parentPort.on('message', ({ id, task }) => {
  const text = task.kind === 'extract-text' ? task.text : '';
  if (text === 'hang') for (;;);
  if (text === 'grow') {
    const kept = [];
    for (;;) kept.push(new Array(1_000_000).fill(kept.length));
  }
  if (text === 'crash') exit(3);
  parentPort.postMessage({ type: 'done', id, outcome: { ok: false, code: 'ANSWERED', message: text } });
});
