import { describe, expect, it } from 'vitest';
import type { Block, Paragraph, Table } from '../../schemas/doc.ts';
import { layoutToBlocks } from './blocks.ts';
import type { PageLayout, RuleSegment, TextBox } from './types.ts';

const TEXT_HEIGHT = 12;

/** A table's lines: every row and column boundary, except the inner pieces listed as missing (that is how cells merge). */
function gridRules(xs: number[], ys: number[], missing: { h?: [number, number][]; v?: [number, number][] } = {}): RuleSegment[] {
  const rules: RuleSegment[] = [];
  const skipH = new Set((missing.h ?? []).map(([row, col]) => `${row}:${col}`));
  const skipV = new Set((missing.v ?? []).map(([col, row]) => `${col}:${row}`));
  ys.forEach((y, r) => xs.slice(0, -1).forEach((x, c) => skipH.has(`${r}:${c}`) || rules.push({ x0: x, y0: y, x1: xs[c + 1]!, y1: y })));
  xs.forEach((x, c) => ys.slice(0, -1).forEach((y, r) => skipV.has(`${c}:${r}`) || rules.push({ x0: x, y0: y, x1: x, y1: ys[r + 1]! })));
  return rules;
}

/** A box of `text` centred at (x, y), CJK-wide. */
function box(text: string, x: number, y: number, confidence?: number): TextBox {
  const width = [...text].length * TEXT_HEIGHT * 0.8;
  const result: TextBox = { text, bbox: [x - width / 2, y - TEXT_HEIGHT / 2, x + width / 2, y + TEXT_HEIGHT / 2] };
  if (confidence !== undefined) result.confidence = confidence;
  return result;
}

function page(number: number, boxes: TextBox[], rules: RuleSegment[], ocr = false): PageLayout {
  return { page: number, width: 595, height: 842, boxes, rules, ocr };
}

const tables = (blocks: Block[]) => blocks.filter((block): block is Table => block.kind === 'table');
const paragraphs = (blocks: Block[]) => blocks.filter((block): block is Paragraph => block.kind === 'paragraph').map((block) => block.text);
const texts = (table: Table) => table.rows.map((row) => row.map((cell) => cell.text));
const spans = (table: Table) => table.rows.map((row) => row.map((cell) => `${cell.rowSpan}x${cell.colSpan}`));

function rotate(angleDegrees: number, layout: PageLayout): PageLayout {
  const a = (angleDegrees * Math.PI) / 180;
  const turn = (x: number, y: number): [number, number] => [x * Math.cos(a) - y * Math.sin(a), x * Math.sin(a) + y * Math.cos(a)];
  return {
    ...layout,
    rules: layout.rules.map(({ x0, y0, x1, y1 }) => {
      const [ax, ay] = turn(x0, y0);
      const [bx, by] = turn(x1, y1);
      return { x0: ax, y0: ay, x1: bx, y1: by };
    }),
    boxes: layout.boxes.map((b) => {
      const [cx, cy] = turn((b.bbox[0] + b.bbox[2]) / 2, (b.bbox[1] + b.bbox[3]) / 2);
      const hw = (b.bbox[2] - b.bbox[0]) / 2;
      const hh = (b.bbox[3] - b.bbox[1]) / 2;
      return { ...b, bbox: [cx - hw, cy - hh, cx + hw, cy + hh] };
    }),
  };
}

/** Cuts every rule into pieces with small gaps, as a line detector returns a scanned line. */
function breakUp(rules: RuleSegment[], gap: number): RuleSegment[] {
  return rules.flatMap(({ x0, y0, x1, y1 }) => {
    const half = { x: (x0 + x1) / 2, y: (y0 + y1) / 2 };
    const length = Math.hypot(x1 - x0, y1 - y0);
    const ux = (x1 - x0) / length;
    const uy = (y1 - y0) / length;
    return [
      { x0, y0, x1: half.x - (ux * gap) / 2, y1: half.y - (uy * gap) / 2 },
      { x0: half.x + (ux * gap) / 2, y0: half.y + (uy * gap) / 2, x1, y1 },
    ];
  });
}

