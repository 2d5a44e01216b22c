/** The knowledge base: curated entries (+ optional Hurd wiki pages), search and answers. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAnswerer } from './answer.js';
import { loadWikiDir } from './ikiwiki.js';
import { loadEntriesCached } from './cache.js';
import { createSearcher } from './search.js';
import type { Entry, KnowledgeBase } from './types.js';

export type { Answer, AnswerContext, Entry, Hit, KnowledgeBase, Section, SourceLink } from './types.js';

export interface LoadOptions {
  /** A directory of ikiwiki pages (.mdwn) to search beside the curated entries. */
  wikiDir?: string;
  /** Override the curated entry directory (tests). */
  entriesDir?: string;
}

/**
 * `<repo>/knowledge/entries`, found from this module both when it runs from
 * the sources (knowledge/index.ts) and compiled (dist/knowledge/index.js).
 */
export function defaultEntriesDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'entries'), join(here, '..', '..', 'knowledge', 'entries')];
  return candidates.find((c) => existsSync(c)) ?? candidates[0]!;
}

export function buildKnowledge(entries: Entry[]): KnowledgeBase {
  const searcher = createSearcher(entries);
  const answerer = createAnswerer(entries, searcher);
  const byId = new Map(entries.map((e) => [e.id, e]));
  return {
    entries,
    get: (id) => byId.get(id),
    search: (query, limit) => searcher.search(String(query ?? ''), limit).map(({ entry, score, section }) => ({ entry, score, section })),
    answer: (question, ctx) => answerer.answer(question, ctx),
  };
}

export function loadKnowledge(opts: LoadOptions = {}): KnowledgeBase {
  const curated = loadEntriesCached(opts.entriesDir ?? defaultEntriesDir());
  const wiki = opts.wikiDir ? loadWikiDir(opts.wikiDir) : [];
  return buildKnowledge([...curated, ...wiki]);
}
