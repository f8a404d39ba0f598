// Bad input for the extractor's property tests and `npm run fuzz`: the seed texts and the format
// fixtures damaged the ways real pastes and downloads go wrong, and input made from nothing. A case
// is a short description (which fixture, which mutations) that `render*` turns into the input
// deterministically, so a counterexample prints in a few lines instead of 20 KB, and replays
// without fast-check.
import { readdirSync, readFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import { unzipSync, zipSync } from 'fflate';

const fixtureUrl = (path: string) => new URL(`../../fixtures/${path}`, import.meta.url);

export const SEED_TEXTS: ReadonlyMap<string, string> = new Map(
  readdirSync(fixtureUrl('seeds'))
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => [name, readFileSync(fixtureUrl(`seeds/${name}`), 'utf8')]),
);

/** The binary fixtures the file-path properties damage; the PNG is the quickest page to OCR (~1.5 s). */
export const FILE_FIXTURES = {
  'chengde.docx': 'formats/chengde.docx',
  'chengde.xlsx': 'formats/chengde.xlsx',
  'chengde.pdf': 'formats/chengde.pdf',
  'table.png': '../ingest/ocr/testdata/table.png',
  'chengde-photo.jpg': 'formats/chengde-photo.jpg',
} as const;
export type FileFixture = keyof typeof FILE_FIXTURES;

const fileCache = new Map<FileFixture, Uint8Array>();
export function fixtureBytes(name: FileFixture): Uint8Array {
  let bytes = fileCache.get(name);
  if (!bytes) fileCache.set(name, (bytes = new Uint8Array(readFileSync(fixtureUrl(FILE_FIXTURES[name])))));
  return bytes;
}

// ---- pieces that mutations insert -------------------------------------------------------------

/** Words the readers key on: inserting them where they do not belong sends the input down other paths. */
const TABLE_WORDS = [
  '项目名称', '绩效目标表', '一级指标', '二级指标', '三级指标', '指标值', '指标值确定依据', '绩效指标描述', '指标解释',
  '产出指标', '效益指标', '满意度指标', '成本指标', '数量指标', '质量指标', '时效指标', '社会效益指标', '服务对象满意度',
  '预算数', '财政资金', '其他资金', '资金支出计划（%）', '万元', '年度目标', '绩效目标', '总体绩效目标', '不涉及', '涉密',
  '部门整体支出绩效目标', '分项绩效目标', '项目编码', '单位名称', '一、', '（一）', '1.', '2024年度',
];
/** Separators, comparators, units, full-width forms, invisible and replacement characters. */
const SYMBOLS = [
  '\t', '\t\t', '\n', '\n\n', '\r\n', '\r', ' ', '\u3000', '\u00a0', '\u200b', '\ufeff', '\ufffd', '\u0000', '\u0085', '\u2028',
  '≥', '≤', '≧', '≦', '>', '<', '=', '＝', '＞', '＜', '%', '％', '‰', '.', '．', ',', '，', '-', '—', '~', '至', '|', '|---|',
  '"', "'", '[', ']', '〔', '〕', '（', '）', '(', ')', '年', '月', '日', '月底前', '[bookmark: _Toc_1]',
];
const DIGITS = [...'0123456789０１２３４５６７８９'];
const CJK = [...'的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严'];

const fragment: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...SYMBOLS), weight: 4 },
  { arbitrary: fc.constantFrom(...TABLE_WORDS), weight: 3 },
  { arbitrary: fc.string({ unit: fc.constantFrom(...DIGITS), minLength: 1, maxLength: 12 }), weight: 2 },
  { arbitrary: fc.string({ unit: fc.constantFrom(...CJK), minLength: 1, maxLength: 6 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }), weight: 1 },
  // A lone surrogate: what a string cut in the middle of an emoji or a CJK extension character holds.
  { arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)), weight: 1 },
);

// ---- text mutations ---------------------------------------------------------------------------

