/**
 * Agreement with libxlu itself: verdicts and values recorded from a build of libxlu's grammar and
 * C helpers (see the fixture's `about`) on generated configs, good and broken.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig, type PlainValue } from '../../../rules/config/index.js';
import { SHARED } from '../../support/eval.js';

interface Recorded {
  source: string;
  ok: boolean;
  values?: Record<string, unknown>;
}

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/config/libxlu-verdicts.json', import.meta.url), 'utf8')) as { cases: Recorded[] };

/** libxlu stores every atom as text. */
const asText = (v: PlainValue): unknown => (Array.isArray(v) ? v.map(asText) : typeof v === 'number' ? String(v) : typeof v === 'object' ? v.number : v);

describe('libxlu verdicts on generated configs', () => {
  it('has a meaningful mix of accepted and rejected files', () => {
    expect(fixture.cases.length).toBeGreaterThan(1000);
    expect(fixture.cases.filter((c) => c.ok).length).toBeGreaterThan(100);
  });

  it('accepts and rejects exactly what libxlu does, with the same values', () => {
    const disagreements: string[] = [];
    for (const c of fixture.cases) {
      const cfg = parseConfig(c.source);
      if (cfg.xl.ok !== c.ok) {
        disagreements.push(`${JSON.stringify(c.source)}: libxlu ${c.ok}, ours ${cfg.xl.ok} ${cfg.xl.error?.message ?? ''}`);
        continue;
      }
      if (!c.ok) continue;
      const ours = Object.fromEntries(Object.entries(cfg.valuesByDialect?.xl ?? {}).map(([k, v]) => [k, asText(v)]));
      try {
        expect(ours).toEqual(c.values);
      } catch {
        disagreements.push(`${JSON.stringify(c.source)}: values ${JSON.stringify(c.values)} vs ${JSON.stringify(ours)}`);
      }
    }
    expect(disagreements).toEqual([]);
  });
});

describe('libxlu on the third-party corpus', () => {
  const recorded = JSON.parse(readFileSync(new URL('../../fixtures/config/libxlu-corpus.json', import.meta.url), 'utf8')) as {
    files: Record<string, { ok: boolean; values?: Record<string, unknown> }>;
  };

  it('gives every corpus file libxlu\'s verdict and, when accepted, libxlu\'s values', () => {
    const names = Object.keys(recorded.files);
    expect(names.length).toBeGreaterThanOrEqual(100);
    for (const name of names) {
      const want = recorded.files[name];
      const cfg = parseConfig(readFileSync(`${SHARED}/corpus/configs/${name}`, 'utf8'));
      expect(cfg.xl.ok, name).toBe(want?.ok);
      if (want?.ok) {
        const ours = Object.fromEntries(Object.entries(cfg.valuesByDialect?.xl ?? {}).map(([k, v]) => [k, asText(v)]));
        expect(ours, name).toEqual(want.values);
      }
    }
  });
});
