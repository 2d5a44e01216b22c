import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../knowledge/index.js';
import { canonical, editDistance, stem, terms } from '../../knowledge/normalize.js';
import { SHARED } from '../support/eval.js';

const kb = loadKnowledge();
const withWiki = loadKnowledge({ wikiDir: `${SHARED}/reference/wiki` });
const top = (q: string, base = kb) => base.search(q, 3)[0]?.entry.id;

describe('normalisation', () => {
  it('maps synonyms and inflections to one term', () => {
    expect(canonical('RAM'.toLowerCase())).toBe(canonical('memory'));
    expect(canonical('nic')).toBe(canonical('network'));
    expect(canonical('networking')).toBe(canonical('network'));
    expect(canonical('hdd')).toBe(canonical('disk'));
    expect(canonical('guest')).toBe(canonical('domu'));
    expect(stem('modules')).toBe(stem('module'));
    expect(stem('caching')).toBe(stem('cache'));
  });

  it('keeps compounds whole and joins dashed words', () => {
    const t = terms('Boot with pv-grub, root=device:hd0 and non-PAE xen-3.0-x86_32!');
    expect(t.set).toContain('pvgrub');
    expect(t.set).toContain(canonical('nonpae'));
    expect(t.set).toContain('hd0');
    expect(t.set).toContain('3.0');
    expect(t.sequence).not.toContain('with');
  });

  it('drops stop words, single letters and tiny numbers, keeps meaningful numbers', () => {
    const t = terms('what is 2 + 2 and is 580 ok for a');
    expect([...t.set]).toEqual(['580']);
  });

  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('memroy', 'memory', 1)).toBe(1);
    expect(editDistance('kernal', 'kernel', 1)).toBe(1);
    expect(editDistance('abc', 'xyz', 1)).toBe(2);
  });
});

describe('ranking', () => {
  it('finds the topic of plain questions', () => {
    expect(top('how much ram for the hurd guest')).toBe('memory');
    expect(top('mke2fs options for a hurd partition')).toBe('partition-filesystem');
    expect(top('how do i use pv-grub with the hurd')).toBe('pv-grub');
    expect(top('where are the gnumach xen binaries')).toBe('getting-images');
    expect(top('what bridge for the hurd nic')).toBe('networking');
  });

  it('forgives typos, even one that an entry happens to quote', () => {
    expect(top('how much memroy for the hurd')).toBe('memory');
    expect(top('kernal line for the hurd')).toBe('kernel');
    expect(top('netwrok bridge setup for hurd domu')).toBe('networking');
  });

  it('finds the error entry for a pasted error line', () => {
    expect(top("Error: (2, 'Invalid kernel', 'xc_dom_compat_check: guest type xen-3.0-x86_32 not supported by xen kernel, sorry\\n')")).toBe('error-pae-mismatch');
    expect(top('Error: Device 0 (vif) could not be connected. Hotplug scripts not working.')).toBe('error-vif-hotplug');
    expect(top('Error: Unable to connect to xend: Connection refused. Is xend running?')).toBe('error-xend');
    expect(top('xc_dom_find_loader: no loader found')).toBe('error-not-xen-kernel');
  });

  it("answers nearly every entry's own example questions with that entry, in plain short lines", () => {
    let asked = 0;
    let found = 0;
    for (const e of kb.entries) {
      for (const q of e.questions) {
        asked++;
        const a = kb.answer(q);
        if (a.topic === e.id) found++;
        for (const l of [...a.lines, ...a.more]) {
          expect(l.length, l).toBeLessThanOrEqual(380);
          expect(l, `${e.id}: ${l}`).not.toMatch(/`|\*\*|\]\(/);
        }
      }
    }
    // facts now answer some generic example questions from a neighbouring topic (by design: the fact holds the
    // asked value), and known words are matched exactly instead of by Fuse (issue 14): 87 %, was 90 % (session 6:
    // quoted values and whole-question facts answer a few from the fact's topic)
    expect(found / asked).toBeGreaterThanOrEqual(0.87);
  });

  it('ranks curated entries above wiki pages on the same subject', () => {
    const hits = withWiki.search('how do i give my hurd guest a fixed mac address', 5);
    expect(hits[0]?.entry.origin).toBe('curated');
    expect(hits.some((h) => h.entry.origin === 'wiki')).toBe(true);
  });

  it('finds wiki-only knowledge when the wiki is loaded', () => {
    const hit = withWiki.search('zenhost dom0 hosting the public hurd boxes', 3)[0];
    expect(hit?.entry.id).toBe('wiki:public_hurd_boxen/zenhost');
  });

  it('scores in Fuse convention and returns the best section', () => {
    const hits = kb.search('what root= for an xvda disk', 5);
    expect(hits[0]!.score).toBeGreaterThanOrEqual(0);
    expect(hits[0]!.score).toBeLessThan(hits[hits.length - 1]!.score);
    expect(hits[0]!.entry.id).toBe('root-device');
  });

  it('is deterministic and survives hostile input', () => {
    expect(kb.search('hurd network bridge', 5)).toEqual(kb.search('hurd network bridge', 5));
    const garbage = [
      'a'.repeat(1_000_000),
      '\u0000\u0001\uFFFD'.repeat(10_000),
      '[[[[((((' .repeat(5000),
      'héllo wörld 日本語 😀 xen\r\nhurd\r\n',
      '-'.repeat(50_000) + 'x',
    ];
    for (const g of garbage) {
      const t0 = performance.now();
      expect(() => kb.search(g)).not.toThrow();
      expect(performance.now() - t0).toBeLessThan(1000);
    }
  });
});
