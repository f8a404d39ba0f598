import { describe, expect, it } from 'vitest';
import { CATEGORIES, FRAMEWORK_ROWS } from './categories.ts';
import { LEVEL2_PARENT } from './levels.ts';

describe('CATEGORIES', () => {
  it('has distinct names, and rows on the framework’s levels with balanced braces', () => {
    expect(new Set(CATEGORIES.map((category) => category.name)).size).toBe(CATEGORIES.length);
    for (const row of [...CATEGORIES.flatMap((category) => category.rows), ...FRAMEWORK_ROWS]) {
      expect(LEVEL2_PARENT[row.level2], row.name).toBeDefined();
      expect(row.name).toMatch(/^[^{}]*(\{[^{}]+\}[^{}]*)*$/);
      expect(row.basis).not.toBe('');
      expect(row.value).not.toMatch(/\d{4}/);
    }
  });

  it('gives every category the rows a draft needs: its 产出 dimensions, its effects and satisfaction, or the framework’s', () => {
    for (const category of CATEGORIES) {
      for (const level2 of ['数量指标', '质量指标', '时效指标', '社会效益指标', '服务对象满意度指标', ...category.effects]) {
        const found = category.rows.some((row) => row.level2 === level2) || FRAMEWORK_ROWS.some((row) => row.level2 === level2);
        expect(found, `${category.name} ${level2}`).toBe(true);
      }
    }
  });

  it('lists each word in one category only', () => {
    const seen = new Map<string, string>();
    for (const category of CATEGORIES) {
      for (const word of category.words) {
        expect(seen.get(word), `${word} in ${category.name} and ${seen.get(word)}`).toBeUndefined();
        seen.set(word, category.name);
      }
    }
  });
});
