// Vitest's global setup: builds dist/ (scripts/build.mjs, incremental) before any test runs, so the
// tests that run bin/jixiao.js or pack the package use the sources as they are now, not stale output.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function buildDist(): void {
  const build = spawnSync(process.execPath, [fileURLToPath(new URL('../scripts/build.mjs', import.meta.url))], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build failed before the tests:\n${build.stdout}${build.stderr}`);
}
