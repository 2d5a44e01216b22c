/**
 * Agreement with libxlu itself: verdicts and values recorded from a build of libxlu's grammar and
 * C helpers (see the fixture's `about`) on generated configs, good and broken.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig, type PlainValue } from '../../../rules/config/index.js';

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
