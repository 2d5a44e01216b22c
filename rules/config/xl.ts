/**
 * The xl dialect: a faithful re-implementation of libxlu's config grammar
 * (tools/libs/util/libxlu_cfg_l.l, libxlu_cfg_y.y, libxlu_cfg.c in xen.git).
 *
 * Lexer rules, in flex priority order (longest match first, then rule order):
 *   IDENT [a-z][._0-9a-z]*   NUMBER [0-9][0-9a-fx]*   [ \t] skipped   , [ ] += = ;
 *   NEWLINE  \n | #.*\n      STRING '([^'\\\n]|\\.)*'  "([^"\\\n]|\\.)*"
 *   [+-.():] "likely Python" then lexical error; any other char: lexical error.
 * In the lexer's error state the rest of the non-blank run is swallowed; a bad character that is the
 * very last byte of the input is dropped without an error (flex hits EOF in that state first).
 * Grammar: file = stmts [assignment]; stmt = assignment endstmt | endstmt | error NEWLINE;
 *   value = atom | '[' nlok valuelist ']'; lists nest; a trailing comma is allowed; newlines inside lists.
 */
import type { Assignment, ParseError, PlainValue, ValueNode } from './types.js';
import { collectDuplicates, type DialectParse } from './dialect.js';
import { LineIndex, excerpt } from './text.js';

type TokType = 'IDENT' | 'NUMBER' | 'STRING' | ',' | '[' | ']' | '+=' | '=' | ';' | 'NEWLINE' | 'EOF';

interface Token {
  type: TokType;
  start: number;
  end: number;
  /** Dequoted value of a STRING. */
  value?: string;
}

interface RawError {
  offset: number;
  message: string;
  code: string;
  near: string;
}

/** bison's default YYMAXDEPTH: deeper parser stacks fail with "memory exhausted". */
const BISON_MAX_DEPTH = 10000;

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

