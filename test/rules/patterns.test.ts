import { check } from 'recheck';
import { describe, expect, it } from 'vitest';
import * as configPatterns from '../../rules/patterns/config.js';
import * as patterns from '../../rules/patterns/index.js';

const regexes = (mod: Record<string, unknown>) => Object.entries(mod).filter((e): e is [string, RegExp] => e[1] instanceof RegExp);
const all = regexes(patterns);

/** Long runs of the characters the config patterns care about. */
const pathological = [
  'a'.repeat(100_000),
  ' \t'.repeat(50_000),
  '0'.repeat(100_000),
  ':'.repeat(100_000),
  '00:'.repeat(30_000),
  '\\'.repeat(100_000),
  'device:hd0'.repeat(10_000),
  "'\"".repeat(50_000),
  'xen-3.0-x86_32'.repeat(7_000),
  '(hd0,'.repeat(20_000),
];

describe('rule patterns', () => {
  it('exports the config and log patterns through one index', () => {
    expect(regexes(configPatterns).length).toBeGreaterThan(40);
    for (const [name, re] of regexes(configPatterns)) expect((patterns as Record<string, unknown>)[name]).toBe(re);
  });

  it.each(all.map(([name, re]) => [name, re] as const))('%s has no catastrophic backtracking (recheck)', async (_name, re) => {
    const result = await check(re.source, re.flags, { timeout: 30_000 });
    expect(result.status, JSON.stringify(result).slice(0, 400)).toBe('safe');
  }, 90_000);

  it('the config patterns stay fast on long pathological input', () => {
    for (const [name, re] of regexes(configPatterns)) {
      for (const input of pathological) {
        const t0 = performance.now();
        re.lastIndex = 0;
        re.test(input);
        expect(performance.now() - t0, `${name} on ${input.slice(0, 12)}...`).toBeLessThan(200);
      }
    }
  });
});
