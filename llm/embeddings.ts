// Reranking similar projects by embeddings, when an embedding model is configured: BM25 finds the
// candidates, and the cosine between the new project's text and each candidate's reorders them.
import type { SearchHit } from '../schemas/library.ts';
import type { Llm } from './client.ts';

function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/** How much the embedding similarity counts against BM25's, 0..1. */
const EMBEDDING_WEIGHT = 0.6;

/**
 * The hits reordered by a mix of their word similarity and their embedding similarity to the query.
 * `textOf` gives the text embedded for a hit (its name, purpose and indicator names). Each hit keeps
 * its own absolute similarity: a cosine's scale depends on the model, and the floor is the words'.
 */
export async function rerank(llm: Llm, query: string, hits: readonly SearchHit[], textOf: (hit: SearchHit) => string): Promise<SearchHit[]> {
  const model = llm.config.JIXIAO_EMBEDDING_MODEL;
  if (!model || hits.length < 2) return [...hits];
  // Floats, not the SDK's default base64: not every OpenAI-compatible server (Ollama, vLLM) speaks it.
  const response = await llm.client.embeddings.create({ model, input: [query, ...hits.map(textOf)], encoding_format: 'float' });
  const vectors = [...response.data].sort((a, b) => a.index - b.index).map((item) => item.embedding);
  const [own, ...others] = vectors;
  if (!own || others.length !== hits.length) throw new Error(`the embedding endpoint answered ${vectors.length} vectors for ${hits.length + 1} texts`);
  const scored = hits.map((hit, i) => ({ hit, mixed: (1 - EMBEDDING_WEIGHT) * hit.similarity + EMBEDDING_WEIGHT * Math.max(0, cosine(own, others[i]!)) }));
  return scored.sort((a, b) => b.mixed - a.mixed).map(({ hit }) => hit);
}