/** Positions and indices are taken modulo what is there, so every mutation applies to any text. */
export type TextMutation =
  | { op: 'shuffleRow'; row: number; seed: number }
  | { op: 'swapCells'; from: number; to: number }
  | { op: 'cutLine'; line: number; at: number; keep: 'split' | 'head' | 'tail' }
  | { op: 'duplicateRow'; row: number; times: number }
  | { op: 'dropRow'; row: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'replace'; at: number; text: string }
  | { op: 'delete'; at: number; length: number }
  | { op: 'stutter'; at: number; length: number; times: number }
  | { op: 'truncate'; at: number };

/** Edits of characters only: they apply to any text, an XML part inside a zip included. */
function characterMutation(inserted: fc.Arbitrary<string>): fc.Arbitrary<TextMutation> {
  return fc.oneof(
    { arbitrary: fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: inserted }), weight: 4 },
    { arbitrary: fc.record({ op: fc.constant('replace' as const), at: fc.nat(), text: inserted }), weight: 3 },
    { arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }), weight: 2 },
    // A span repeated: a digit run grows into a 300-digit number, a row into a long run of rows.
    { arbitrary: fc.record({ op: fc.constant('stutter' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }), times: fc.integer({ min: 2, max: 400 }) }), weight: 1 },
    { arbitrary: fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }), weight: 1 },
  );
}

export const textMutation: fc.Arbitrary<TextMutation> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('shuffleRow' as const), row: fc.nat(), seed: fc.nat() }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('swapCells' as const), from: fc.nat(), to: fc.nat() }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('cutLine' as const), line: fc.nat(), at: fc.nat(), keep: fc.constantFrom('split' as const, 'head' as const, 'tail' as const) }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('duplicateRow' as const), row: fc.nat(), times: fc.integer({ min: 1, max: 5 }) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('dropRow' as const), row: fc.nat() }), weight: 1 },
  { arbitrary: characterMutation(fragment), weight: 6 },
);

/** A small deterministic generator, so a shuffle replays from its case alone. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  const random = mulberry32(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

// Rows of form a are separated by a blank line; split and join on the same separator round-trip.
const ROW_BREAK = '\n\n';
const rowsOf = (text: string) => text.split(ROW_BREAK).map((row) => row.split('\n'));
const textOf = (rows: readonly string[][]) => rows.map((lines) => lines.join('\n')).join(ROW_BREAK);

export function applyTextMutation(text: string, mutation: TextMutation): string {
  switch (mutation.op) {
    case 'shuffleRow': {
      const rows = rowsOf(text);
      const index = mutation.row % rows.length;
      rows[index] = shuffled(rows[index]!, mutation.seed);
      return textOf(rows);
    }
    case 'swapCells': {
      const rows = rowsOf(text);
      const cells = rows.flatMap((lines, row) => lines.map((_, line) => [row, line] as const));
      const [r1, l1] = cells[mutation.from % cells.length]!;
      const [r2, l2] = cells[mutation.to % cells.length]!;
      [rows[r1]![l1], rows[r2]![l2]] = [rows[r2]![l2]!, rows[r1]![l1]!];
      return textOf(rows);
    }
    case 'cutLine': {
      const lines = text.split('\n');
      const index = mutation.line % lines.length;
      const line = lines[index]!;
      const at = mutation.at % (line.length + 1);
      const parts = { split: [line.slice(0, at), line.slice(at)], head: [line.slice(0, at)], tail: [line.slice(at)] }[mutation.keep];
      lines.splice(index, 1, ...parts);
      return lines.join('\n');
    }
    case 'duplicateRow': {
      const rows = rowsOf(text);
      const index = mutation.row % rows.length;
      rows.splice(index, 0, ...Array.from({ length: mutation.times }, () => [...rows[index]!]));
      return textOf(rows);
    }
    case 'dropRow': {
      const rows = rowsOf(text);
      rows.splice(mutation.row % rows.length, 1);
      return textOf(rows);
    }
    case 'insert': {
      const at = mutation.at % (text.length + 1);
      return text.slice(0, at) + mutation.text + text.slice(at);
    }
    case 'replace': {
      const at = mutation.at % (text.length + 1);
      return text.slice(0, at) + mutation.text + text.slice(at + mutation.text.length);
    }
    case 'delete': {
      const at = mutation.at % (text.length + 1);
      return text.slice(0, at) + text.slice(at + mutation.length);
    }
    case 'stutter': {
      const at = mutation.at % (text.length + 1);
      return text.slice(0, at) + text.slice(at, at + mutation.length).repeat(mutation.times) + text.slice(at + mutation.length);
    }
    case 'truncate':
      return text.slice(0, mutation.at % (text.length + 1));
  }
}

export const applyTextMutations = (text: string, mutations: readonly TextMutation[]) => mutations.reduce(applyTextMutation, text);

// ---- text cases -------------------------------------------------------------------------------

export interface MutatedSeed {
  seed: string;
  mutations: TextMutation[];
}

export const mutatedSeed: fc.Arbitrary<MutatedSeed> = fc.record({
  seed: fc.constantFrom(...SEED_TEXTS.keys()),
  mutations: fc.array(textMutation, { minLength: 1, maxLength: 12 }),
});

export const renderMutatedSeed = (c: MutatedSeed) => applyTextMutations(SEED_TEXTS.get(c.seed) ?? '', c.mutations);

/**
 * Text from nothing: any Unicode, any code point, and a soup of the tokens tables are made of. The
 * lengths run to the maximum (fast-check's default size keeps strings to about ten units).
 */
