#!/usr/bin/env node
// The jixiao command: the compiled CLI in dist/ (built by `npm run build`, and by `prepare` on
// `npm install` in a checkout; an installed package carries it built).
import { existsSync } from 'node:fs';
import process from 'node:process';
import { URL } from 'node:url';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('jixiao: 未找到编译后的程序 dist/cli/main.js，请先运行 npm run build（USAGE）\n');
  process.exit(1);
}
await import(main.href);
