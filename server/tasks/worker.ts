// A reading worker: runs tasks off the server's event loop, so OCR and long PDFs never hold up
// the requests being answered meanwhile.
import { parentPort } from 'node:worker_threads';
import type { ParentMessage, WorkerMessage } from './messages.ts';
import { runTask } from './run-task.ts';

const port = parentPort;
if (!port) throw new Error('server/tasks/worker.ts runs as a worker thread');

port.on('message', async ({ id, task }: ParentMessage) => {
  const post = (message: WorkerMessage) => port.postMessage(message);
  try {
    const outcome = await runTask(task, (progress) => post({ type: 'progress', id, progress }));
    post({ type: 'done', id, outcome });
  } catch (error) {
    // A bug, not a bad document: reported as such, never with a stack to the client.
    post({ type: 'done', id, outcome: { ok: false, code: 'INTERNAL', message: `reading failed: ${(error as Error).message}` } });
  }
});
