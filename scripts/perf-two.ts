import { readFileSync, readdirSync } from 'node:fs';
import { extractText } from '../extract/index.ts';
const dir = 'fixtures/seeds/';
const texts = readdirSync(dir).filter((n) => n.endsWith('.txt')).map((n) => readFileSync(dir + n, 'utf8'));
for (let i = 0; i < 5; i++) for (const d of texts) extractText(d);
const s = performance.now(); for (let i = 0; i < 30; i++) for (const d of texts) extractText(d); console.log(((performance.now()-s)/30).toFixed(1), 'ms per round');
