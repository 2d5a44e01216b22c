/**
 * Escape sequences of Python string literals: the decoded value of a non-raw str literal, and the
 * errors CPython raises for truncated \x, \u, \U escapes and code points beyond U+10FFFF.
 */
import { PySyntaxError } from './errors.js';

/** Decodes the body of a non-raw Python 3 str literal; undefined when it uses \N{...}. */
export function decodePyEscapes(body: string, bodyOffset: number): string | undefined {
  let out = '';
  let i = 0;
  while (i < body.length) {
    const c = body[i] ?? '';
    if (c !== '\\') {
      // Copy the run up to the next backslash in one piece.
      const next = body.indexOf('\\', i);
      const stop = next < 0 ? body.length : next;
      out += body.slice(i, stop);
      i = stop;
      continue;
    }
    const n = body[i + 1] ?? '';
    const simple: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\n': '' };
    if (n === '\r') {
      i += body[i + 2] === '\n' ? 3 : 2;
      continue;
    }
    const m = simple[n];
    if (m !== undefined) {
      out += m;
      i += 2;
      continue;
    }
    if (n >= '0' && n <= '7') {
      let j = i + 1;
      let digits = '';
      while (j < body.length && digits.length < 3 && (body[j] ?? '') >= '0' && (body[j] ?? '') <= '7') digits += body[j++];
      out += String.fromCodePoint(parseInt(digits, 8));
      i = j;
      continue;
    }
    const hexLen = n === 'x' ? 2 : n === 'u' ? 4 : n === 'U' ? 8 : 0;
    if (hexLen) {
      const hex = body.slice(i + 2, i + 2 + hexLen);
      if (hex.length !== hexLen || !/^[0-9a-fA-F]+$/.test(hex)) {
        throw new PySyntaxError(`(unicode error) truncated \\${n}${'X'.repeat(hexLen)} escape`, bodyOffset + i, 'string-escape');
      }
      const cp = parseInt(hex, 16);
      if (cp > 0x10ffff) throw new PySyntaxError('(unicode error) illegal Unicode character', bodyOffset + i, 'string-escape');
      out += String.fromCodePoint(cp);
      i += 2 + hexLen;
      continue;
    }
    if (n === 'N') return undefined;
    // Unknown escapes keep the backslash (Python warns, but accepts).
    out += c;
    i++;
  }
  return out;
}
