// The library at scale: a synthetic library of 100,000 projects (the starter documents' projects —
// the Hebei seeds and the other provinces' real forms — under varied places, years, units and
// names) is built in a temporary file, timing the ingest; then drafts for new projects, of sectors
// the library has and of ones it lacks, are timed against it. Figures depend on the machine: the run
// prints what it ran on.
//   npx tsx bench/library.bench.ts [projects]
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { draftProject } from '../draft/drafter.ts';
import { extractText } from '../pipeline/index.ts';
import { REAL_FORMS_FOLDER, SEEDS_FOLDER, starterDocuments } from '../library/seed.ts';
import { SqliteLibrary } from '../library/sqlite-store.ts';
import type { Extraction } from '../schemas/extraction.ts';

const TARGET = Number(process.argv[2] ?? 100_000);
const PLACES = ['保定', '邢台', '承德', '唐山', '廊坊', '沧州', '衡水', '邯郸', '张家口', '秦皇岛', '石家庄', '雄安'];
const COUNTIES = ['清苑', '满城', '徐水', '定兴', '高碑店', '涿州', '安国', '博野', '蠡县', '曲阳', '阜平', '唐县', '望都', '顺平', '易县', '涞源', '涞水', '定州', '雄县', '容城'];
const seeds = [...starterDocuments(SEEDS_FOLDER), ...starterDocuments(REAL_FORMS_FOLDER)]
  .map((document) => extractText(document.text))
  .filter((extraction) => extraction.document.projects.some((project) => project.indicators.length > 0));

/** The n-th synthetic document: a seed under another place, county, year and hash. */
function synthetic(n: number): Extraction {
  const seed = seeds[n % seeds.length]!;
  const place = PLACES[n % PLACES.length]!;
  const county = COUNTIES[Math.floor(n / PLACES.length) % COUNTIES.length]!;
  const year = 2020 + (n % 7);
  const unit = `${place}市${county}${seed.document.unit?.name.replace(/^.*?(市|区|县)/, '') ?? '单位'}`;
  return {
    ...seed,
    source: { ...seed.source, sha256: createHash('sha256').update(`synthetic ${n}`).digest('hex') },
    document: {
      ...seed.document,
      year,
      unit: { code: null, name: unit },
      projects: seed.document.projects.map((project, index) => ({
        ...project,
        name: `${place}${county}${year}年${(project.name ?? '项目').replace(/^\d{4}年度?/, '')}（${n}-${index}）`,
        code: project.code ? `${project.code}-${n}` : null,
        unit: { code: null, name: unit },
      })),
    },
  };
}

const folder = process.env.KEEP_FOLDER ?? mkdtempSync(join(tmpdir(), 'jixiao-library-bench-'));
const library = new SqliteLibrary(join(folder, 'library.sqlite'));
try {
  console.log(`machine: ${cpus()[0]?.model ?? 'unknown cpu'} × ${cpus().length}, node ${process.version}`);
  let started = performance.now();
  let n = 0;
  // Counted as added, not by counting the table (a scan) between documents.
  let added = (await library.counts()).projects;
  while (added < TARGET) added += (await library.add(synthetic(n++))).added;
  const seconds = (performance.now() - started) / 1000;
  const counts = await library.counts();
  if (n === 0) console.log(`library of ${counts.projects} projects reused from ${folder}`);
  else console.log(`ingest: ${counts.projects} projects (${counts.indicators} indicators, ${counts.documents} documents) in ${seconds.toFixed(1)} s: ${Math.round(counts.projects / seconds)} projects/s`);

  const requests = Array.from({ length: 120 }, (_, i) => {
    const projects = seeds[i % seeds.length]!.document.projects;
    const source = projects[i % projects.length]!;
    return { name: `${PLACES[(i * 5) % PLACES.length]}${2027}年${(source.name ?? '综合保障经费').replace(/^\d{4}年度?/, '')}`, budget: source.budget.total ?? 50, purpose: source.purpose ?? undefined, year: 2027 };
  });
  // Sectors the library lacks: drafted on the template after a search that finds nothing close.
  const lacking = ['人民陪审员经费', '县级水库水位观测设施建设', '中小学校舍维修改造', '城乡居民医疗救助', '森林防火物资购置', '农村公路养护'];
  requests.push(...lacking.map((name, i) => ({ name: `2027年${name}`, budget: 20 + i * 15, purpose: undefined, year: 2027 })));
  for (const request of requests.slice(0, 10)) await draftProject(library, request); // warm-up
  const times: number[] = [];
  for (const request of requests) {
    started = performance.now();
    await draftProject(library, request);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (share: number) => times[Math.min(times.length - 1, Math.floor(share * times.length))]!;
  console.log(`draft latency over ${times.length} drafts: p50 ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${at(1).toFixed(1)} ms (target: p95 < 50 ms)`);
} finally {
  await library.close();
  if (!process.env.KEEP_FOLDER) rmSync(folder, { recursive: true, force: true });
}
