import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from 'recheck';
import * as patterns from '../../../rules/patterns/logs.js';

/**
 * recheck's exact (automaton) analysis of all these patterns takes minutes on a busy 2-core
 * machine, so its verdicts are kept in logs.recheck.json, keyed by source and flags: a regex that
 * is new or changed is always analysed live. RECHECK_ALL=1 analyses every regex again;
 * RECHECK_UPDATE=1 rewrites the file from the live verdicts.
 */
const VERDICTS = join(import.meta.dirname, 'logs.recheck.json');
const cached: Record<string, string> = existsSync(VERDICTS) ? (JSON.parse(readFileSync(VERDICTS, 'utf8')) as Record<string, string>) : {};
const keyOf = (re: RegExp) => `/${re.source}/${re.flags}`;

const named = Object.entries(patterns).filter((entry): entry is [string, RegExp] => entry[1] instanceof RegExp);

/** Inputs that make backtracking regexes explode: long runs of the characters the patterns care about. */
const pathological = [
  'a'.repeat(100_000),
  ' '.repeat(100_000),
  '0'.repeat(100_000),
  '/'.repeat(100_000),
  'x:'.repeat(50_000),
  'Error: '.repeat(15_000),
  'libxl: error: '.repeat(8_000),
  '\t'.repeat(100_000),
  "'".repeat(100_000),
  'hd0'.repeat(33_000),
];

describe('rules/patterns/logs', () => {
  it('exports its regexes as named RegExp constants', () => {
    expect(named.length).toBeGreaterThan(40);
  });

  it('uses a recheck that does find catastrophic backtracking', async () => {
    expect((await check('^(a+)+$', '')).status).toBe('vulnerable');
  });

  // One at a time: recheck's checker is CPU-bound, and parallel checks on a busy 2-core machine
  // only turn into timeouts. A check that times out is retried once with a longer budget
  // (recheck's documented `timeout` option) rather than trusted to the fuzz checker.
  it('every regex is judged safe by recheck', async () => {
    const unsafe: { name: string; detail: string }[] = [];
    const verdicts: Record<string, string> = {};
    for (const [name, re] of named) {
      if (!process.env.RECHECK_ALL && cached[keyOf(re)] === 'safe') {
        verdicts[keyOf(re)] = 'safe';
        continue;
      }
      let diagnostics = await check(re.source, re.flags, { timeout: 30_000 });
      if (diagnostics.status === 'unknown') diagnostics = await check(re.source, re.flags, { timeout: 90_000 });
      verdicts[keyOf(re)] = diagnostics.status;
      if (diagnostics.status !== 'safe') unsafe.push({ name, detail: JSON.stringify(diagnostics).slice(0, 300) });
    }
    if (process.env.RECHECK_UPDATE) writeFileSync(VERDICTS, JSON.stringify(verdicts, null, 1) + '\n');
    expect(unsafe).toEqual([]);
  }, 900_000);

  it('every regex answers quickly on 100k-character pathological strings', () => {
    for (const [name, re] of named) {
      for (const input of pathological) {
        const started = performance.now();
        re.lastIndex = 0;
        if (re.global) input.replace(re, '\n');
        else re.test(input);
        const elapsed = performance.now() - started;
        expect(elapsed, `${name} on ${JSON.stringify(input.slice(0, 12))}…`).toBeLessThan(250);
      }
    }
  });
});
