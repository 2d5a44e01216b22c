import { check } from 'recheck';
import { describe, expect, it } from 'vitest';
import * as patterns from '../../rules/patterns/index.js';

const regexes = Object.entries(patterns).filter((e): e is [string, RegExp] => e[1] instanceof RegExp);

describe('rule patterns', () => {
  it('exports the config and log patterns', () => {
    expect(regexes.length).toBeGreaterThan(40);
  });

  it.each(regexes.map(([name, re]) => [name, re] as const))('%s has no catastrophic backtracking', async (_name, re) => {
    const result = await check(re.source, re.flags);
    expect(result.status, JSON.stringify(result)).toBe('safe');
  }, 60_000);
});
