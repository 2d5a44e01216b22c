/**
 * A build-time cache of the parsed entries. Parsing the Markdown and its YAML front matter costs more than
 * building the search index, so `npm run build` stores the parsed entries beside the compiled module, keyed
 * by a hash of the entry files; a cache that does not match the files on disk is ignored.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEntries } from './load.js';
import type { Entry } from './types.js';
import { defaultFactsDir, loadFacts, type Fact } from './facts.js';

interface CacheFile {
  hash: string;
  entries: Entry[];
  /** The fact units, parsed (optional: a cache written before facts existed has none). */
  facts?: Fact[];
  factsHash?: string;
}

export function defaultCachePath(): string {
  return join(dirname(fileURLToPath(import.meta.url)), 'entries.cache.json');
}

/** Hash of the entry files' names and contents: cheap next to parsing them. */
export function entriesHash(dir: string, ext = '.md'): string {
  const h = createHash('sha256');
  if (!existsSync(dir)) return h.digest('hex');
  for (const f of readdirSync(dir).filter((x) => x.endsWith(ext)).sort()) {
    h.update(f).update('\0').update(readFileSync(join(dir, f))).update('\0');
  }
  return h.digest('hex');
}

export function writeEntriesCache(dir: string, path = defaultCachePath(), factsDir = defaultFactsDir()): { path: string; entries: number; facts: number } {
  const entries = loadEntries(dir);
  const facts = loadFacts(factsDir);
  const file: CacheFile = { hash: entriesHash(dir), entries, facts, factsHash: entriesHash(factsDir, '.yaml') };
  writeFileSync(path, JSON.stringify(file));
  return { path, entries: entries.length, facts: facts.length };
}

/** The facts of `dir` (knowledge/facts), from the same cache file when it matches the files, parsed otherwise. */
export function loadFactsCached(dir = defaultFactsDir(), path = defaultCachePath()): Fact[] {
  if (existsSync(path)) {
    try {
      const file = JSON.parse(readFileSync(path, 'utf8')) as CacheFile;
      if (file.facts && file.factsHash === entriesHash(dir, '.yaml')) return file.facts;
    } catch {
      // a broken cache is only a slower start
    }
  }
  return loadFacts(dir);
}

/** The entries of `dir`, from the cache when it matches the files, parsed otherwise. */
export function loadEntriesCached(dir: string, path = defaultCachePath()): Entry[] {
  if (existsSync(path)) {
    try {
      const file = JSON.parse(readFileSync(path, 'utf8')) as CacheFile;
      if (file.hash === entriesHash(dir) && Array.isArray(file.entries)) return file.entries;
    } catch {
      // a broken cache is only a slower start
    }
  }
  return loadEntries(dir);
}
