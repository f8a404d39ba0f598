// How forms write a comparator (计算符号 / 指标方向): the contract's table, as data.
export type ComparatorOp = '>=' | '<=' | '>' | '<' | '=';

/** Comparator spellings before a number; matched longest first. */
export const COMPARATOR_WORDS: Readonly<Record<ComparatorOp, readonly string[]>> = {
  '>=': ['≥', '≧', '>=', '＞＝', '不低于', '不少于', '大于等于', '大于或等于'],
  '<=': ['≤', '≦', '<=', '＜＝', '不高于', '不超过', '不多于', '小于等于', '小于或等于'],
  '>': ['>', '＞', '大于', '高于', '超过', '多于'],
  '<': ['<', '＜', '小于', '低于', '少于'],
  '=': ['=', '＝', '═', '﹦', '等于'],
};

/** Comparators written after the value (`90%及以上`, `3天以内`); matched longest first. */
export const COMPARATOR_SUFFIXES: Readonly<Record<'>=' | '<=', readonly string[]>> = {
  '>=': ['及以上', '以上'],
  '<=': ['及以下', '以下', '以内'],
};

export const COMPARATORS_LONGEST_FIRST: ReadonlyArray<{ word: string; op: ComparatorOp }> = Object.entries(COMPARATOR_WORDS)
  .flatMap(([op, words]) => words.map((word) => ({ word, op: op as ComparatorOp })))
  .sort((a, b) => b.word.length - a.word.length);

export const SUFFIXES_LONGEST_FIRST: ReadonlyArray<{ word: string; op: ComparatorOp }> = Object.entries(COMPARATOR_SUFFIXES)
  .flatMap(([op, words]) => words.map((word) => ({ word, op: op as ComparatorOp })))
  .sort((a, b) => b.word.length - a.word.length);

/**
 * What a lost ≥ or ≤ turns into when a page is converted or scanned: `≥90%` read as `290%`,
 * `^90%`, `$90%`, `工90%`, `二100`. A value starting so is kept as written and doubted.
 */
export const DAMAGED_COMPARATOR_MARKS: readonly string[] = ['^', '$', '工', '二', '*'];

/** Cells of a 指标性质 / 指标方向 column that are not comparators: the type or direction of the target. */
export const VALUE_TYPE_WORDS: readonly string[] = ['定量', '定性', '正向', '反向', '正向指标', '反向指标', '中性', '是/否', '是或否', '数值型', '文本型'];
