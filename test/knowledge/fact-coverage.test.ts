/**
 * Every documented fact is reachable (issue 12): each numbered fact of shared/reference/hurd-xen-facts.md and each
 * key of xen-config-keys.md has a fact unit (knowledge/facts), and a plain question in a user's words (the unit's
 * `asks`, never indexed for search) gets an answer that contains the unit's key term. A fact whose questions stop
 * reaching it fails here, by name.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKnowledge, type Fact } from '../../knowledge/index.js';
import { isGapFact } from '../../knowledge/fact-index.js';

const REFERENCE = join(import.meta.dirname, '..', '..', '..', 'shared', 'reference');
const hasReference = existsSync(join(REFERENCE, 'hurd-xen-facts.md'));
const kb = loadKnowledge();

/**
 * Facts whose own questions do not reach them yet (the ranking prefers another unit of the same topic, which
 * answers but without this unit's key term). Listed by id so that any other fact becoming unreachable fails the
 * test, and so that this list can only shrink: an entry here that is reachable again fails too.
 */
const NOT_YET_REACHED = new Set(
  readFileSync(join(import.meta.dirname, 'fact-coverage.pending.txt'), 'utf8')
    .split('\n')
    .map((l) => l.replace(/#.*/, '').trim())
    .filter(Boolean),
);

function reached(f: Fact): boolean {
  if (isGapFact(f)) return f.asks.some((q) => !kb.answer(q).answered);
  return f.asks.some((q) => {
    const a = kb.answer(q);
    const text = a.lines.join(' ').toLowerCase();
    return a.answered && f.terms.some((t) => text.includes(t.toLowerCase()));
  });
}

describe('fact coverage', () => {
  it.runIf(hasReference)('every numbered fact of hurd-xen-facts.md has a unit', () => {
    const text = readFileSync(join(REFERENCE, 'hurd-xen-facts.md'), 'utf8');
    const numbers = [...text.matchAll(/^(\d{1,3})\. /gm)].map((m) => Number(m[1]));
    expect(numbers.length).toBeGreaterThan(150);
    const covered = new Set(kb.facts.flatMap((f) => f.refs));
    expect(numbers.filter((n) => !covered.has(n))).toEqual([]);
  });

  it.runIf(hasReference)('every key of xen-config-keys.md has a unit', () => {
    const text = readFileSync(join(REFERENCE, 'xen-config-keys.md'), 'utf8');
    const section = (title: string) => text.slice(text.indexOf(title), text.indexOf('\n## ', text.indexOf(title) + 4));
    const firstColumn = (s: string) =>
      s
        .split('\n')
        .filter((l) => l.startsWith('| `'))
        .flatMap((l) => (l.split('|')[1] ?? '').split(/[,/]/))
        .map((k) => k.replace(/[`\s]/g, ''))
        .filter(Boolean);
    const keys = new Set(kb.facts.flatMap((f) => f.keys));
    const topLevel = firstColumn(section('## Top-level keys'));
    expect(topLevel.length).toBeGreaterThan(20);
    expect(topLevel.filter((k) => !keys.has(k))).toEqual([]);
    const vifKeys = firstColumn(section('## Network interface specification'));
    expect(vifKeys.filter((k) => !keys.has(`vif.${k}`))).toEqual([]);
    const diskFields = ['shape', 'target', 'format', 'vdev', 'mode', 'backend', 'partitions'];
    expect(diskFields.filter((k) => !keys.has(`disk.${k}`))).toEqual([]);
    for (const k of ['network-script', 'vif-script', 'dom0-min-mem', 'autoballoon', 'run_hotplug_scripts', 'pv=32', 'XENDOMAINS_AUTO']) expect(keys.has(k), k).toBe(true);
  });

  it('every unit has at least one question in a user\'s words, and its key terms are in its text', () => {
    for (const f of kb.facts) {
      expect(f.asks.length, f.id).toBeGreaterThan(0);
      for (const t of f.terms) expect(f.text.toLowerCase(), f.id).toContain(t.toLowerCase());
    }
  });

  it('a plain question reaches every fact: the answer carries its key term (a gap is declined)', () => {
    const unreached = kb.facts.filter((f) => !NOT_YET_REACHED.has(f.id) && !reached(f)).map((f) => `${f.id}: ${f.asks[0]} -> ${kb.answer(f.asks[0]!).lines[0] ?? 'declined'}`);
    expect(unreached).toEqual([]);
    const share = 1 - NOT_YET_REACHED.size / kb.facts.length;
    console.info(`fact coverage: ${kb.facts.length - NOT_YET_REACHED.size}/${kb.facts.length} units reached by their own questions (${(share * 100).toFixed(1)} %)`);
    expect(share).toBeGreaterThanOrEqual(0.8);
  });

  it('the pending list only shrinks: a listed fact that is reached again must leave the list', () => {
    const known = new Set(kb.facts.map((f) => f.id));
    const stale = [...NOT_YET_REACHED].filter((id) => !known.has(id) || reached(kb.facts.find((f) => f.id === id)!));
    expect(stale).toEqual([]);
  });
});
