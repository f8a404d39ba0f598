import { extractText } from '../extract/index.ts';
import { renderHugeCell, renderManyColumns, SEED_TEXTS } from '../test/property/arbitraries.ts';
const seeds = ['000_ad7b01c3c3fb5737'];
for (const form of ['one-line','pipe','open-quote','seed-cell'] as const) {
  for (const chunk of ['指标', '产出指标≥95%', 'abc 12 ', '|a|b']) {
    const t = renderHugeCell({ form, seed: [...SEED_TEXTS.keys()][0]!, cell: 3, chunk, size: 120000 });
    const s = performance.now(); try { extractText(t); } catch (e) { console.log('err', (e as Error).message.slice(0,80)); } console.log(form, JSON.stringify(chunk), (performance.now()-s).toFixed(0), 'ms');
  }
}
for (const form of ['flattened','tab-separated','pipe','csv','html'] as const) for (const columns of [50, 500, 5000]) {
  const t = renderManyColumns({ form, columns, rows: 10, headers: true, cell: '指标值' });
  const s = performance.now(); try { extractText(t); } catch (e) { console.log('err', (e as Error).message.slice(0,80)); } console.log(form, columns, (performance.now()-s).toFixed(0), 'ms');
}
