// Prompts live in prompts/ as Markdown files whose first line names their version
// (`version: draft-refine/1`), so a prompt change is a reviewable diff and results can name the
// prompt they were made with.
import { readFileSync } from 'node:fs';

export interface Prompt {
  version: string;
  text: string;
}

const cache = new Map<string, Prompt>();

export function loadPrompt(name: string): Prompt {
  const cached = cache.get(name);
  if (cached) return cached;
  const raw = readFileSync(new URL(`../prompts/${name}.md`, import.meta.url), 'utf8');
  const match = /^version:\s*(\S+)\s*\n/.exec(raw);
  if (!match?.[1]) throw new Error(`prompts/${name}.md must start with a line "version: NAME/N"`);
  const prompt = { version: match[1], text: raw.slice(match[0].length).trim() };
  cache.set(name, prompt);
  return prompt;
}
