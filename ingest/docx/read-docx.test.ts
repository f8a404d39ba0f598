import { describe, expect, it } from 'vitest';
import { cell, docxFromBody, paragraph, row, table } from '../../test/support/minimal-docx.ts';
import type { Block } from '../../schemas/doc.ts';
import { readDocx } from './read-docx.ts';

const LIMIT = 200 * 1024 * 1024;

function grid(blocks: Block[]): string[][] {
  const found = blocks.find((block) => block.kind === 'table');
  if (!found || found.kind !== 'table') throw new Error('no table');
  return found.rows.map((cells) => cells.map((c) => `${c.text}${c.rowSpan > 1 ? `^${c.rowSpan}` : ''}${c.colSpan > 1 ? `>${c.colSpan}` : ''}`));
}

describe('readDocx', () => {
  it('keeps gridSpan and vMerge merges that mammoth reads itself', async () => {
    const body = [
      paragraph('1.办公经费绩效目标表'),
      table(
        [
          row([cell('项目名称'), cell('办公经费', '<w:gridSpan w:val="3"/>')]),
          row([cell('一级指标'), cell('二级指标'), cell('三级指标'), cell('指标值')]),
          row([cell('产出指标', '<w:vMerge w:val="restart"/>'), cell('数量指标'), cell('次数'), cell('≥10次')]),
          row([cell('', '<w:vMerge/>'), cell('质量指标'), cell('完成率'), cell('≥95%')]),
        ],
        4,
      ),
    ].join('');
    const blocks = await readDocx(docxFromBody(body), LIMIT);
    expect(blocks[0]).toMatchObject({ kind: 'paragraph', text: '1.办公经费绩效目标表' });
    expect(grid(blocks)).toEqual([
      ['项目名称', '办公经费>3'],
      ['一级指标', '二级指标', '三级指标', '指标值'],
      ['产出指标^2', '数量指标', '次数', '≥10次'],
      ['质量指标', '完成率', '≥95%'],
    ]);
  });

  it('reads w:gridBefore so a short row does not shift its cells left', async () => {
    const body = table(
      [
        row([cell('产出指标', '<w:vMerge w:val="restart"/>'), cell('数量指标'), cell('次数'), cell('≥10次')]),
        // The level cell of this row is missing altogether: the row starts one grid column in.
        row([cell('质量指标'), cell('完成率'), cell('≥95%')], '<w:gridBefore w:val="1"/>'),
      ],
      4,
    );
    expect(grid(await readDocx(docxFromBody(body), LIMIT))).toEqual([
      ['产出指标', '数量指标', '次数', '≥10次'],
      ['', '质量指标', '完成率', '≥95%'],
    ]);
  });

  it('reads legacy w:hMerge horizontal merges as one wide cell', async () => {
    const body = table(
      [
        row([cell('项目名称'), cell('办公经费', '<w:hMerge w:val="restart"/>'), cell('', '<w:hMerge/>'), cell('', '<w:hMerge w:val="continue"/>')]),
        row([cell('一级指标'), cell('二级指标'), cell('三级指标'), cell('指标值')]),
      ],
      4,
    );
    expect(grid(await readDocx(docxFromBody(body), LIMIT))).toEqual([
      ['项目名称', '办公经费>3'],
      ['一级指标', '二级指标', '三级指标', '指标值'],
    ]);
  });

  it('without the repair the same hMerge row would be four cells (the repair is what fixes it)', async () => {
    const { default: mammoth } = await import('mammoth');
    const body = table([row([cell('项目名称'), cell('办公经费', '<w:hMerge w:val="restart"/>'), cell('', '<w:hMerge/>')])], 3);
    const bytes = docxFromBody(body);
    const html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value;
    expect(html.match(/<td/g)?.length).toBe(3);
  });
});
