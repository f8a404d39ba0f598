import { describe, expect, it } from 'vitest';
import type { Value } from '../schemas/extraction.ts';
import { suspectComparator } from './suspect.ts';
import { parseValue } from './values.ts';

/** Values as the reader makes them from a cell, so the check sees what it sees in production. */
const suspectOf = (cell: string): string | null => suspectComparator(parseValue(cell));

describe('suspectComparator', () => {
  it.each(['290%', '295％', '290百分比', '2100%'])('reports %s: a rate over 100% whose leading 2 may be a lost ≥', (cell) => {
    const message = suspectOf(cell);
    expect(message).not.toBeNull();
    // The message quotes the cell and the reading it suspects, for the person checking it.
    expect(message).toContain(`“${cell}”`);
    expect(message).toContain(`≥${cell.replace(/^2/, '').replace(/[%％]|百分比/, '')}%`);
  });

  it.each(['^90%', '$90%', '工90%', '二100百分比', '二100', '*95%'])('reports %s: a damaged mark where a comparator stood', (cell) => {
    const message = suspectOf(cell);
    expect(message).not.toBeNull();
    expect(message).toContain(`开头的“${cell[0]}”`);
  });

  it('reports a damaged mark OCR left a space after (^ 90%), and not 200%, whose rest reads as no rate', () => {
    expect(suspectOf('^ 90%')).toContain('开头的“^”');
    expect(suspectOf('200%')).toBeNull();
  });

  it('reports, never repairs: the value is left as written', () => {
    const value = parseValue('290%');
    const before = structuredClone(value);
    expect(suspectComparator(Object.freeze(value))).not.toBeNull();
    expect(value).toEqual(before);
    expect(value).toEqual({ raw: '290%', kind: 'numeric', op: null, number: 290, unit: '%' });

    const damaged = parseValue('^90%');
    expect(suspectComparator(Object.freeze(damaged))).not.toBeNull();
    expect(damaged).toEqual({ raw: '^90%', kind: 'text', op: null, number: null, unit: null });
  });

  it.each(['≥90%', '100%', '95%', '=100%', '2.5%', '2%', '29%', '90%及以上'])('does not report the ordinary rate %s', (cell) => {
    expect(suspectOf(cell)).toBeNull();
  });

  it('does not report a rate over 100% that has its comparator or no leading 2', () => {
    // ≥100% and 120% are reviewers' PERCENT_OVER_100 findings, not conversion damage.
    for (const cell of ['≥100%', '120%', '≥290%']) expect(suspectOf(cell), cell).toBeNull();
  });

  it('does not report amounts, counts, dates or words, even those starting with 2 or a mark', () => {
    for (const cell of ['250万元', '2000元/人', '290', '200次', '2026年12月底前', '二季度', '工作日内', '显著提升', '不涉及', '涉密', '']) {
      expect(suspectOf(cell), cell).toBeNull();
    }
  });

  it('looks at the raw text for marks, whatever kind a caller gives', () => {
    // A hand-built value (a model's answer) is checked the same way as a parsed one.
    const value: Value = { raw: '$85%', kind: 'text', op: null, number: null, unit: null };
    expect(suspectComparator(value)).toContain('“$85%”');
  });
});
