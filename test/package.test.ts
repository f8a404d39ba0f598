// The package as a user gets it: `npm pack`, installed into an empty project with no network, then
// used through `import { extract } from 'jixiao'` (plain Node ESM), type-checked from a TypeScript
// file, and run as the `jixiao` bin. dist/ is built by the global setup (test/build-dist.ts).
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const seed = join(root, 'fixtures/seeds/004_584bff0bac0b6d6f.txt');
const work = mkdtempSync(join(tmpdir(), 'jixiao-pack-'));
const app = join(work, 'app');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

interface Packed {
  filename: string;
  size: number;
  files: { path: string }[];
}
let packed: Packed;

/**
 * The empty project's lock: the package from its tarball, and its dependencies at the versions and
 * integrities of this repository's lock (the production ones), so `npm ci --offline` takes every
 * one from the npm cache that `npm ci` filled, and none from the network.
 */
function writeApp(tarball: string): void {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
  const integrity = 'sha512-' + createHash('sha512').update(readFileSync(tarball)).digest('base64');
  const spec = `file:${tarball}`;
  const packages: Record<string, unknown> = {
    '': { name: 'app', version: '1.0.0', dependencies: { jixiao: spec } },
    'node_modules/jixiao': { version: manifest.version, resolved: spec, integrity, license: manifest.license, dependencies: manifest.dependencies, bin: manifest.bin, engines: manifest.engines },
  };
  for (const [path, entry] of Object.entries(lock.packages)) if (path !== '' && !entry.dev) packages[path] = entry;
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true, type: 'module', dependencies: { jixiao: spec } }, null, 2));
  writeFileSync(join(app, 'package-lock.json'), JSON.stringify({ name: 'app', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2));
}

beforeAll(() => {
  const out = execFileSync(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8' });
  packed = (JSON.parse(out) as Packed[])[0]!;
  execFileSync('mkdir', ['-p', app]);
  writeApp(join(work, packed.filename));
  // Install scripts are skipped: ours has none, and better-sqlite3's would compile its addon for
  // minutes; the addon this checkout built for the same Node is copied in instead.
  const install = spawnSync(npm, ['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: app, encoding: 'utf8', env: { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'skip' } });
  if (install.status !== 0) throw new Error(`npm ci --offline of the packed tarball failed:\n${install.stdout}${install.stderr}`);
  cpSync(join(root, 'node_modules/better-sqlite3/build'), join(app, 'node_modules/better-sqlite3/build'), { recursive: true });
}, 600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the npm package', () => {
  it('is under 2 MB and holds the compiled code, its types, the page and the starter library, and no tests or fixtures', () => {
    expect(packed.size).toBeLessThan(2 * 1024 * 1024);
    const paths = packed.files.map((file) => file.path);
    for (const needed of ['dist/api/index.js', 'dist/api/index.d.ts', 'dist/api/schemas.js', 'dist/cli/main.js', 'dist/server/main.js', 'dist/server/tasks/worker.js', 'dist/server/page/index.html', 'bin/jixiao.js', 'package.json', 'README.md']) {
      expect(paths).toContain(needed);
    }
    expect(paths.some((path) => path.startsWith('dist/library/starter/seeds/') && path.endsWith('.txt'))).toBe(true);
    // The PostgreSQL library's schema, migrated when it is opened.
    expect(paths).toContain('dist/library/migrations/0001_library.sql');
    expect(paths.filter((path) => /\.test\.|(^|\/)(fixtures|test|testdata|bench|fuzz|scripts)\//.test(path) || path.endsWith('.gold.json') || path.endsWith('.ts') && !path.endsWith('.d.ts'))).toEqual([]);
  });

  it('works from plain Node ESM: extract, validate, openLibrary, draft, and errors with codes', () => {
    writeFileSync(
      join(app, 'use.mjs'),
      `import { readFileSync } from 'node:fs';
import { extract, validate, openLibrary, draft, nothingRead, version, JixiaoError } from 'jixiao';
import { Extraction } from 'jixiao/schemas';
const extraction = await extract(readFileSync(process.argv[2], 'utf8'));
Extraction.parse(extraction);
const review = validate(extraction);
const library = await openLibrary(':memory:');
const drafted = await draft({ name: '2026年农村饮水安全巩固提升工程', budget: 300 }, library);
await library.close();
let error = null;
try { await extract(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a])); } catch (caught) { error = caught instanceof JixiaoError ? { code: caught.code, message: caught.message } : String(caught); }
console.log(JSON.stringify({ version, projects: extraction.document.projects.map((p) => p.name), rows: extraction.document.projects.reduce((n, p) => n + p.indicators.length, 0), counts: review.summary.counts, drafted: drafted.project.indicators.length, nothing: nothingRead(extraction), error }));
`,
    );
    const run = spawnSync(process.execPath, ['use.mjs', seed], { cwd: app, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as { version: string; projects: string[]; rows: number; counts: { total: number }; drafted: number; nothing: boolean; error: { code: string; message: string } };
    expect(result.version).toBe(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
    expect(result.projects.length).toBeGreaterThan(0);
    expect(result.rows).toBeGreaterThan(result.projects.length);
    expect(result.counts.total).toBeGreaterThan(0);
    expect(result.drafted).toBeGreaterThan(0);
    expect(result.nothing).toBe(false);
    expect(result.error.code).toMatch(/^(CORRUPT|TRUNCATED)$/);
    expect(result.error.message).toMatch(/[\u4e00-\u9fff].*（(CORRUPT|TRUNCATED)）/);
  });

  it('type-checks from a TypeScript project, with real types (a wrong call is an error)', () => {
    writeFileSync(
      join(app, 'check.ts'),
      `import { extract, validate, openLibrary, draft, type Extraction, type Draft } from 'jixiao';
import { Extraction as ExtractionSchema } from 'jixiao/schemas';
const extraction: Extraction = await extract('项目名称：测试');
const rows: number = extraction.document.projects.reduce((sum, project) => sum + project.indicators.length, 0);
const errors: number = validate(extraction).summary.counts.error;
const drafted: Draft = await draft({ name: '2026年测试项目' }, await openLibrary(':memory:'));
ExtractionSchema.parse(extraction);
// @ts-expect-error extract takes text or bytes, not a number
await extract(42);
// @ts-expect-error a draft request needs a name
await draft({ budget: 5 }, await openLibrary(':memory:'));
console.log(rows, errors, drafted.fallback);
`,
    );
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, typeRoots: [join(root, 'node_modules/@types')], types: ['node'] },
        files: ['check.ts'],
      }),
    );
    const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', app], { cwd: app, encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });

  it('runs the jixiao bin from the install: --version, --help, extract with the documented exit codes', () => {
    const bin = join(app, 'node_modules/.bin/jixiao');
    const version = spawnSync(bin, ['--version'], { encoding: 'utf8' });
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect(spawnSync(bin, ['--help'], { encoding: 'utf8' }).status).toBe(0);
    const read = spawnSync(bin, ['extract', seed], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(read.status).toBe(0);
    expect(JSON.parse(read.stdout).document.projects.length).toBeGreaterThan(0);
    const prose = join(work, 'prose.txt');
    writeFileSync(prose, '本单位2026年工作总结。\n');
    expect(spawnSync(bin, ['extract', prose], { encoding: 'utf8' }).status).toBe(3);
    expect(spawnSync(bin, ['extract', join(work, 'missing.pdf')], { encoding: 'utf8' }).status).toBe(2);
  });
});
