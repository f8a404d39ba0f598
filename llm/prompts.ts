// Prompts live in prompts/ as Markdown files whose first line names their version
// (`version: draft-refine/1`), so a prompt change is a reviewable diff and results can name the
// prompt they were made with.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

export interface Prompt {
  version: string;
  text: string;
}

const cache = new Map<string, Prompt>();

function readPrompt(url: URL, shown: string): Prompt {
  const raw = readFileSync(url, 'utf8');
  const match = /^version:\s*(\S+)\s*\n/.exec(raw);
  if (!match?.[1]) throw new Error(`${shown} must start with a line "version: NAME/N"`);
  return { version: match[1], text: raw.slice(match[0].length).trim() };
}

/**
 * The prompt in use, prompts/NAME.md; or, asked for a version, the file among it and the earlier
 * versions kept in prompts/NAME/ whose version line says so (for comparing prompts in eval).
 */
export function loadPrompt(name: string, version?: string): Prompt {
  const key = `${name}@${version ?? ''}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const current = readPrompt(new URL(`../prompts/${name}.md`, import.meta.url), `prompts/${name}.md`);
  let prompt = current;
  if (version !== undefined && version !== current.version) {
    const folder = new URL(`../prompts/${name}/`, import.meta.url);
    const earlier = existsSync(folder) ? readdirSync(folder).filter((file) => file.endsWith('.md')).map((file) => readPrompt(new URL(file, folder), `prompts/${name}/${file}`)) : [];
    const found = earlier.find((candidate) => candidate.version === version);
    if (!found) throw new Error(`no prompt ${version}; prompts/${name} has ${[current, ...earlier].map((candidate) => candidate.version).join(', ')}`);
    prompt = found;
  }
  cache.set(key, prompt);
  return prompt;
}
