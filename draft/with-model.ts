// Drafting with whatever is configured: the rules' draft always; similar projects reranked by
// embeddings when an embedding model is set; the wording refined by a chat model when one is set.
// A model that fails or is refused leaves the rules' draft as it is, with the reason kept.
import { rerank } from '../llm/embeddings.ts';
import type { Llm } from '../llm/client.ts';
import type { LibraryStore } from '../library/store.ts';
import type { Draft, DraftRequest, SearchHit } from '../schemas/library.ts';
import { draftFromHits, similarProjects } from './drafter.ts';
import { refineDraft } from './refine.ts';

export interface ModelDraft {
  draft: Draft;
  /** what the model path did, for logs and the CLI */
  notes: string[];
}

export async function draftWithModel(library: LibraryStore, request: DraftRequest, llm: Llm | null): Promise<ModelDraft> {
  const notes: string[] = [];
  let hits: SearchHit[] = similarProjects(library, request);
  if (llm?.config.JIXIAO_EMBEDDING_MODEL && hits.length > 1) {
    const projects = new Map(library.getMany(hits.map((hit) => hit.project.id)).map((entry) => [entry.id, entry.project]));
    const textOf = (hit: SearchHit) => {
      const project = projects.get(hit.project.id);
      return [project?.name, project?.purpose, ...(project?.indicators.map((row) => row.name) ?? [])].filter(Boolean).join(' ');
    };
    try {
      hits = await rerank(llm, [request.name, request.purpose ?? ''].join(' '), hits, textOf);
      notes.push(`similar projects reranked by ${llm.config.JIXIAO_EMBEDDING_MODEL}`);
    } catch (error) {
      notes.push(`embeddings failed, BM25 order kept: ${(error as Error).message}`);
    }
  }
  const draft = draftFromHits(library, request, hits);
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
