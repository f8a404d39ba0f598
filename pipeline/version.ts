// The package's version, from its package.json: the nearest one named jixiao above this module,
// which is the repository's from the sources and the installed package's from dist/.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function packageVersion(): string {
  for (let folder = dirname(fileURLToPath(import.meta.url)); ; folder = dirname(folder)) {
    const file = join(folder, 'package.json');
    if (existsSync(file)) {
      const found = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (found.name === 'jixiao' && typeof found.version === 'string') return found.version;
    }
    if (dirname(folder) === folder) throw new Error('jixiao: its package.json was not found above ' + fileURLToPath(import.meta.url));
  }
}

export const VERSION = packageVersion();
