/**
 * A Python tokenizer for xm configs (xm executed them with Python 2; Python 3 rules are used where
 * the two agree, and Python-2-only forms are accepted with a `python2-only-syntax` warning).
 * It never evaluates anything. It mirrors CPython's tokenizer limits: 200 nested brackets,
 * 100 indentation levels, no NUL bytes.
 */
import type { LineIndex } from '../text.js';
import { PySyntaxError, type PyWarning } from './errors.js';
import { decodePyEscapes } from './escapes.js';

export type PyTokType = 'NAME' | 'NUMBER' | 'STRING' | 'OP' | 'NEWLINE' | 'INDENT' | 'DEDENT' | 'ENDMARKER';

export interface PyToken {
  type: PyTokType;
  start: number;
  end: number;
  text: string;
  /** STRING: decoded value when it is a plain str literal (not bytes/f-string/\N{...}). */
  str?: string;
  /** STRING: prefix letters (lower case) and quote, e.g. 'r' and '"""'. */
  prefix?: string;
  quote?: string;
  /** NUMBER: numeric value (integers beyond 2^53 keep their decimal text in bigText). */
  num?: number;
  bigText?: string;
  isFloat?: boolean;
  /** STRING: a bad escape; CPython raises it when the parser builds the constant, not while tokenizing. */
  escapeError?: { message: string; offset: number };
}

export interface PyTokenized {
  tokens: PyToken[];
  warnings: PyWarning[];
}

const MAX_NESTING = 200;
const MAX_INDENT = 100;
const OPERATORS = [
  '**=', '//=', '>>=', '<<=', '...', '!=', '<>', '->', ':=', '**', '//', '>>', '<<', '<=', '>=', '==',
  '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@=',
  '+', '-', '*', '/', '%', '&', '|', '^', '~', '<', '>', '(', ')', '[', ']', '{', '}', ',', ':', ';', '.', '=', '@', '`',
];
/** Sticky number patterns, tried in order at the current offset (no slicing of the source). */
const NUMBER_PATTERNS = [
  /0[xX](?:_?[0-9a-fA-F])+[lL]?/y,
  /0[oO](?:_?[0-7])+/y,
  /0[bB](?:_?[01])+/y,
  /(?:[0-9](?:_?[0-9])*\.(?:[0-9](?:_?[0-9])*)?|\.[0-9](?:_?[0-9])*|[0-9](?:_?[0-9])*)(?:[eE][+-]?[0-9](?:_?[0-9])*)?[jJlL]?/y,
];
/** Operators grouped by first character, longest first. */
const OPERATORS_BY_CHAR = new Map<string, string[]>();
const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

for (const op of OPERATORS) {
  const list = OPERATORS_BY_CHAR.get(op[0] ?? '') ?? [];
  list.push(op);
  OPERATORS_BY_CHAR.set(op[0] ?? '', list);
}

const ID_START = /[\p{L}\p{Nl}_]/u;
const ID_CONT = /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}_]/u;
const STRING_PREFIX = /^(r|u|b|br|rb|f|fr|rf|ur)$/i;

const isAsciiIdStart = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const isAsciiIdCont = (c: number): boolean => isAsciiIdStart(c) || (c >= 48 && c <= 57);

function codePointAt(text: string, i: number): string {
  const cp = text.codePointAt(i) ?? 0;
  return String.fromCodePoint(cp);
}

/** Tokenizes Python source; throws PySyntaxError on what CPython's tokenizer rejects. */
export function tokenizePython(text: string, lines: LineIndex): PyTokenized {
  const tokens: PyToken[] = [];
  try {
    return tokenizeInto(tokens, text, lines);
  } catch (e) {
    if (e instanceof PySyntaxError) {
      e.partial = tokens;
      e.stage = 'tokenize';
    }
    throw e;
  }
}

