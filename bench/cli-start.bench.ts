// How long `jixiao --version` takes from a shell: the whole start of the command (Node, the bin, the
// compiled CLI), the median of 21 runs after 2 to warm the disk cache. Beside it the same command
// through tsx from the sources, as the bin ran it before the package was compiled. Target (issue
// 19): median under 0.3 s.   npm run build && npx tsx bench/cli-start.bench.ts
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';

const RUNS = 21;
const bin = fileURLToPath(new URL('../bin/jixiao.js', import.meta.url));
const sources = fileURLToPath(new URL('../cli/main.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../node_modules/tsx/dist/cli.mjs', import.meta.url));

function medianSeconds(args: string[]): number {
  const times: number[] = [];
  for (let run = 0; run < RUNS + 2; run++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { encoding: 'utf8' });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
    if (run >= 2) times.push(seconds);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const compiled = medianSeconds([bin, '--version']);
const throughTsx = medianSeconds([tsx, sources, '--version']);
console.log(`jixiao --version, median of ${RUNS} (${cpus()[0]?.model ?? 'unknown CPU'} ×${cpus().length}):`);
console.log(`  compiled (bin/jixiao.js → dist/)  ${compiled.toFixed(3)} s   target < 0.3 s  ${compiled < 0.3 ? 'met' : 'NOT MET'}`);
console.log(`  through tsx from the sources     ${throughTsx.toFixed(3)} s   (${(throughTsx / compiled).toFixed(1)}× the compiled)`);
