// A row's 一级/二级指标 as the contract outputs them: whitespace removed, short forms and decorated
// known names made canonical, a canonical level2 deciding its level1, anything else as written.
import { squeeze } from './fold.ts';
import { LEVEL1_ALIASES, LEVEL2_ALIASES, LEVEL2_PARENT, undecoratedLevel } from './levels.ts';

const level1s = new Map<string, string>();
const level2s = new Map<string, string>();

/** The canonical level1 for a level1 cell, or the cell as written (whitespace removed). */
export function canonicalLevel1(cell: string): string {
  let known = level1s.get(cell);
  if (known === undefined) {
    const written = squeeze(cell);
    known = LEVEL1_ALIASES[undecoratedLevel(written)] ?? written;
    if (level1s.size < 10_000) level1s.set(cell, known);
  }
  return known;
}

/** The canonical level2 for a level2 cell, or the cell as written (whitespace removed). */
export function canonicalLevel2(cell: string): string {
  let known = level2s.get(cell);
  if (known === undefined) {
    const written = squeeze(cell);
    const name = undecoratedLevel(written);
    known = LEVEL2_PARENT[name] ? name : (LEVEL2_ALIASES[name] ?? written);
    if (level2s.size < 10_000) level2s.set(cell, known);
  }
  return known;
}

export function isCanonicalLevel2(level2: string): boolean {
  return LEVEL2_PARENT[level2] !== undefined;
}

/**
 * Resolves a row's levels: a canonical level2 decides its level1, whatever the (possibly merged)
 * level1 cell says; otherwise level1 comes from the level1 cell.
 */
export function canonicalLevels(level1Cell: string | null, level2Cell: string | null): { level1: string | null; level2: string | null } {
  const level2 = level2Cell ? canonicalLevel2(level2Cell) : null;
  if (level2 && isCanonicalLevel2(level2)) return { level1: LEVEL2_PARENT[level2] ?? null, level2 };
  const level1 = level1Cell ? canonicalLevel1(level1Cell) : null;
  return { level1: level1 === '' ? null : level1, level2: level2 === '' ? null : level2 };
}
