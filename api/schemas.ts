// The contract's zod schemas (`import { Extraction } from 'jixiao/schemas'`): to check what the
// toolkit gives or takes at a boundary of one's own, with the same definitions it uses.
export * from '../schemas/extraction.ts';
export * from '../schemas/findings.ts';
export * from '../schemas/library.ts';
