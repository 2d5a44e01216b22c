/**
 * libxlu's config lexer (tools/libs/util/libxlu_cfg_l.l in xen.git) and its string unquoting
 * (xlu__cfgl_dequote in libxlu_cfg.c). The grammar that reads these tokens is in xl.ts.
 *
 * Lexer rules, in flex priority order (longest match first, then rule order):
 *   IDENT [a-z][._0-9a-z]*   NUMBER [0-9][0-9a-fx]*   [ \t] skipped   , [ ] += = ;
 *   NEWLINE  \n | #.*\n      STRING '([^'\\\n]|\\.)*'  "([^"\\\n]|\\.)*"
 *   [+-.():] "likely Python" then lexical error; any other char: lexical error.
 * In the lexer's error state the rest of the non-blank run is swallowed; a bad character that is the
 * very last byte of the input is dropped without an error (flex hits EOF in that state first).
 */

export type TokType = 'IDENT' | 'NUMBER' | 'STRING' | ',' | '[' | ']' | '+=' | '=' | ';' | 'NEWLINE' | 'EOF';

export interface Token {
  type: TokType;
  start: number;
  end: number;
  /** Dequoted value of a STRING. */
  value?: string;
}

/** An error as libxlu reports it: where, the message, the bot's error code and the text it was "near". */
export interface RawError {
  offset: number;
  message: string;
  code: string;
  near: string;
}

const isLower = (c: number): boolean => c >= 97 && c <= 122;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isIdentRest = (c: number): boolean => isLower(c) || isDigit(c) || c === 95 || c === 46;
const isNumberRest = (c: number): boolean => isDigit(c) || (c >= 97 && c <= 102) || c === 120;
const PYTHON_CHARS = new Set(['+', '-', '.', '(', ')', ':']);

/** Result of libxlu's xlu__cfgl_dequote on a whole quoted token. */
export interface Dequoted {
  value: string;
  error?: { message: string; offset: number };
}

/** C strtoul's notion of how many characters of `buf` form a number (whitespace and sign included). */
function strtoulLength(buf: string, base: 10 | 16): number {
  let i = 0;
  while (i < buf.length && ' \t\n\v\f\r'.includes(buf[i] ?? '')) i++;
  if (buf[i] === '+' || buf[i] === '-') i++;
  const digitsStart = i;
  if (base === 16 && buf[i] === '0' && (buf[i + 1] === 'x' || buf[i + 1] === 'X') && /[0-9a-fA-F]/.test(buf[i + 2] ?? '')) i += 2;
  while (i < buf.length && (base === 10 ? /[0-9]/ : /[0-9a-fA-F]/).test(buf[i] ?? '')) i++;
  return i === digitsStart ? 0 : i;
}

/**
 * libxlu's string unquoting, including its quirks: every \x escape is an error (its length check
 * can never pass), and \N (N octal digit) swallows the following decimal digits and stores nothing.
 */
export function xlDequote(token: string): Dequoted {
  let out = '';
  const end = token.length - 1;
  let p = 1;
  while (p < end) {
    const c = token[p] ?? '';
    if (c !== '\\') {
      const next = token.indexOf('\\', p);
      const stop = next < 0 || next > end ? end : next;
      out += token.slice(p, stop);
      p = stop;
      continue;
    }
    p++;
    const escAt = p - 1;
    const nc = token[p++] ?? '';
    const simple: Record<string, string> = { '"': '"', "'": "'", '\\': '\\', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
    const mapped = simple[nc];
    if (mapped !== undefined) {
      out += mapped;
    } else if (nc === 'x') {
      return { value: out, error: { message: 'invalid digit after backslash hex numerical character escape in quoted string', offset: escAt } };
    } else if (nc >= '0' && nc <= '7') {
      const consumed = strtoulLength(token.slice(p, p + 3), 10);
      if (consumed <= 1) {
        return { value: out, error: { message: 'invalid digit after backslash octal numerical character escape in quoted string', offset: escAt } };
      }
      p += consumed;
    } else {
      return { value: out, error: { message: 'invalid character after backlash in quoted string', offset: escAt } };
    }
  }
  return { value: out };
}

/** Scans a libxlu string token starting at a quote; returns its end, or -1 when the rule cannot match. */
function scanString(text: string, start: number): number {
  const q = text.charCodeAt(start);
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === q) return i + 1;
    if (c === 10) return -1;
    if (c === 92) {
      if (i + 1 >= text.length || text.charCodeAt(i + 1) === 10) return -1;
      i += 2;
      continue;
    }
    i++;
  }
  return -1;
}

