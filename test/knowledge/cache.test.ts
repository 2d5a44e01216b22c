import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { entriesHash, loadEntriesCached, writeEntriesCache } from '../../knowledge/cache.js';
import { defaultEntriesDir } from '../../knowledge/index.js';
import { loadEntries } from '../../knowledge/load.js';

describe('the build-time entry cache', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'hxb-kcache-'));
  const dir = join(tmp, 'entries');
  cpSync(defaultEntriesDir(), dir, { recursive: true });
  const cache = join(tmp, 'entries.cache.json');

  it('gives exactly the parsed entries', () => {
    writeEntriesCache(dir, cache);
    expect(loadEntriesCached(dir, cache)).toEqual(loadEntries(dir));
  });

  it('is ignored as soon as an entry file changes', () => {
    writeEntriesCache(dir, cache);
    const before = entriesHash(dir);
    const file = join(dir, 'memory.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: "Changed title"'));
    expect(entriesHash(dir)).not.toBe(before);
    expect(loadEntriesCached(dir, cache).find((e) => e.id === 'memory')?.title).toBe('Changed title');
  });

  it('falls back to parsing when the cache is broken', () => {
    writeFileSync(cache, '{not json');
    expect(loadEntriesCached(dir, cache).length).toBe(loadEntries(dir).length);
  });
});
