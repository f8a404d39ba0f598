// The budget part of a department-level table (年度预算: 年度收入预算 / 年度支出预算): a group label,
// a row of column labels, a row of amounts; keys are `group/column` as the table labels them.
import { squeeze } from '../../vocab/fold.ts';
import { normalizeText } from '../normalize.ts';
import { parseNumeric } from '../values.ts';
import type { Token } from './tokens.ts';

const BUDGET_GROUP = /预算$/;

function amount(cell: string): number | null {
  const numeric = parseNumeric(normalizeText(cell));
  return numeric && numeric.op === null && (numeric.unit === null || numeric.unit === '万元') ? numeric.number : null;
}

export function readDepartmentBudget(tokens: readonly Token[], start: number, end: number): Record<string, number> | null {
  const rows: Token[][] = [];
  let key = '';
  for (let i = start; i < end; i++) {
    const token = tokens[i] as Token;
    if (`${token.block}:${token.row}` !== key || rows.length === 0) {
      key = `${token.block}:${token.row}`;
      rows.push([]);
    }
    rows[rows.length - 1]?.push(token);
  }
  let budget: Record<string, number> | null = null;
  let group: string | null = null;
  let columns: Map<number, string> | null = null;
  for (const row of rows) {
    const filled = row.filter((token) => !token.blank && !/^年度预算/.test(squeeze(token.text)));
    if (filled.length === 1 && BUDGET_GROUP.test(filled[0]?.text ?? '')) {
      group = filled[0]?.text ?? null;
      columns = null;
    } else if (group && !columns && filled.length > 1) {
      columns = new Map(row.map((token, index) => [token.col ?? index, token.text]));
    } else if (group && columns) {
      row.forEach((token, index) => {
        const value = amount(token.text);
        const column = squeeze(columns?.get(token.col ?? index) ?? '');
        if (value !== null && column !== '') (budget ??= {})[`${group}/${column}`] = value;
      });
      group = null;
      columns = null;
    }
  }
  return budget;
}
