/** The knowledge base: curated entries (+ optional Hurd wiki pages), search and answers. */
import { canonical } from './normalize.js';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAnswerer } from './answer.js';
import { loadWikiDir } from './ikiwiki.js';
import { loadEntriesCached, loadFactsCached } from './cache.js';
import { createSearcher } from './search.js';
import { createFactIndex } from './fact-index.js';
import { defaultFactsDir, loadFacts, type Fact } from './facts.js';
import type { Entry, KnowledgeBase } from './types.js';

export type { Answer, AnswerContext, Entry, Hit, KnowledgeBase, Section, SourceLink } from './types.js';
export type { Fact } from './facts.js';

export interface LoadOptions {
  /** A directory of ikiwiki pages (.mdwn) to search beside the curated entries. */
  wikiDir?: string;
  /** Override the curated entry directory (tests). */
  entriesDir?: string;
  /** Override the facts directory (tests); null loads no facts. */
  factsDir?: string | null;
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

export function buildKnowledge(entries: Entry[], facts: Fact[] = []): KnowledgeBase {
  const known = new Set(entries.map((e) => e.id));
  const usable = facts.filter((f) => known.has(f.entry));
  const textsByEntry = new Map<string, string[]>();
  for (const f of usable) textsByEntry.set(f.entry, [...(textsByEntry.get(f.entry) ?? []), f.text]);
  const searcher = createSearcher(entries, textsByEntry);
  const answerer = createAnswerer(entries, searcher, createFactIndex(usable, entries));
  const byId = new Map(entries.map((e) => [e.id, e]));
  return {
    entries,
    facts: usable,
    get: (id) => byId.get(id),
    search: (query, limit) => searcher.search(String(query ?? ''), limit).map(({ entry, score, section }) => ({ entry, score, section })),
    answer: (question, ctx) => answerer.answer(question, ctx),
    knows: (word) => searcher.knownTerm(canonical(String(word ?? '').toLowerCase())),
  };
}

export function loadKnowledge(opts: LoadOptions = {}): KnowledgeBase {
  const curated = loadEntriesCached(opts.entriesDir ?? defaultEntriesDir());
  const wiki = opts.wikiDir ? loadWikiDir(opts.wikiDir) : [];
  const facts = opts.factsDir === null ? [] : opts.factsDir ? loadFacts(opts.factsDir) : loadFactsCached(defaultFactsDir());
  return buildKnowledge([...curated, ...wiki], facts);
}
