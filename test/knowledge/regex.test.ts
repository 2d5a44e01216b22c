import { checkSync } from 'recheck';
import { describe, expect, it } from 'vitest';
import { ERROR_LINE, FOLLOW_UP } from '../../knowledge/answer.js';
import { ADDRESSEE_PATTERN, TOKEN_PATTERN } from '../../knowledge/normalize.js';

describe('patterns applied to user text', () => {
  it.each([
    ['TOKEN_PATTERN', TOKEN_PATTERN],
    ['ADDRESSEE_PATTERN', ADDRESSEE_PATTERN],
    ['FOLLOW_UP', FOLLOW_UP],
    ['ERROR_LINE', ERROR_LINE],
  ])('%s cannot backtrack catastrophically', (_name, re) => {
    expect(checkSync(re.source, re.flags).status).toBe('safe');
  });
});