class XlLexer {
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

const TOKEN_NAMES: Record<TokType, string> = {
  IDENT: 'IDENT',
  NUMBER: 'NUMBER',
  STRING: 'STRING',
  NEWLINE: 'NEWLINE',
  EOF: 'end of file',
  ',': "','",
  '[': "'['",
  ']': "']'",
  '+=': '"+="',
  '=': "'='",
  ';': "';'",
};

const PYTHON_KEYWORD_LINE = /^[ \t]*(import|from|if|elif|else|def|for|while|print|try|except|class|return)\b/;

function numberValue(token: string): PlainValue {
  if (/^(0|[1-9][0-9]{0,15})$/.test(token)) {
    const n = Number(token);
    if (Number.isSafeInteger(n)) return n;
  }
  return { number: token };
}

interface Frame {
  node: ValueNode;
  /** After an item (expect ',' or ']') vs. before one. */
  afterItem: boolean;
}

/** Parses a file with libxlu's grammar. Never throws. */
export function parseXl(text: string, index: LineIndex = new LineIndex(text)): DialectParse {
  const lexer = new XlLexer(text);
  const syntaxErrors: RawError[] = [];
  const assignments: Assignment[] = [];
  const current = new Map<string, { value: PlainValue; node: ValueNode }>();
  let firstErrorOrder: RawError | undefined;
  const noteError = (e: RawError): void => {
    if (!firstErrorOrder) firstErrorOrder = e;
  };
  let lexErrorsSeen = 0;
  let look: Token = lexer.next();
  const advance = (): void => {
    look = lexer.next();
  };
  /** The lookahead, read through a call so type narrowing does not survive advance(). */
  const la = (): Token => look;
  const flushLexErrors = (): void => {
    while (lexErrorsSeen < lexer.errors.length) {
      const e = lexer.errors[lexErrorsSeen++];
      if (e) noteError(e);
    }
  };
  flushLexErrors();

  const syntaxError = (expecting: string): void => {
    const near = look.type === 'EOF' ? '' : withoutLineEnd(text.slice(look.start, look.end));
    let code = 'syntax';
    if (look.type === ']' || (expecting.includes("']'") && look.type !== 'EOF')) code = 'unbalanced-bracket';
    else if (expecting.includes("']'") && look.type === 'EOF') code = 'unbalanced-bracket';
    const lineStart = index.lineStart(index.line(look.start));
    if (PYTHON_KEYWORD_LINE.test(text.slice(lineStart, Math.min(text.length, lineStart + 200)))) code = 'python-in-xl';
    const e: RawError = {
      offset: look.start,
      message: `syntax error, unexpected ${TOKEN_NAMES[look.type]}${expecting ? `, expecting ${expecting}` : ''}`,
      code,
      near: near === '' && look.type === 'NEWLINE' ? '<newline>' : near,
    };
    syntaxErrors.push(e);
    noteError(e);
  };
  /** bison's `error NEWLINE` recovery: drop tokens up to and including the next NEWLINE. */
  const recover = (): boolean => {
    for (;;) {
      if (look.type === 'EOF') return false;
      const wasNewline = look.type === 'NEWLINE';
      advance();
      flushLexErrors();
      if (wasNewline) return true;
    }
  };

  const mk = (kind: ValueNode['kind'], start: number, end: number, value: PlainValue | undefined): ValueNode => ({
    kind,
    value,
    raw: text.slice(start, end),
    span: index.span(start, end),
  });

  /** Parses one value with an explicit stack (lists nest arbitrarily deep in input). */
  const parseValue = (): ValueNode | undefined => {
    const stack: Frame[] = [];
    for (;;) {
      flushLexErrors();
      let finished: ValueNode | undefined;
      const top = stack[stack.length - 1];
      if (top && top.afterItem) {
        if (look.type === 'NEWLINE') {
          advance();
          continue;
        }
        if (look.type === ',') {
          advance();
          top.afterItem = false;
          continue;
        }
        if (look.type === ']') {
          const end = look.end;
          advance();
          stack.pop();
          finished = finishList(top.node, end);
        } else {
          syntaxError("',' or ']'");
          return undefined;
        }
      } else if (look.type === 'NEWLINE' && top) {
        advance();
        continue;
      } else if (look.type === ']' && top) {
        const end = look.end;
        advance();
        stack.pop();
        finished = finishList(top.node, end);
      } else if (look.type === '[') {
        if (2 * (stack.length + 1) + 4 > BISON_MAX_DEPTH) {
          const e: RawError = { offset: look.start, message: 'memory exhausted', code: 'too-deep', near: '[' };
          syntaxErrors.push(e);
          noteError(e);
          return undefined;
        }
        const node = mk('list', look.start, look.end, []);
        node.items = [];
        stack.push({ node, afterItem: false });
        advance();
        continue;
      } else if (look.type === 'STRING') {
        const node = mk('string', look.start, look.end, look.value ?? '');
        node.quote = text[look.start] ?? '"';
        advance();
        finished = node;
      } else if (look.type === 'NUMBER') {
        const raw = text.slice(look.start, look.end);
        finished = mk('number', look.start, look.end, numberValue(raw));
        advance();
      } else {
        syntaxError(top ? "STRING or NUMBER or '[' or ']'" : "STRING or NUMBER or '['");
        return undefined;
      }
      // Attach the finished value to its parent list, or return it.
      for (;;) {
        const parent = stack[stack.length - 1];
        if (!parent) return finished;
        parent.node.items?.push(finished);
        parent.afterItem = true;
        break;
      }
    }
  };

  const finishList = (node: ValueNode, end: number): ValueNode => {
    const items = node.items ?? [];
    const list: ValueNode = { ...mk('list', node.span.start, end, items.map((i) => i.value as PlainValue)), items };
    return list;
  };

  let concatError: RawError | undefined;
  for (;;) {
    flushLexErrors();
    if (look.type === 'EOF') break;
    if (look.type === 'NEWLINE' || look.type === ';') {
      advance();
      continue;
    }
    if (look.type !== 'IDENT') {
      syntaxError('IDENT');
      if (!recover()) break;
      continue;
    }
    const keyTok = look;
    advance();
    flushLexErrors();
    const opTok = la();
    if (opTok.type !== '=' && opTok.type !== '+=') {
      syntaxError(`'=' or "+="`);
      if (!recover()) break;
      continue;
    }
    const op = opTok.type;
    advance();
    const value = parseValue();
    if (!value) {
      if (!recover()) break;
      continue;
    }
    flushLexErrors();
    const endTok = la();
    if (endTok.type !== 'NEWLINE' && endTok.type !== ';' && endTok.type !== 'EOF') {
      syntaxError("NEWLINE or ';'");
      if (!recover()) break;
      continue;
    }
    const key = text.slice(keyTok.start, keyTok.end);
    assignments.push({
      key,
      op,
      value,
      span: index.span(keyTok.start, value.span.end),
      keySpan: index.span(keyTok.start, keyTok.end),
    });
    const prev = current.get(key);
    let stored = value.value as PlainValue;
    if (op === '+=' && prev) {
      const a = prev.value;
      if (Array.isArray(a) && Array.isArray(stored)) stored = [...a, ...stored];
      else if (typeof a === 'string' && value.kind === 'string' && typeof stored === 'string') stored = a + stored;
      else if (!Array.isArray(a) && !Array.isArray(stored)) stored = `${plainAtomText(a)}${plainAtomText(stored)}`;
      else if (!concatError) {
        concatError = { offset: value.span.start, message: `can't add [list] to "string" or vice versa`, code: 'plus-equals-type', near: value.raw };
        noteError(concatError);
      }
    }
    current.set(key, { value: stored, node: value });
  }
  flushLexErrors();

  const first = firstErrorOrder;
  const warnings: ParseError[] = [];
  if (first && lexer.likelyPython) {
    warnings.push({
      message: 'Config file looks like it contains Python code. Arbitrary Python is no longer supported (https://wiki.xen.org/wiki/PythonInXlConfig)',
      line: index.line(first.offset),
      column: index.column(first.offset),
      code: 'python-in-xl',
    });
  }
  for (const a of assignments) {
    if (a.op === '+=' && a.value.kind === 'number') {
      warnings.push({ message: `can't use += with numbers for parameter \`${a.key}'`, line: a.span.line, column: a.span.column, code: 'plus-equals-number' });
    }
  }
  const values: Record<string, PlainValue> = {};
  for (const [k, v] of current) values[k] = v.value;
  let error: ParseError | undefined;
  if (first) {
    const near = first.near === '<newline>' ? '<newline>' : `\`${excerpt(first.near)}'`;
    const code = first.code === 'syntax' && lexer.likelyPython ? 'python-in-xl' : first.code;
    error = {
      message: `config parsing error near ${near}: ${first.message}`,
      line: index.line(first.offset),
      column: index.column(first.offset),
      code,
    };
  }
  return {
    result: error ? { ok: false, error, warnings } : { ok: true, warnings },
    assignments,
    values,
    duplicates: collectDuplicates(assignments.map((a) => ({ key: a.key, op: a.op, line: a.span.line }))),
    notEvaluated: [],
  };
}

/** libxlu keeps every atom as text; `+=` on two atoms concatenates their texts. */
function plainAtomText(v: PlainValue): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return '';
  return v.number;
}

/** A token's text without the newline that ends it and the blanks before that (a loop: a regex rescans blank runs). */
function withoutLineEnd(token: string): string {
  if (!token.endsWith('\n')) return token;
  let end = token.length - 1;
  while (end > 0 && (token[end - 1] === ' ' || token[end - 1] === '\t')) end--;
  return token.slice(0, end);
}
