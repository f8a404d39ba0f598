// Worker threads start without the TypeScript loader the server runs under; register it, then load
// the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