export const randomText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 2000, size: 'max' }),
  fc.string({ unit: 'binary', maxLength: 2000, size: 'max' }),
  fc.array(fragment, { maxLength: 600, size: 'max' }).map((parts) => parts.join('')),
);

export interface HugeCell {
  /** Where the big cell sits: a cell of a seed, a text of one line, an unclosed quoted cell, a Markdown cell. */
  form: 'seed-cell' | 'one-line' | 'open-quote' | 'pipe';
  seed: string;
  cell: number;
  chunk: string;
  size: number;
}

export const hugeCell: fc.Arbitrary<HugeCell> = fc.record({
  form: fc.constantFrom('seed-cell' as const, 'one-line' as const, 'open-quote' as const, 'pipe' as const),
  seed: fc.constantFrom(...SEED_TEXTS.keys()),
  cell: fc.nat(),
  chunk: fc.array(fragment, { minLength: 1, maxLength: 6 }).map((parts) => parts.join('')),
  size: fc.integer({ min: 50_000, max: 120_000 }),
});

export function renderHugeCell(c: HugeCell): string {
  const chunk = c.form === 'open-quote' ? c.chunk : c.chunk.replace(/[\r\n\t]/g, ' ');
  const filler = (chunk.trim() === '' ? chunk + '指标' : chunk).repeat(Math.ceil(c.size / Math.max(1, chunk.length))).slice(0, c.size);
  switch (c.form) {
    case 'seed-cell': {
      const lines = (SEED_TEXTS.get(c.seed) ?? '').split('\n');
      const cells = lines.flatMap((line, index) => (line.startsWith('\t') ? [index] : []));
      lines[cells[c.cell % cells.length] ?? 0] = `\t${filler}`;
      return lines.join('\n');
    }
    case 'one-line':
      return filler;
    case 'open-quote':
      return `一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t"${filler}\t≥95%\n`;
    case 'pipe':
      return `| 一级指标 | 二级指标 | 三级指标 | 指标值 |\n|---|---|---|---|\n| 产出指标 | 数量指标 | ${filler.replace(/\|/g, '｜')} | ≥95% |\n`;
  }
}

export interface ManyColumns {
  form: 'flattened' | 'tab-separated' | 'pipe' | 'csv' | 'html';
  columns: number;
  rows: number;
  /** Whether the first row repeats the indicator headers across all columns. */
  headers: boolean;
  cell: string;
}

