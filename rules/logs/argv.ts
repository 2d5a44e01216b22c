import { ENV_ASSIGNMENT_WORD } from '../patterns/logs.js';

/** Splits a pasted shell command line into words the way a POSIX shell would (quotes, backslashes), without expanding anything. */
export function splitArgv(line: string, maxWords = 200): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length && words.length < maxWords; i++) {
    const c = line[i] as string;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < line.length) current += line[++i];
      else current += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < line.length) {
      current += line[++i];
      inWord = true;
    } else if (c === ' ' || c === '\t') {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else if ((c === ';' || c === '|' || c === '&') && !inWord) {
      break;
    } else if (c === '#' && !inWord) {
      break;
    } else {
      current += c;
      inWord = true;
    }
  }
  if (inWord && words.length < maxWords) words.push(current);
  return words;
}

/** Wrappers that run the real program: `sudo xl create`, `time xm create`, `env X=1 xl ...`. */
export const WRAPPERS: ReadonlySet<string> = new Set(['sudo', 'doas', 'time', 'env', 'nice', 'nohup', 'exec', 'command']);

/** The argv of the program actually run, with wrappers and their options removed. */
export function unwrapArgv(argv: string[]): string[] {
  let i = 0;
  while (i < argv.length) {
    const word = argv[i] as string;
    const base = word.slice(word.lastIndexOf('/') + 1);
    if (WRAPPERS.has(base)) {
      i++;
      while (i < argv.length && ((argv[i] as string).startsWith('-') || ENV_ASSIGNMENT_WORD.test(argv[i] as string))) i++;
      continue;
    }
    break;
  }
  return argv.slice(i);
}

export function programName(word: string | undefined): string {
  if (!word) return '';
  return word.slice(word.lastIndexOf('/') + 1);
}