/** The flex scanner: one token per next(); lexical errors are collected, not thrown. */
export class XlLexer {
  pos = 0;
  likelyPython = false;
  readonly errors: RawError[] = [];

  constructor(private readonly text: string) {}

  next(): Token {
    const t = this.text;
    for (;;) {
      if (this.pos >= t.length) return { type: 'EOF', start: t.length, end: t.length };
      const start = this.pos;
      const c = t.charCodeAt(start);
      const ch = t[start] ?? '';
      if (isLower(c)) {
        let i = start + 1;
        while (i < t.length && isIdentRest(t.charCodeAt(i))) i++;
        this.pos = i;
        return { type: 'IDENT', start, end: i };
      }
      if (isDigit(c)) {
        let i = start + 1;
        while (i < t.length && isNumberRest(t.charCodeAt(i))) i++;
        this.pos = i;
        return { type: 'NUMBER', start, end: i };
      }
      if (ch === ' ' || ch === '\t') {
        this.pos++;
        continue;
      }
      if (ch === ',' || ch === '[' || ch === ']' || ch === ';') {
        this.pos++;
        return { type: ch, start, end: start + 1 };
      }
      if (ch === '+' && t[start + 1] === '=') {
        this.pos += 2;
        return { type: '+=', start, end: start + 2 };
      }
      if (ch === '=') {
        this.pos++;
        return { type: '=', start, end: start + 1 };
      }
      if (ch === '\n') {
        this.pos++;
        return { type: 'NEWLINE', start, end: start + 1 };
      }
      if (ch === '#') {
        const nl = t.indexOf('\n', start);
        if (nl >= 0) {
          this.pos = nl + 1;
          return { type: 'NEWLINE', start, end: nl + 1 };
        }
      }
      if (ch === '"' || ch === "'") {
        const end = scanString(t, start);
        if (end >= 0) {
          this.pos = end;
          const dq = xlDequote(t.slice(start, end));
          if (dq.error) {
            this.errors.push({ offset: start + dq.error.offset, message: dq.error.message, code: 'string-escape', near: t.slice(start, end) });
          }
          return { type: 'STRING', start, end, value: dq.value };
        }
      }
      // Lexical error: the bad character plus the rest of its non-blank run (flex `lexerr` state).
      if (PYTHON_CHARS.has(ch)) this.likelyPython = true;
      let i = start + 1;
      if (i >= t.length && c < 0x80) {
        // flex reaches EOF in its error state and reports nothing. Only for a one-byte character:
        // libxlu reads UTF-8 bytes, so the rest of a multi-byte character still makes an error.
        this.pos = i;
        continue;
      }
      const nextCh = t[i];
      if (nextCh === '\n') {
        this.recordLexError(start, t.slice(start, i));
        this.pos = i + 1;
        return { type: 'NEWLINE', start: i, end: i + 1 };
      }
      if (nextCh === ' ' || nextCh === '\t') i++;
      else while (i < t.length && !' \t\n'.includes(t[i] ?? '')) i++;
      this.recordLexError(start, t.slice(start, i));
      this.pos = i;
    }
  }

  private recordLexError(offset: number, near: string): void {
    const bad = near[0] ?? '';
    let code = 'lexical';
    let hint = '';
    if (bad === '\r') {
      code = 'crlf-line-endings';
      hint = ' (carriage return: the file has CRLF line ends)';
    } else if (bad === '#') {
      code = 'comment-at-eof-without-newline';
      hint = ' (a # comment must end with a newline)';
    } else if (bad === '"' || bad === "'") {
      code = 'unterminated-string';
      hint = ' (string not closed on its line)';
    } else if (/[A-Z]/.test(bad)) {
      code = 'uppercase-key';
      hint = ' (names must be lower case)';
    } else if (PYTHON_CHARS.has(bad)) {
      code = 'python-in-xl';
      hint = ' (Python syntax is not supported by xl)';
    } else if (bad === '\0') {
      code = 'nul-byte';
    }
    this.errors.push({ offset, message: `lexical error${hint}`, code, near });
  }
}
