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

interface CacheFile {
  hash: string;
  entries: Entry[];
}

export function defaultCachePath(): string {
  return join(dirname(fileURLToPath(import.meta.url)), 'entries.cache.json');
}

/** Hash of the entry files' names and contents: cheap next to parsing them. */
export function entriesHash(dir: string): string {
  const h = createHash('sha256');
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.md')).sort()) {
    h.update(f).update('\0').update(readFileSync(join(dir, f))).update('\0');
  }
  return h.digest('hex');
}

export function writeEntriesCache(dir: string, path = defaultCachePath()): { path: string; entries: number } {
  const entries = loadEntries(dir);
  const file: CacheFile = { hash: entriesHash(dir), entries };
  writeFileSync(path, JSON.stringify(file));
  return { path, entries: entries.length };
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
