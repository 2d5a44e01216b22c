/**
 * Whether a word is an ordinary English word, so the typo corrector leaves it alone: "apart" is not a typo of
 * "part", nor "forth" of "fourth", nor "main" of "gain" (issue 12: real words read as typos sent questions to the
 * wrong fact). The list is word-list's (~274,000 lowercase words, one a line, sorted). It is kept as the one string
 * it is plus the offsets of its lines (no set of 274,000 strings) and searched by bisection: O(log n) per word.
 */
import { readFileSync } from 'node:fs';
import wordListPath from 'word-list';

interface WordList {
  text: string;
  /** Offset of each line's first character, and one past the last line's end. */
  starts: Int32Array;
}

let list: WordList | undefined;

function load(): WordList {
  let text = '';
  try {
    text = readFileSync(wordListPath, 'utf8');
  } catch {
    // Without the list every word may be a typo again, as before: answers degrade, nothing breaks.
  }
  let count = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) count++;
  const starts = new Int32Array(count + 2);
  let n = 0;
  starts[n++] = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts[n++] = i + 1;
  if (starts[n - 1] !== text.length) starts[n++] = text.length + 1;
  return { text, starts: starts.subarray(0, n) };
}

export function isEnglishWord(word: string): boolean {
  if (word === '' || word.length > 40 || /[^a-z]/.test(word)) return false;
  list ??= load();
  const { text, starts } = list;
  // Lines 0 .. starts.length - 2; line i is text[starts[i], starts[i + 1] - 1).
  // (the list is sorted but for two pairs, manlily/manlihood and sharrows/sharrowed: a neighbour of theirs may be
  // missed, which only lets the corrector try that word)
  let lo = 0;
  let hi = starts.length - 2;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const line = text.slice(starts[mid]!, starts[mid + 1]! - 1);
    if (line === word) return true;
    if (line < word) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Reads the list now (start-up warm-up), so the first question does not pay for it. */
export function loadEnglishWords(): void {
  list ??= load();
}
