/**
 * The xl dialect: a faithful re-implementation of libxlu's config grammar
 * (tools/libs/util/libxlu_cfg_l.l, libxlu_cfg_y.y, libxlu_cfg.c in xen.git). The lexer and
 * libxlu's string unquoting are in xl-lexer.ts.
 *
 * Grammar: file = stmts [assignment]; stmt = assignment endstmt | endstmt | error NEWLINE;
 *   value = atom | '[' nlok valuelist ']'; lists nest; a trailing comma is allowed; newlines inside lists.
 */
import type { Assignment, ParseError, PlainValue, ValueNode } from './types.js';
import { collectDuplicates, type DialectParse } from './dialect.js';
import { LineIndex, excerpt } from './text.js';
import { XlLexer, type RawError, type TokType, type Token } from './xl-lexer.js';

/** bison's default YYMAXDEPTH: deeper parser stacks fail with "memory exhausted". */
const BISON_MAX_DEPTH = 10000;

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