describe('layoutToBlocks: one table', () => {
  // 一级指标 spans two rows (the line under it is missing); 项目名称's value spans two columns.
  const xs = [100, 220, 340, 460];
  const ys = [100, 130, 160, 190, 220];
  const rules = gridRules(xs, ys, { h: [[2, 0]], v: [[2, 0]] });
  const boxes = [
    box('项目名称', 160, 115, 0.97),
    box('2026年度海关办公经费', 400, 115, 0.91),
    box('产出指标', 160, 160, 0.95),
    box('数量指标', 280, 145, 0.99),
    box('开展业务次数', 400, 145, 0.93),
    box('质量指标', 280, 175, 0.9),
    box('设备完好率', 400, 175, 0.88),
    box('效益指标', 160, 205),
    box('社会效益', 270, 200),
    box('指标', 270, 212),
    box('ISO', 380, 205),
    box('9001', 420, 205),
  ];

  it('reads cells bounded by lines, spans from missing inner lines', () => {
    const [table] = tables(layoutToBlocks([page(1, boxes, rules)]));
    expect(texts(table!)).toEqual([
      ['项目名称', '2026年度海关办公经费'],
      ['产出指标', '数量指标', '开展业务次数'],
      ['质量指标', '设备完好率'],
      ['效益指标', '社会效益\n指标', 'ISO 9001'],
    ]);
    expect(spans(table!)).toEqual([['1x1', '1x2'], ['2x1', '1x1', '1x1'], ['1x1', '1x1'], ['1x1', '1x1', '1x1']]);
    expect(table!.rows[0]![1]!.source).toEqual({ page: 1, bbox: [220, 100, 460, 130] });
  });

  it('reads the same table from a scan tilted by 1° whose lines are broken, with OCR provenance', () => {
    const scan = rotate(1, page(1, boxes, breakUp(rules, 4), true));
    const [table] = tables(layoutToBlocks([scan]));
    expect(texts(table!)).toEqual([
      ['项目名称', '2026年度海关办公经费'],
      ['产出指标', '数量指标', '开展业务次数'],
      ['质量指标', '设备完好率'],
      ['效益指标', '社会效益\n指标', 'ISO 9001'],
    ]);
    expect(spans(table!)[1]).toEqual(['2x1', '1x1', '1x1']);
    const cell = table!.rows[0]![1]!;
    expect(cell.source.ocr).toBe(true);
    expect(cell.source.confidence).toBe(0.91);
    expect(table!.rows[3]![0]!.source.confidence).toBeUndefined();
  });

  it('ignores lines that belong to no table: the fold of a photographed sheet and its edges', () => {
    const fold = { x0: 300, y0: 10, x1: 300, y1: 830 };
    const edges = [
      { x0: 20, y0: 40, x1: 580, y1: 40 },
      { x0: 5, y0: 800, x1: 590, y1: 800 },
    ];
    const [table] = tables(layoutToBlocks([page(1, boxes, [...rules, fold, ...edges], true)]));
    expect(spans(table!)).toEqual([['1x1', '1x2'], ['2x1', '1x1', '1x1'], ['1x1', '1x1'], ['1x1', '1x1', '1x1']]);
  });

  it('keeps text outside the table as paragraphs in reading order', () => {
    const blocks = layoutToBlocks([page(1, [box('1.2026年度海关办公经费绩效目标表', 280, 60), ...boxes, box('填报说明', 140, 260)], rules)]);
    expect(blocks.map((block) => block.kind)).toEqual(['paragraph', 'table', 'paragraph']);
    expect(paragraphs(blocks)).toEqual(['1.2026年度海关办公经费绩效目标表', '填报说明']);
  });
});

