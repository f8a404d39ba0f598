// Writes each seed (form a, Word flattened to text) again in the other paste forms people use:
// b, rows of TAB-separated cells as Word and Excel copy them; c, Markdown pipe tables; d, a PDF
// viewer's copy with one cell per line and empty cells gone. The table structure comes from the
// form-a reader; the files are committed so the tests need no generator run.
// Usage: npx tsx scripts/make-paste-forms.ts
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFlattenedWord } from '../ingest/text/flattened-word.ts';
import type { Block } from '../schemas/doc.ts';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const out = join(fixtures, 'paste-forms');

const excelCell = (text: string) => (/[\t\n"]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

function tabSeparated(blocks: readonly Block[]): string {
  return blocks
    .map((block) => (block.kind === 'paragraph' ? block.text : block.rows.map((row) => row.map((cell) => excelCell(cell.text)).join('\t')).join('\n')))
    .join('\n');
}

function markdown(blocks: readonly Block[]): string {
  return blocks
    .map((block) => {
      if (block.kind === 'paragraph') return block.text.trim() === '' ? '' : block.text;
      // Rows keep their own cell count: a row Word split over a blank line stays split.
      const width = Math.max(...block.rows.map((row) => row.length));
      const render = (cells: readonly string[]) => '| ' + cells.join(' | ') + ' |';
      const rows = block.rows.map((row) => render(row.map((cell) => cell.text.replace(/\|/g, '\\|').replace(/\n/g, '<br>'))));
      return ['', rows[0], '|' + ' --- |'.repeat(width), ...rows.slice(1), ''].join('\n');
    })
    .join('\n');
}

function pdfCopy(blocks: readonly Block[]): string {
  return blocks
    .flatMap((block) =>
      block.kind === 'paragraph'
        ? [block.text]
        : block.rows.flatMap((row) => row.map((cell) => cell.text.replace(/\s*[\t\n]\s*/g, '').trim()).filter((text) => text !== '')),
    )
    .join('\n');
}

mkdirSync(out, { recursive: true });
for (const file of readdirSync(join(fixtures, 'seeds')).filter((name) => name.endsWith('.txt'))) {
  const blocks = readFlattenedWord(readFileSync(join(fixtures, 'seeds', file), 'utf8').split('\n'));
  const stem = basename(file, '.txt');
  writeFileSync(join(out, `${stem}.tsv.txt`), tabSeparated(blocks) + '\n');
  writeFileSync(join(out, `${stem}.md`), markdown(blocks) + '\n');
  writeFileSync(join(out, `${stem}.pdf.txt`), pdfCopy(blocks) + '\n');
}
console.log(`wrote ${out}`);
