/**
 * The project's own pastes (test/fixtures/logs): other wordings and versions of the same
 * failures, lost newlines, IRC nick prefixes, mixed config + log pastes, and pastes that must
 * stay quiet. Each names exactly the rules it must trigger.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../../rules/config/index.js';
import { diagnoseLog } from '../../../../rules/engine.js';
import { unrecognisedErrorLines } from '../../../../rules/logs/parse.js';

const DIR = join(import.meta.dirname, '../../../fixtures/logs');

interface FixtureEntry {
  file: string;
  config?: string;
  rules: string[];
  mentions?: string[];
  unrecognised?: string[];
}

const manifest = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as FixtureEntry[];

describe('own log fixtures', () => {
  it('has at least 15 fixtures', () => {
    expect(manifest.length).toBeGreaterThanOrEqual(15);
  });

  it.each(manifest.map((m) => [m.file, m] as const))('%s', (_file, entry) => {
    const paste = readFileSync(join(DIR, entry.file), 'utf8');
    const config = entry.config ? parseConfig(readFileSync(join(DIR, entry.config), 'utf8')) : undefined;
    const { findings, events, recognised } = diagnoseLog(paste, config);
    expect([...new Set(findings.map((f) => f.rule))].sort()).toEqual([...entry.rules].sort());
    expect(recognised).toBe(entry.rules.length > 0);
    const words = findings.map((f) => `${f.message}\n${f.advice ?? ''}`).join('\n').toLowerCase();
    for (const m of entry.mentions ?? []) expect(words, `mentions "${m}"`).toContain(m.toLowerCase());
    if (entry.unrecognised) expect(unrecognisedErrorLines(events)).toEqual(entry.unrecognised);
  });
});
