import { readFileSync, readdirSync } from 'node:fs';
import { ingestText } from '../ingest/index.ts';
import { streamOf } from '../extract/read/tokens.ts';
import { readGrids } from '../extract/read/grid.ts';
import { readDocument } from '../extract/read/assemble.ts';
import { validateDocument } from '../validate/engine.ts';
import { placeCells } from '../ingest/place-cells.ts';
import { readPastedText } from '../ingest/text/index.ts';
const dir = 'fixtures/seeds/';
const texts = readdirSync(dir).filter((n) => n.endsWith('.txt')).map((n) => readFileSync(dir + n, 'utf8'));
const time: Record<string, number> = {};
const t = (name: string, f: () => unknown) => { const s = performance.now(); const r = f(); time[name] = (time[name] ?? 0) + performance.now() - s; return r; };
for (let round = 0; round < 18; round++) {
  if (round === 3) for (const k of Object.keys(time)) time[k] = 0;
  for (const text of texts) {
    const pasted = t('paste', () => readPastedText(text)) as ReturnType<typeof readPastedText>;
    t('place', () => placeCells(pasted.blocks));
    const doc = t('ingest', () => ingestText(text).doc) as ReturnType<typeof ingestText>['doc'];
    const tokens = t('stream', () => streamOf(doc)) as ReturnType<typeof streamOf>;
    t('grids', () => readGrids(tokens));
    const r = t('read', () => readDocument(doc)) as ReturnType<typeof readDocument>;
    t('validate', () => validateDocument(r.document));
  }
}
for (const [k, v] of Object.entries(time)) console.log(k, (v / 15).toFixed(1), 'ms/round');