describe('layoutToBlocks: text outside tables', () => {
  it('falls back to one paragraph per line, cells joined by TAB, when a table has no rules', () => {
    const row = (y: number, cells: string[]) => cells.map((text, i) => box(text, 100 + i * 120, y));
    const blocks = layoutToBlocks([page(1, [...row(100, ['一级指标', '二级指标', '三级指标']), ...row(130, ['产出指标', '数量指标', '培训人数'])], [])]);
    expect(paragraphs(blocks)).toEqual(['一级指标\t二级指标\t三级指标', '产出指标\t数量指标\t培训人数']);
  });

  it('splits a line of two items standing apart (a unit line and 单位：万元)', () => {
    const blocks = layoutToBlocks([page(1, [box('304001保定白沟新城国际贸易服务中心（本级）', 200, 100), box('单位：万元', 500, 100)], [])]);
    expect(paragraphs(blocks)).toEqual(['304001保定白沟新城国际贸易服务中心（本级）', '单位：万元']);
  });

  it('joins a paragraph wrapped at the right edge, and a label wrapped inside an open bracket', () => {
    const full = '以习近平新时代中国特色社会主义思想为指导全面贯彻'; // 24 wide characters
    const blocks = layoutToBlocks([
      page(1, [box(full, 300, 100), box('落实各项决策部署。', 158, 114), box('填报单位（盖公', 100, 200), box('章）：', 95, 214)], []),
    ]);
    expect(paragraphs(blocks)).toEqual([`${full}落实各项决策部署。`, '填报单位（盖公章）：']);
  });

  it('never throws on empty pages, stray lines or text-free tables', () => {
    expect(layoutToBlocks([])).toEqual([]);
    expect(layoutToBlocks([page(1, [], [])])).toEqual([]);
    const strays = layoutToBlocks([page(1, [box('签字', 100, 100)], [{ x0: 50, y0: 110, x1: 200, y1: 110 }, { x0: 300, y0: 300, x1: 301, y1: 420 }])]);
    expect(paragraphs(strays)).toEqual(['签字']);
    const [empty] = tables(layoutToBlocks([page(1, [], gridRules([0, 50, 100], [0, 20, 40]))]));
    expect(texts(empty!)).toEqual([['', ''], ['', '']]);
  });
});

describe('layoutToBlocks: across pages', () => {
  const xs = [60, 180, 300, 420];
  const header = ['一级指标', '二级指标', '三级指标'];
  const place = (rows: string[][], ys: number[]) =>
    rows.flatMap((cells, r) => cells.flatMap((text, c) => (text ? [box(text, (xs[c]! + xs[c + 1]!) / 2, (ys[r]! + ys[r + 1]!) / 2)] : [])));
  const furniture = (n: number) => [box(`第 ${n} 页`, 300, 820), box('保定市财政局文件', 300, 25)];

  // Page 1 ends inside 产出指标 (its cell reaches the bottom); page 2 goes on from there.
  const ys1 = [700, 730, 760, 790];
  const page1Rows = [header, ['产出指标', '数量指标', '开展业务次数'], ['', '质量指标', '设备完好率']];
  const page1 = page(1, [box('1.某项目绩效目标表', 240, 680), ...place(page1Rows, ys1), ...furniture(1)], gridRules(xs, ys1, { h: [[2, 0]] }));

  function page2(repeatHeader: boolean): PageLayout {
    const rows = [...(repeatHeader ? [header] : []), ['', '时效指标', '完成时间'], ['效益指标', '社会效益指标', '保障正常开展']];
    const ys = [60, 90, 120, 150].slice(0, rows.length + 1);
    return page(2, [...place(rows, ys), box('填报说明', 100, 170), ...furniture(2)], gridRules(xs, ys));
  }

  const expected = [header, ['产出指标', '数量指标', '开展业务次数'], ['质量指标', '设备完好率'], ['时效指标', '完成时间'], ['效益指标', '社会效益指标', '保障正常开展']];

  for (const repeatHeader of [true, false]) {
    it(`joins a table continued on the next page ${repeatHeader ? 'dropping its repeated header' : 'without a repeated header'}, and drops page furniture`, () => {
      const blocks = layoutToBlocks([page1, page2(repeatHeader)]);
      expect(blocks.map((block) => block.kind)).toEqual(['paragraph', 'table', 'paragraph']);
      expect(paragraphs(blocks)).toEqual(['1.某项目绩效目标表', '填报说明']);
      const [table] = tables(blocks);
      expect(texts(table!)).toEqual(expected);
      // The cut 产出指标 cell joins its lower part on page 2.
      expect(table!.rows[1]![0]!.rowSpan).toBe(3);
      expect(table!.rows[3]![0]!.source.page).toBe(2);
    });
  }

  it('keeps tables apart when the next page starts with a different column structure', () => {
    const other = page(2, place([['项目名称', '某项目']], [60, 90]), gridRules([60, 240, 420], [60, 90]));
    expect(tables(layoutToBlocks([page1, other]))).toHaveLength(2);
  });

  it('keeps a running title that only looks like furniture when it appears once', () => {
    const blocks = layoutToBlocks([page(1, [box('保定市财政局文件', 300, 25), box('正文', 100, 300)], [])]);
    expect(paragraphs(blocks)).toEqual(['保定市财政局文件', '正文']);
  });
});