export const manyColumns: fc.Arbitrary<ManyColumns> = fc.record({
  form: fc.constantFrom('flattened' as const, 'tab-separated' as const, 'pipe' as const, 'csv' as const, 'html' as const),
  columns: fc.integer({ min: 50, max: 5000 }),
  rows: fc.integer({ min: 1, max: 10 }),
  headers: fc.boolean(),
  cell: fc.oneof(fc.constantFrom(...TABLE_WORDS), fc.string({ unit: fc.constantFrom(...DIGITS, '≥', '%', '万元'), maxLength: 5 })),
});

const HEADER_CYCLE = ['一级指标', '二级指标', '三级指标', '指标值', '指标值确定依据'];
const ROW_CYCLE = ['产出指标', '数量指标', '', '≥95%', '计划标准'];

/** A project table as wide as asked: the indicator columns repeated across, under a 项目名称 row. */
export function renderManyColumns(c: ManyColumns): string {
  const clean = c.cell.replace(/[\r\n\t|,"<>&]/g, '');
  const header = Array.from({ length: c.columns }, (_, column) => HEADER_CYCLE[column % HEADER_CYCLE.length]!);
  const rows = Array.from({ length: c.rows }, (_, row) =>
    Array.from({ length: c.columns }, (_, column) => `${ROW_CYCLE[column % ROW_CYCLE.length]}${clean}${column % ROW_CYCLE.length === 2 ? row : ''}`),
  );
  const grid = [['项目名称', '宽表项目', ...Array<string>(Math.max(0, c.columns - 2)).fill('')], ...(c.headers ? [header] : []), ...rows];
  switch (c.form) {
    case 'flattened':
      return `1.宽表项目绩效目标表\n${grid.map((cells) => cells.map((cell) => `\t${cell}`).join('\n')).join('\n\n')}\n`;
    case 'tab-separated':
      return grid.map((cells) => cells.join('\t')).join('\n') + '\n';
    case 'pipe':
      return [`| ${grid[0]!.join(' | ')} |`, `|${'---|'.repeat(c.columns)}`, ...grid.slice(1).map((cells) => `| ${cells.join(' | ')} |`)].join('\n') + '\n';
    case 'csv':
      return grid.map((cells) => cells.join(',')).join('\n') + '\n';
    case 'html':
      return `<html><body><table>${grid.map((cells) => `<tr>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`).join('')}</table></body></html>`;
  }
}

// ---- byte cases -------------------------------------------------------------------------------

export type ByteMutation =
  | { op: 'flip'; at: number; mask: number }
  | { op: 'overwrite'; at: number; bytes: Uint8Array }
  | { op: 'truncate'; at: number }
  | { op: 'append'; bytes: Uint8Array }
  | { op: 'zero'; at: number; length: number }
  | { op: 'delete'; at: number; length: number }
  | { op: 'duplicate'; at: number; length: number }
  /** Damage within the first bytes, where magic numbers and headers live: these fail early. */
  | { op: 'header'; at: number; value: number };

export const byteMutation: fc.Arbitrary<ByteMutation> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('flip' as const), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }), weight: 4 },
  { arbitrary: fc.record({ op: fc.constant('overwrite' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 32 }) }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('append' as const), bytes: fc.uint8Array({ minLength: 1, maxLength: 4096 }) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('zero' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 4096 }) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 1024 }) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 1024 }) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('header' as const), at: fc.integer({ min: 0, max: 63 }), value: fc.integer({ min: 0, max: 255 }) }), weight: 2 },
);

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function applyByteMutation(bytes: Uint8Array, mutation: ByteMutation): Uint8Array {
  const at = 'at' in mutation ? mutation.at % (bytes.length + 1) : 0;
  switch (mutation.op) {
    case 'flip':
    case 'header': {
      if (bytes.length === 0) return bytes;
      const out = new Uint8Array(bytes);
      const index = mutation.op === 'flip' ? at % bytes.length : Math.min(mutation.at, bytes.length - 1);
      out[index] = mutation.op === 'flip' ? out[index]! ^ mutation.mask : mutation.value;
      return out;
    }
    case 'overwrite': {
      const out = new Uint8Array(bytes);
      out.set(mutation.bytes.subarray(0, Math.max(0, bytes.length - at)), at);
      return out;
    }
    case 'truncate':
      return bytes.slice(0, at);
    case 'append':
      return concat(bytes, mutation.bytes);
    case 'zero': {
      const out = new Uint8Array(bytes);
      out.fill(0, at, at + mutation.length);
      return out;
    }
    case 'delete':
      return concat(bytes.subarray(0, at), bytes.subarray(at + mutation.length));
    case 'duplicate':
      return concat(bytes.subarray(0, at + mutation.length), bytes.subarray(at));
  }
}

