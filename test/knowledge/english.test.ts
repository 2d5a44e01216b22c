/**
 * The typo corrector leaves English words alone (issue 12, session 5): "apart" was read as "part", "forth" as
 * "fourth", "main" as "gain", and the question went to a fact about something else. Misspellings are still
 * corrected.
 */
import { describe, expect, it } from 'vitest';
import { isEnglishWord } from '../../knowledge/english.js';
import { defaultEntriesDir } from '../../knowledge/index.js';
import { loadEntries } from '../../knowledge/load.js';
import { createSearcher } from '../../knowledge/search.js';

describe('isEnglishWord', () => {
  it('knows ordinary words, from the first to the last of the list', () => {
    for (const w of ['aa', 'apart', 'forth', 'main', 'time', 'zebra', 'zzzs']) expect(isEnglishWord(w), w).toBe(true);
  });

  it('does not know misspellings, the domain words or anything that is not a lowercase word', () => {
    for (const w of ['kernal', 'memmory', 'hurd', 'gnumach', 'xend', '', 'Apart', 'e2fsck', 'x'.repeat(41)]) expect(isEnglishWord(w), w).toBe(false);
  });
});

describe('typo correction of query words', () => {
  const searcher = createSearcher(loadEntries(defaultEntriesDir()));

  it('keeps an English word the vocabulary does not know as it is', () => {
    const q = searcher.queryTerms('apart from crosshurd, is there another way back and forth');
    expect(q.set.has('apart')).toBe(true);
    expect(q.set.has('part')).toBe(false);
    expect(q.set.has('forth')).toBe(true);
  });

  it('still corrects a misspelt word into the one the vocabulary knows', () => {
    const q = searcher.queryTerms('which ramdsik and brigde for the hurd netwrok');
    expect([...q.set]).toEqual(expect.arrayContaining(['ramdisk', 'bridg', 'network']));
    expect(q.set.has('ramdsik')).toBe(false);
  });
});