function tokenizeInto(tokens: PyToken[], text: string, lines: LineIndex): PyTokenized {
  const warnings: PyTokenized['warnings'] = [];
  const brackets: { ch: string; offset: number }[] = [];
  const indents: number[] = [0];
  /** Indentation measured with tab size 1: CPython 3 raises TabError when the two measures disagree. */
  const altIndents: number[] = [0];
  let tabWarned = false;
  const tabWarning = (offset: number): void => {
    if (tabWarned) return;
    tabWarned = true;
    warnings.push({ message: 'inconsistent use of tabs and spaces in indentation: Python 3 raises TabError (Python 2 accepted it)', offset, code: 'python2-only-syntax' });
  };
  let i = 0;
  let atLineStart = true;
  let lineHasTokens = false;

  const nul = text.indexOf('\0');
  if (nul >= 0) throw new PySyntaxError('source code string cannot contain null bytes', nul, 'nul-byte');
  // Python 2 (which xm ran) rejects non-ASCII source unless line 1 or 2 declares an encoding (PEP 263).
  const nonAscii = text.search(/[^\x00-\x7f]/);
  if (nonAscii >= 0) {
    const firstTwo = text.split('\n', 2).join('\n');
    if (!/^[ \t\f]*#.*?coding[:=][ \t]*[-\w.]+/m.test(firstTwo)) {
      warnings.push({
        message: 'non-ASCII character but no coding declaration: Python 2, which xm ran, rejects the file (add "# -*- coding: utf-8 -*-" as line 1)',
        offset: nonAscii,
        code: 'python2-non-ascii',
      });
    }
  }

  /** INDENT/DEDENT tokens sit at the first real token of their line (after any continuation). */
  let pendingIndents: PyToken[] = [];
  const push = (type: PyTokType, start: number, end: number, extra: Partial<PyToken> = {}): void => {
    for (const t of pendingIndents) t.start = t.end = start;
    pendingIndents = [];
    tokens.push({ type, start, end, text: text.slice(start, end), ...extra });
    lineHasTokens = true;
  };

  while (i <= text.length) {
    if (atLineStart && brackets.length === 0) {
      // Measure indentation; blank and comment-only lines produce no tokens.
      let col = 0;
      let alt = 0;
      let j = i;
      for (; j < text.length; j++) {
        const ch = text[j];
        if (ch === ' ') {
          col++;
          alt++;
        } else if (ch === '\t') {
          col = (Math.floor(col / 8) + 1) * 8;
          alt++;
        } else if (ch === '\f') {
          col = 0;
          alt = 0;
        } else break;
      }
      const ch = text[j];
      if (j >= text.length || ch === '#' || ch === '\n' || ch === '\r') {
        // Skip to the end of the line.
        let k = j;
        while (k < text.length && text[k] !== '\n' && text[k] !== '\r') k++;
        if (k >= text.length) {
          i = text.length;
          break;
        }
        i = k + (text[k] === '\r' && text[k + 1] === '\n' ? 2 : 1);
        continue;
      }
      const top = indents[indents.length - 1] ?? 0;
      const altTop = altIndents[altIndents.length - 1] ?? 0;
      if (col === top) {
        if (alt !== altTop) tabWarning(j);
      } else if (col > top) {
        if (indents.length >= MAX_INDENT) throw new PySyntaxError('too many levels of indentation', j, 'indentation');
        if (alt <= altTop) tabWarning(j);
        indents.push(col);
        altIndents.push(alt);
        const indent: PyToken = { type: 'INDENT', start: j, end: j, text: '' };
        tokens.push(indent);
        pendingIndents.push(indent);
      } else {
        while (col < (indents[indents.length - 1] ?? 0)) {
          indents.pop();
          altIndents.pop();
          tokens.push({ type: 'DEDENT', start: j, end: j, text: '' });
        }
        if (col !== (indents[indents.length - 1] ?? 0)) {
          throw new PySyntaxError('unindent does not match any outer indentation level', j, 'indentation');
        }
        if (alt !== (altIndents[altIndents.length - 1] ?? 0)) tabWarning(j);
      }
      i = j;
      atLineStart = false;
      lineHasTokens = false;
    }
    if (i >= text.length) break;
    const c = text.charCodeAt(i);
    const ch = text[i] ?? '';

    if (ch === ' ' || ch === '\t' || ch === '\f') {
      i++;
      continue;
    }
    if (ch === '#') {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
      continue;
    }
    if (ch === '\n' || ch === '\r') {
      const len = ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      if (brackets.length === 0) {
        if (lineHasTokens) tokens.push({ type: 'NEWLINE', start: i, end: i + len, text: text.slice(i, i + len) });
        atLineStart = true;
        lineHasTokens = false;
      }
      i += len;
      continue;
    }
    if (ch === '\\') {
      const nx = text[i + 1];
      if (nx === '\n' || nx === '\r') {
        i += nx === '\r' && text[i + 2] === '\n' ? 3 : 2;
        if (i >= text.length) throw new PySyntaxError('unexpected EOF while parsing', i, 'unexpected-eof');
        continue;
      }
      if (nx === undefined) throw new PySyntaxError('unexpected EOF while parsing', i, 'unexpected-eof');
      throw new PySyntaxError('unexpected character after line continuation character', i, 'syntax');
    }

    // Names and string prefixes.
    if (isAsciiIdStart(c) || (c > 127 && ID_START.test(codePointAt(text, i)))) {
      let j = i + 1;
      while (j < text.length) {
        const cj = text.charCodeAt(j);
        if (isAsciiIdCont(cj)) j++;
        else if (cj > 127 && ID_CONT.test(codePointAt(text, j))) j += codePointAt(text, j).length;
        else break;
      }
      const word = text.slice(i, j);
      const next = text[j];
      if ((next === '"' || next === "'") && STRING_PREFIX.test(word)) {
        i = readString(j, word.toLowerCase(), i);
        continue;
      }
      push('NAME', i, j);
      i = j;
      continue;
    }
    if (ch === '"' || ch === "'") {
      i = readString(i, '', i);
      continue;
    }
    if ((c >= 48 && c <= 57) || (ch === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      i = readNumber(i);
      continue;
    }
    const op = OPERATORS_BY_CHAR.get(ch)?.find((o) => text.startsWith(o, i));
    if (op) {
      if (op === '<>' || op === '`') warnings.push({ message: `'${op}' is Python 2 only syntax`, offset: i, code: 'python2-only-syntax' });
      if (op === '(' || op === '[' || op === '{') {
        if (brackets.length >= MAX_NESTING) throw new PySyntaxError('too many nested parentheses', i, 'too-deep');
        brackets.push({ ch: op, offset: i });
      } else if (op === ')' || op === ']' || op === '}') {
        const open = brackets.pop();
        if (!open) throw new PySyntaxError(`unmatched '${op}'`, i, 'unbalanced-bracket');
        if (open.ch !== CLOSERS[op]) {
          const l1 = lines.line(open.offset);
          const l2 = lines.line(i);
          throw new PySyntaxError(
            `closing parenthesis '${op}' does not match opening parenthesis '${open.ch}'${l1 !== l2 ? ` on line ${l1}` : ''}`,
            i,
            'unbalanced-bracket',
          );
        }
      }
      push('OP', i, i + op.length);
      i += op.length;
      continue;
    }
    const bad = codePointAt(text, i);
    const u = `U+${(bad.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
    throw new PySyntaxError(`invalid character '${bad}' (${u})`, i, ch === '$' || ch === '?' || ch === '!' ? 'syntax' : 'invalid-character');
  }

  if (brackets.length > 0) {
    const open = brackets[brackets.length - 1];
    throw new PySyntaxError(`'${open?.ch ?? '('}' was never closed`, open?.offset ?? text.length, 'unbalanced-bracket');
  }
  if (lineHasTokens && tokens.length > 0 && tokens[tokens.length - 1]?.type !== 'NEWLINE') {
    tokens.push({ type: 'NEWLINE', start: text.length, end: text.length, text: '' });
  }
  while (indents.length > 1) {
    indents.pop();
    tokens.push({ type: 'DEDENT', start: text.length, end: text.length, text: '' });
  }
  tokens.push({ type: 'ENDMARKER', start: text.length, end: text.length, text: '' });
  return { tokens, warnings };

  function readString(q: number, prefix: string, start: number): number {
    const quoteCh = text[q] ?? '"';
    const triple = text.startsWith(quoteCh.repeat(3), q);
    const quote = triple ? quoteCh.repeat(3) : quoteCh;
    const raw = prefix.includes('r');
    let j = q + quote.length;
    for (;;) {
      if (j >= text.length) {
        throw new PySyntaxError(
          triple ? 'unterminated triple-quoted string literal' : 'unterminated string literal',
          start,
          'unterminated-string',
        );
      }
      const cj = text[j];
      if (cj === '\\') {
        j += text[j + 1] === '\r' && text[j + 2] === '\n' ? 3 : 2;
        continue;
      }
      if (!triple && (cj === '\n' || cj === '\r')) {
        throw new PySyntaxError(`unterminated string literal (detected at line ${lines.line(start)})`, start, 'unterminated-string');
      }
      if (text.startsWith(quote, j)) break;
      j++;
    }
    const end = j + quote.length;
    if (prefix === 'ur') warnings.push({ message: "the 'ur' string prefix is Python 2 only syntax", offset: start, code: 'python2-only-syntax' });
    const bodyStart = q + quote.length;
    let body = text.slice(bodyStart, j);
    // Python reads files with universal newlines: a CRLF inside a triple-quoted string is one '\n'.
    if (triple) body = body.replace(/\r\n?/g, '\n');
    let str: string | undefined;
    let escapeError: PyToken['escapeError'];
    if (!prefix.includes('b') && !prefix.includes('f')) {
      try {
        str = raw ? body : decodePyEscapes(body, bodyStart);
      } catch (e) {
        if (!(e instanceof PySyntaxError)) throw e;
        escapeError = { message: e.message, offset: e.offset };
      }
    }
    push('STRING', start, end, { prefix, quote, ...(str !== undefined ? { str } : {}), ...(escapeError ? { escapeError } : {}) });
    return end;
  }

  function readNumber(start: number): number {
    // Fast path: a plain decimal integer (the common case in configs).
    let k = start;
    while (k < text.length && text.charCodeAt(k) >= 48 && text.charCodeAt(k) <= 57) k++;
    const after = text[k] ?? '';
    const special = after !== '' && '.eEjJlLxXoObB_'.includes(after);
    const leadingZero = text[start] === '0' && k - start > 1;
    if (k > start && k - start < 16 && !special && !leadingZero) {
      if (after === '' || !isAsciiIdCont(text.charCodeAt(k)) || /^(and|else|for|i[fns]|or|not)/.test(text.slice(k, k + 4))) {
        push('NUMBER', start, k, { num: Number(text.slice(start, k)) });
        return k;
      }
    }
    let m: RegExpExecArray | null = null;
    for (const re of NUMBER_PATTERNS) {
      re.lastIndex = start;
      m = re.exec(text);
      if (m) break;
    }
    let tok = m ? m[0] : (text[start] ?? '0');
    const end = start + tok.length;
    // CPython 3.11 verify_end_of_number: a keyword that can follow a number (1if x else y) is let
    // through; any other identifier character right after a number is an error.
    if (end < text.length && isAsciiIdCont(text.charCodeAt(end)) && !/^(and|else|for|i[fns]|or|not)/.test(text.slice(end, end + 4))) {
      throw new PySyntaxError('invalid decimal literal', start, 'invalid-number');
    }
    const lower = tok.toLowerCase();
    const extra: Partial<PyToken> = {};
    if (lower.endsWith('l')) {
      warnings.push({ message: 'the L suffix on integers is Python 2 only syntax', offset: start, code: 'python2-only-syntax' });
      tok = tok.slice(0, -1);
    }
    const clean = tok.replace(/_/g, '');
    const lc = clean.toLowerCase();
    if (lc.endsWith('j')) {
      extra.isFloat = true;
    } else if (/^0[xob]/.test(lc)) {
      setInt(extra, BigInt(clean));
    } else if (/[.e]/.test(lc)) {
      extra.isFloat = true;
      extra.num = Number(clean);
    } else if (/^0[0-9]+$/.test(lc) && !/^0+$/.test(lc)) {
      if (/[89]/.test(lc)) throw new PySyntaxError('invalid digit in octal literal', start, 'invalid-number');
      warnings.push({
        message: `leading zeros in decimal integer literals are not permitted in Python 3; Python 2 reads ${tok} as octal`,
        offset: start,
        code: 'number-leading-zero',
      });
      setInt(extra, BigInt(`0o${lc.slice(1)}`));
    } else {
      setInt(extra, BigInt(clean));
    }
    push('NUMBER', start, end, extra);
    return end;
  }
}

function setInt(extra: Partial<PyToken>, v: bigint): void {
  if (v <= BigInt(Number.MAX_SAFE_INTEGER)) extra.num = Number(v);
  else extra.bigText = v.toString();
}