export const applyByteMutations = (bytes: Uint8Array, mutations: readonly ByteMutation[]) => mutations.reduce(applyByteMutation, bytes);

export interface MutatedFile {
  file: FileFixture;
  mutations: ByteMutation[];
}

export function mutatedFile(files: readonly FileFixture[], maxMutations = 6): fc.Arbitrary<MutatedFile> {
  return fc.record({ file: fc.constantFrom(...files), mutations: fc.array(byteMutation, { minLength: 1, maxLength: maxMutations }) });
}

export const renderMutatedFile = (c: MutatedFile) => applyByteMutations(fixtureBytes(c.file), c.mutations);

/**
 * Every PNG chunk's CRC recomputed, as far as the chunk lengths lead. Damage then gets past the
 * decoder's checksum test into the header, the ancillary chunks and the compressed pixels.
 */
export function repairPngCrcs(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes);
  const view = new DataView(out.buffer);
  for (let offset = 8; offset + 12 <= out.length; ) {
    const length = view.getUint32(offset);
    if (offset + 12 + length > out.length) break;
    view.setUint32(offset + 8 + length, crc32(out.subarray(offset + 4, offset + 8 + length)));
    offset += 12 + length;
  }
  return out;
}

export interface MutatedPng extends MutatedFile {
  repairCrcs: boolean;
}

export const mutatedPng: fc.Arbitrary<MutatedPng> = fc.record({
  file: fc.constant('table.png' as const),
  mutations: fc.array(byteMutation, { minLength: 1, maxLength: 3 }),
  repairCrcs: fc.boolean(),
});

export const renderMutatedPng = (c: MutatedPng) => (c.repairCrcs ? repairPngCrcs(renderMutatedFile(c)) : renderMutatedFile(c));

/** What a docx or xlsx holds inside, to damage: attributes and elements the readers act on. */
const OFFICE_XML = [
  '<', '>', '/>', '"', '&', '&#0;', '&#xD800;', '&bogus;', '<![CDATA[', ']]>', '<!--', '<?xml version="1.0"?>', '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>',
  '<w:tbl>', '</w:tbl>', '<w:tr>', '</w:tr>', '<w:tc>', '</w:tc>', '<w:p>', '<w:r><w:t>产出指标</w:t></w:r>', '</w:p>',
  '<w:gridSpan w:val="999999"/>', '<w:gridSpan w:val="-3"/>', '<w:gridSpan w:val="0"/>', '<w:vMerge w:val="restart"/>', '<w:vMerge/>',
  '<w:hMerge w:val="restart"/>', '<w:gridBefore w:val="500000"/>', '<w:gridCol w:w="1"/>',
  '<c r="XFD1048576" t="s"><v>0</v></c>', '<c r="A1" t="s"><v>99999</v></c>', '<c r="ZZZZZZ0"><v>1</v></c>', '<mergeCell ref="A1:XFD1048576"/>',
  '<mergeCell ref="B2:A1"/>', '<mergeCell ref="A1"/>', '<row r="1048576">', '<row r="0">', '</row>', '<sheetData>', '</sheetData>', '<si><t>指标值</t></si>',
];

export interface MutatedZipPart {
  file: 'chengde.docx' | 'chengde.xlsx';
  /** Which part (modulo the part count); XML parts come first. */
  part: number;
  mutations: TextMutation[];
}

export const mutatedZipPart: fc.Arbitrary<MutatedZipPart> = fc.record({
  file: fc.constantFrom('chengde.docx' as const, 'chengde.xlsx' as const),
  part: fc.nat(),
  mutations: fc.array(characterMutation(fc.oneof({ arbitrary: fc.constantFrom(...OFFICE_XML), weight: 3 }, { arbitrary: fragment, weight: 1 })), {
    minLength: 1,
    maxLength: 8,
  }),
});

