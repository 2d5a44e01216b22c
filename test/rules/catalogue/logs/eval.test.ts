/**
 * Every example paste of the shared evaluation set goes through the real engine (diagnoseLog)
 * and must get the diagnosis its manifest asks for, said in the bot's own words.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnoseLog } from '../../../../rules/engine.js';
import type { Finding } from '../../../../rules/types.js';
import { getRule } from '../../../../rules/engine.js';
import { SHARED } from '../../../support/eval.js';

const EVAL_DIR = `${SHARED}/eval/logs`;

interface ManifestEntry {
  file: string;
  family: string;
  toolstack: string;
  mustMention: string[][];
  mustNotClaim?: string[];
}

const manifest = JSON.parse(readFileSync(join(EVAL_DIR, 'manifest.json'), 'utf8')) as ManifestEntry[];

/** The reply's own words: finding messages, advice and rule titles, with whole lines of the paste removed. */
export function ownWords(findings: Finding[], paste: string): string {
  let text = findings
    .map((f) => [f.message, f.advice ?? '', getRule(f.rule)?.meta.title ?? ''].join('\n'))
    .join('\n');
  const quotedLines = paste
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length >= 12)
    .sort((a, b) => b.length - a.length);
  for (const line of quotedLines) text = text.split(line).join(' ');
  return text.toLowerCase();
}

describe('eval logs through diagnoseLog', () => {
  it.each(manifest.filter((m) => m.mustMention.length > 0).map((m) => [m.file, m] as const))('%s gets the expected diagnosis', (_file, entry) => {
    const paste = readFileSync(join(EVAL_DIR, entry.file), 'utf8');
    const { findings, recognised } = diagnoseLog(paste);
    expect(recognised).toBe(true);
    expect(findings.some((f) => f.severity === 'error' || f.severity === 'warning')).toBe(true);
    const words = ownWords(findings, paste);
    for (const alternatives of entry.mustMention) {
      expect(
        alternatives.some((a) => words.includes(a.toLowerCase())),
        `one of ${JSON.stringify(alternatives)} in: ${words}`,
      ).toBe(true);
    }
  });

  it.each(manifest.filter((m) => m.mustNotClaim).map((m) => [m.file, m] as const))('%s gets no error or warning', (_file, entry) => {
    const paste = readFileSync(join(EVAL_DIR, entry.file), 'utf8');
    const { findings } = diagnoseLog(paste);
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });
});
