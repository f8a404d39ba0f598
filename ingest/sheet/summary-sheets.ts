// A workbook often holds its forms and, beside them, a list of their indicator rows: a 汇总表 or
// 明细表 (one row per indicator, the project's name repeated on each) that a unit keeps for totals
// and filters, or that jixiao's own export adds for analysis. Read as well, such a list would give
// every project a second time; and a list with a row per indicator is no form the extractor reads,
// so it would add a project of its own made of fragments.
//
// So a sheet is left out when it only restates the workbook's forms: it is one flat list (a header
// row naming the indicator columns 三级指标 and 指标值, then records, no merged cells), and each
// record's indicator name and value stand together in one row of a sheet that is not such a list,
// a sheet that also names the record's project (项目名称) where the list gives one. Nothing is lost
// by leaving it out: each of its rows is read from the form that holds it. A list that says anything
// the forms do not (a row of its own, a changed value) is read like any other sheet.
import type { Block } from '../../schemas/doc.ts';
import { headerMatch } from '../../vocab/headers.ts';

export interface SheetBlocks {
  name: string;
  blocks: Block[];
}

interface ListRecord {
  project: string;
  name: string;
  value: string;
}

interface FormRow {
  texts: ReadonlySet<string>;
  /** every text of the row's sheet */
  sheet: ReadonlySet<string>;
}

const clean = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The list's records, or null when the sheet is not one flat list of indicators. */
function listRecords(blocks: readonly Block[]): ListRecord[] | null {
  const tables = blocks.filter((block) => block.kind === 'table');
  const [table] = tables;
  if (tables.length !== 1 || !table || table.kind !== 'table' || table.rows.length < 2) return null;
  if (table.rows.some((row) => row.some((cell) => cell.rowSpan > 1 || cell.colSpan > 1))) return null;
  const header = (table.rows[0] ?? []).map((cell) => headerMatch(cell.text)?.field ?? null);
  const [project, name, value] = (['projectName', 'name', 'value'] as const).map((field) => header.indexOf(field)) as [number, number, number];
  if (name === -1 || value === -1) return null;
  const text = (row: readonly { text: string }[], at: number) => (at === -1 ? '' : clean(row[at]?.text ?? ''));
  return table.rows.slice(1).map((row) => ({ project: text(row, project), name: text(row, name), value: text(row, value) }));
}

/** Every table row of the sheets, found by any of its texts. */
function rowIndex(sheets: readonly SheetBlocks[]): Map<string, FormRow[]> {
  const index = new Map<string, FormRow[]>();
  for (const sheet of sheets) {
    const rows = sheet.blocks.flatMap((block) => (block.kind === 'table' ? block.rows.map((row) => new Set(row.map((cell) => clean(cell.text)).filter((text) => text !== ''))) : []));
    const texts = new Set([...rows.flatMap((row) => [...row]), ...sheet.blocks.flatMap((block) => (block.kind === 'paragraph' ? [clean(block.text)] : []))]);
    for (const row of rows) {
      for (const text of row) {
        const found = index.get(text);
        if (found) found.push({ texts: row, sheet: texts });
        else index.set(text, [{ texts: row, sheet: texts }]);
      }
    }
  }
  return index;
}

/** The names of the sheets that only restate rows of the workbook's forms. */
export function summarySheets(sheets: readonly SheetBlocks[]): Set<string> {
  const lists = new Map(sheets.map((sheet) => [sheet, listRecords(sheet.blocks)] as const));
  // Only a sheet that is no such list vouches for a list's rows: two copies of a list alone are read.
  const forms = rowIndex(sheets.filter((sheet) => lists.get(sheet) === null));
  const found = new Set<string>();
  for (const [sheet, records] of lists) {
    if (!records || records.every((record) => record.name === '' && record.value === '')) continue;
    // The rows found by the record's name (or, when it has none, its value) hold its value too.
    const restated = records.every(({ project, name, value }) => {
      const key = name || value;
      return key === '' || (forms.get(key) ?? []).some((row) => (value === '' || row.texts.has(value)) && (project === '' || row.sheet.has(project)));
    });
    if (restated) found.add(sheet.name);
  }
  return found;
}