/** The file unzipped, one part's text damaged, zipped again: the damage reaches the XML readers, past the zip checks. */
export function renderMutatedZipPart(c: MutatedZipPart): Uint8Array {
  const parts = unzipSync(fixtureBytes(c.file));
  const names = Object.keys(parts).sort((a, b) => Number(!/\.xml$/.test(a)) - Number(!/\.xml$/.test(b)) || a.localeCompare(b));
  const name = names[c.part % names.length]!;
  const text = new TextDecoder().decode(parts[name]);
  parts[name] = new TextEncoder().encode(applyTextMutations(text, c.mutations));
  return zipSync(parts);
}

const MAGIC_PREFIXES: Record<string, number[]> = {
  none: [],
  pdf: [...Buffer.from('%PDF-1.7\n')],
  zip: [0x50, 0x4b, 0x03, 0x04],
  png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  jpeg: [0xff, 0xd8, 0xff, 0xe0],
  tiff: [0x49, 0x49, 0x2a, 0x00],
  tiffBig: [0x4d, 0x4d, 0x00, 0x2a],
  ole: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
  utf8Bom: [0xef, 0xbb, 0xbf],
  utf16le: [0xff, 0xfe],
  utf16be: [0xfe, 0xff],
  html: [...Buffer.from('<!DOCTYPE html><html><body>')],
  gif: [...Buffer.from('GIF89a')],
};
/** End markers the readers look for before decoding, so random bodies get past the truncation checks. */
const END_MARKERS: Record<string, number[]> = {
  none: [],
  pdf: [...Buffer.from('\n%%EOF\n')],
  png: [0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82],
  jpeg: [0xff, 0xd9],
};

export interface RandomFile {
  prefix: string;
  body: Uint8Array;
  end: string;
}

export const randomFile: fc.Arbitrary<RandomFile> = fc.record({
  prefix: fc.constantFrom(...Object.keys(MAGIC_PREFIXES)),
  body: fc.uint8Array({ maxLength: 4096, size: 'max' }),
  end: fc.constantFrom(...Object.keys(END_MARKERS)),
});

export const renderRandomFile = (c: RandomFile) =>
  concat(new Uint8Array(MAGIC_PREFIXES[c.prefix] ?? []), c.body, new Uint8Array(END_MARKERS[c.end] ?? []));

export interface NestedHtml {
  /** How the page nests: the same opening tag repeated, open or closed, or a cell spanning a huge area. */
  opener: string;
  depth: number;
  closed: boolean;
  inner: string;
}

const HTML_OPENERS = ['<div>', '<table><tr><td>', '<table>', '<tr>', '<td>', '<span>', '<ul><li>', '<b><i>', '<p>', '<td rowspan="65534" colspan="1000">'];
const HTML_INNER = [
  '',
  '产出指标',
  '<table><tr><td>一级指标</td><td>三级指标</td><td>指标值</td></tr><tr><td>产出指标</td><td>培训人数</td><td>≥95%</td></tr></table>',
  '<td colspan="100000">项目名称</td>',
  '<script>',
  '<!--',
];

export const nestedHtml: fc.Arbitrary<NestedHtml> = fc.record({
  opener: fc.constantFrom(...HTML_OPENERS),
  depth: fc.oneof(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 300, max: 20_000 })),
  closed: fc.boolean(),
  inner: fc.constantFrom(...HTML_INNER),
});

function closingTags(opener: string): string {
  return [...opener.matchAll(/<(\w+)/g)]
    .map((match) => `</${match[1]}>`)
    .reverse()
    .join('');
}

export function renderNestedHtml(c: NestedHtml): Uint8Array {
  const html = `<html><body>${c.opener.repeat(c.depth)}${c.inner}${c.closed ? closingTags(c.opener).repeat(c.depth) : ''}</body></html>`;
  return new TextEncoder().encode(html);
}
