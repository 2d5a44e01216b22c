import { checkSync } from 'recheck';
import { describe, expect, it } from 'vitest';
import { ASKS_WHEN, ASKS_WHERE, ERROR_LINE, FOLLOW_UP, HAS_DATE, HAS_PLACE } from '../../knowledge/answer.js';
import { GRUB_PARTITION, TOKEN_PATTERN } from '../../knowledge/normalize.js';

describe('patterns applied to user text', () => {
  it.each([
    ['TOKEN_PATTERN', TOKEN_PATTERN],
    ['FOLLOW_UP', FOLLOW_UP],
    ['ERROR_LINE', ERROR_LINE],
    ['GRUB_PARTITION', GRUB_PARTITION],
    ['ASKS_WHEN', ASKS_WHEN],
    ['ASKS_WHERE', ASKS_WHERE],
    ['HAS_DATE', HAS_DATE],
    ['HAS_PLACE', HAS_PLACE],
  ])('%s cannot backtrack catastrophically', (_name, re) => {
    expect(checkSync(re.source, re.flags).status).toBe('safe');
  });
});
