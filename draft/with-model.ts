// Drafting with whatever is configured: the rules' draft always; the precedents (those above the
// floor only) reordered by embeddings when an embedding model is set; the wording refined by a chat
// model when one is set, from those precedents alone. A model that fails or is refused leaves the
// rules' draft as it is, with the reason kept.
import { rerank } from '../llm/embeddings.ts';
import type { Llm } from '../llm/client.ts';
import type { LibraryStore } from '../library/store.ts';
import { classifyProject } from '../library/category.ts';
import type { Draft, DraftRequest, SearchHit } from '../schemas/library.ts';
import { draftFromPrecedents } from './drafter.ts';
import { findPrecedents } from './precedents.ts';
import { refineDraft } from './refine.ts';

export interface ModelDraft {
  draft: Draft;
  /** what the model path did, for logs and the CLI */
  notes: string[];
}

export async function draftWithModel(library: LibraryStore, request: DraftRequest, llm: Llm | null): Promise<ModelDraft> {
  const notes: string[] = [];
  const guess = classifyProject({ name: request.name, purpose: request.purpose, goals: request.goals });
  let precedents = await findPrecedents(library, request, guess);
  if (llm?.config.JIXIAO_EMBEDDING_MODEL && precedents.hits.length > 1) {
    const projects = new Map(precedents.projects.map((entry) => [entry.library.id, entry]));
    const textOf = (hit: SearchHit) => {
      const project = projects.get(hit.project.id)?.library.project;
      return [project?.name, project?.purpose, ...(project?.indicators.map((row) => row.name) ?? [])].filter(Boolean).join(' ');
    };
    try {
      const hits = await rerank(llm, [request.name, request.purpose ?? ''].join(' '), precedents.hits, textOf);
      precedents = { ...precedents, hits, projects: hits.flatMap((hit) => projects.get(hit.project.id) ?? []) };
      notes.push(`precedents reordered by ${llm.config.JIXIAO_EMBEDDING_MODEL}`);
    } catch (error) {
      notes.push(`embeddings failed, word order kept: ${(error as Error).message}`);
    }
  }
  const draft = draftFromPrecedents(request, guess, precedents);
  if (!llm) return { draft, notes };
  try {
    const refined = await refineDraft(llm, library, request, draft);
    notes.push(refined.rejected ? `model answer not used: ${refined.rejected}` : `wording refined by ${refined.draft.refinedBy}`);
    return { draft: refined.draft, notes };
  } catch (error) {
    notes.push(`model failed, rules' draft kept: ${(error as Error).message}`);
    return { draft, notes };
  }
}
