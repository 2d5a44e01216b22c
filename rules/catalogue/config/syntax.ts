/** HX51x: the file's syntax as each real tool reads it (libxlu for xl, Python for xm). */
import type { Dialect, Edit, ParseError, ParsedConfig } from '../../config/types.js';
import type { ConfigContext, ConfigRule } from '../../types.js';
import { HAS_UPPERCASE, KEY_ASSIGNMENT_LINE, QUOTE_CHAR, TRAILING_CR } from '../../patterns/config.js';
import { ALL_KEYS } from '../known-keys.js';
import { comments, perDialect } from './support.js';
import { LIBXLU_LEX, XL_CFG } from '../sources.js';
import { pythonEvidence } from './toolstack.js';
import { defineRule, type Report } from '../define.js';
import { numberLeadingZero, plusEqualsUndefined, python2Only, stringEscape } from './values.js';

/** Offset of a 1-based line/column in the source. */
export function offsetOf(source: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = source.indexOf('\n', offset);
    if (nl < 0) return source.length;
    offset = nl + 1;
  }
  return Math.min(source.length, offset + Math.max(0, column - 1));
}

interface ToolError {
  tool: Dialect;
  error: ParseError;
}

/** The parse errors of the tools that matter for the target dialect (both when it is unknown). */
function toolErrors(cfg: ParsedConfig, dialect: Dialect | undefined): ToolError[] {
  const out: ToolError[] = [];
  if (dialect !== 'xm' && cfg.xl.error) out.push({ tool: 'xl', error: cfg.xl.error });
  if (dialect !== 'xl' && cfg.xm.error) out.push({ tool: 'xm', error: cfg.xm.error });
  return out;
}

function toolsText(errors: ToolError[]): string {
  const tools = [...new Set(errors.map((e) => (e.tool === 'xl' ? 'xl (libxlu)' : 'xm (Python)')))];
  return tools.join(' and ');
}

// ---- bracket and string errors ----

export const unbalancedBracket: ConfigRule = defineRule({
  meta: {
    id: 'HX511',
    name: 'unbalanced-bracket',
    title: 'unbalanced bracket',
    severity: 'error',
    domain: 'syntax',
    target: 'config',
    message: 'A [ without ] or a stray ]: a syntax error for both xm and xl.',
    explanation:
      'Lists are written [ item, item ]. An extra closing bracket or one never closed is a parse error for libxlu (xl) and for Python (xm); the whole file is refused.',
    fixable: true,
    docs: { url: XL_CFG, section: 'xl.cfg(5) SYNTAX; libxlu_cfg_y.y' },
    knowledge: 'error-config-syntax',
    messages: {
      stray: "syntax error at line {{line}}, column {{column}}: unbalanced bracket (a stray '{{bracket}}' with no opening bracket); {{tools}} refuse the file ({{error}}). Remove the extra '{{bracket}}'.",
      unclosed: "syntax error at line {{line}}, column {{column}}: unbalanced bracket (a '[' that is never closed); {{tools}} refuse the file ({{error}}).",
    },
  },
  check({ config, dialect }) {
    const errors = toolErrors(config, dialect).filter((e) => e.error.code === 'unbalanced-bracket');
    const first = errors[0];
    if (!first) return [];
    const { line, column } = first.error;
    const at = offsetOf(config.source, line, column);
    const ch = config.source[at];
    const stray = ch === ']' || ch === ')';
    return [
      {
        at: { line, column },
        messageId: stray ? 'stray' : 'unclosed',
        data: { line, column, bracket: ch, tools: toolsText(errors), error: first.error.message },
        ...(stray ? { fix: [{ start: at, end: at + 1, text: '' }] } : {}),
      },
    ];
  },
});

/** The quote that opens the unterminated string at (line, column), and the other quote closing it on that line. */
function mismatchedQuoteFix(source: string, line: number, column: number): Edit[] | undefined {
  const lineStart = offsetOf(source, line, 1);
  const nl = source.indexOf('\n', lineStart);
  const text = source.slice(lineStart, nl < 0 ? source.length : nl);
  let open = column - 1;
  while (open >= 0 && text[open] !== '"' && text[open] !== "'") open--;
  if (open < 0) open = text.search(QUOTE_CHAR);
  if (open < 0) return undefined;
  const q = text[open]!;
  const other = q === '"' ? "'" : '"';
  const body = text.replace(TRAILING_CR, '');
  const close = body.lastIndexOf(other);
  if (close <= open) return [{ start: lineStart + body.length, end: lineStart + body.length, text: q }];
  const after = body.slice(close + 1).trim();
  if (after !== '' && !after.startsWith(']') && !after.startsWith(',') && !after.startsWith('#')) return undefined;
  return [{ start: lineStart + close, end: lineStart + close + 1, text: q }];
}

export const unterminatedString: ConfigRule = defineRule({
  meta: {
    id: 'HX512',
    name: 'unterminated-string',
    title: 'unterminated string',
    severity: 'error',
    domain: 'syntax',
    target: 'config',
    message: 'A string is not closed on its line, or is closed with the other quote character.',
    explanation:
      "A string opened with \" must close with \" on the same line (and ' with '). libxlu strings cannot span lines and Python's ordinary strings cannot either, so both tools refuse the file.",
    fixable: true,
    docs: { url: LIBXLU_LEX, section: 'libxlu_cfg_l.l STRING tokens; xl.cfg(5) SYNTAX' },
    knowledge: 'error-config-syntax',
    messages: {
      unterminated: 'syntax error at line {{line}}: unterminated string, a quote opened near column {{column}} is not closed with the same quote character on that line; {{tools}} refuse the file. Close the string with the quote it opens with.',
    },
  },
  check({ config, dialect }) {
    const errors = toolErrors(config, dialect).filter((e) => e.error.code === 'unterminated-string');
    const first = errors[0];
    if (!first) return [];
    const { line, column } = first.error;
    const fix = mismatchedQuoteFix(config.source, line, column);
    return [
      {
        at: { line, column },
        messageId: 'unterminated',
        data: { line, column, tools: toolsText(errors) },
        ...(fix ? { fix } : {}),
      },
    ];
  },
});

// ---- lexical problems of libxlu ----

interface KeyLine {
  key: string;
  line: number;
  column: number;
  offset: number;
}

/** Keys as written at line starts (also where the parser could not build an assignment). */
function keyLines(source: string): KeyLine[] {
  const out: KeyLine[] = [];
  let offset = 0;
  const lines = source.split('\n');
  for (let i = 0; i < lines.length && i < 20000; i++) {
    const line = lines[i] ?? '';
    const m = KEY_ASSIGNMENT_LINE.exec(line.slice(0, 200));
    if (m?.[1]) {
      const col = line.indexOf(m[1]);
      out.push({ key: m[1], line: i + 1, column: col + 1, offset: offset + col });
    }
    offset += line.length + 1;
  }
  return out;
}

export const uppercaseKey: ConfigRule = defineRule({
  meta: {
    id: 'HX513',
    name: 'uppercase-key',
    title: 'key with upper-case letters',
    severity: 'error',
    domain: 'syntax',
    target: 'config',
    message: 'Keys are lower case (memory, not Memory): xl rejects upper case, xm ignores the unknown name.',
    explanation:
      'libxlu identifiers are [a-z][._0-9a-z]*: an upper-case letter is a lexical error and xl refuses the file. xm runs the file as Python, where Memory is simply a different, unknown variable, so the real key keeps its default.',
    fixable: true,
    docs: { url: LIBXLU_LEX, section: 'libxlu_cfg_l.l identifier rule; create.py' },
    knowledge: 'config-syntax',
    messages: {
      knownKey:
        "key '{{key}}' has upper-case letters: xl allows only lower case ([a-z][._0-9a-z]*) and refuses the file; xm treats it as an unknown variable and ignores it, so {{lower}} keeps its default. Write '{{lower}}'.",
      unknownKey: "key '{{key}}' has upper-case letters: xl allows only lower case ([a-z][._0-9a-z]*) and refuses the file; xm treats it as an unknown variable and ignores it. Write it in lower case.",
    },
  },
  check({ config }) {
    const out: Report<'knownKey' | 'unknownKey'>[] = [];
    for (const k of keyLines(config.source)) {
      if (!HAS_UPPERCASE.test(k.key)) continue;
      const lower = k.key.toLowerCase();
      const known = ALL_KEYS.has(lower);
      out.push({
        at: { line: k.line, column: k.column },
        ...(known ? { messageId: 'knownKey', data: { key: k.key, lower } } : { messageId: 'unknownKey', data: { key: k.key } }),
        ...(known ? { fix: [{ start: k.offset, end: k.offset + k.key.length, text: lower }] } : {}),
      });
    }
    return out;
  },
});

/** Whether a line ends inside a # comment (a '#' outside quotes). */
export function endsInComment(line: string): boolean {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#') return true;
  }
  return false;
}

export const crlfLineEndings: ConfigRule = defineRule({
  meta: {
    id: 'HX514',
    name: 'crlf-line-endings',
    title: 'CRLF (Windows) line endings',
    severity: 'error',
    domain: 'syntax',
    target: 'config',
    message: 'The file has CRLF (Windows) line endings: libxlu (xl) fails on the \\r; convert to LF (dos2unix).',
    explanation:
      "libxlu's lexer has no rule for a carriage return after a value, so every CRLF line is a lexical error for xl (a \\r inside a comment is harmless). Python (xm) accepts CRLF. Convert the file with dos2unix or save it with Unix line ends.",
    fixable: true,
    docs: { url: LIBXLU_LEX, section: 'libxlu_cfg_l.l (no \\r rule)' },
    knowledge: 'error-config-syntax',
    messages: {
      crlf: "the file has CRLF (Windows) line endings ({{count}} lines with code, first on line {{line}}): xl's libxlu fails with a lexical error on the \\r, xm (Python) accepts it. Convert to LF line endings (dos2unix).",
      crlfOneLine: "the file has CRLF (Windows) line endings (1 line with code, first on line {{line}}): xl's libxlu fails with a lexical error on the \\r, xm (Python) accepts it. Convert to LF line endings (dos2unix).",
    },
  },
  check({ config, dialect }) {
    const src = config.source;
    const fix: Edit[] = [];
    let harmful = 0;
    let first = -1;
    for (let i = src.indexOf('\r\n'); i >= 0 && fix.length < 100000; i = src.indexOf('\r\n', i + 2)) {
      fix.push({ start: i, end: i + 1, text: '' });
      // libxlu's comment token swallows the \r, so only a CR after code is a lexical error.
      if (!endsInComment(src.slice(src.lastIndexOf('\n', i - 1) + 1, i))) {
        harmful++;
        if (first < 0) first = i;
      }
    }
    if (first < 0) return [];
    const line = src.slice(0, first).split('\n').length;
    return [
      {
        at: { line, column: first - src.lastIndexOf('\n', first - 1) },
        severity: perDialect(dialect, { xm: 'info', xl: 'error', either: 'warning' }),
        messageId: harmful === 1 ? 'crlfOneLine' : 'crlf',
        data: { count: harmful, line },
        // For xm the CR is harmless: keep the user's line ends.
        ...(dialect === 'xm' ? {} : { fix }),
      },
    ];
  },
});

export const commentAtEof: ConfigRule = defineRule({
  meta: {
    id: 'HX515',
    name: 'comment-at-eof-without-newline',
    title: 'comment at end of file without newline',
    severity: 'error',
    domain: 'syntax',
    target: 'config',
    message: 'The file ends in a # comment without a final newline: libxlu (xl) reports a lexical error; add a newline at the end of the file.',
    explanation:
      "libxlu's comment token is '#' up to and including a newline; a comment on the last line with no newline after it matches nothing and xl refuses the file. (A final setting without newline is fine since Xen 4.3.) Python does not mind.",
    fixable: true,
    docs: { url: LIBXLU_LEX, section: 'libxlu_cfg_l.l comment rule "#.*\\n"' },
    knowledge: 'error-config-syntax',
    messages: {
      commentAtEof: 'the file ends with a comment (line {{lastLine}}) and no newline at the end of the file: xl\'s libxlu needs the newline after a # comment and fails with a lexical error. Add a final newline.',
    },
  },
  check({ config, dialect }) {
    const src = config.source;
    if (src.length === 0 || src.endsWith('\n')) return [];
    const lastLine = src.split('\n').length;
    const c = comments(src).find((x) => x.line === lastLine);
    if (!c) return [];
    const nl = src.includes('\r\n') ? '\r\n' : '\n';
    return [
      {
        at: { line: lastLine, column: 1 },
        severity: perDialect(dialect, { xm: 'info', xl: 'error', either: 'warning' }),
        messageId: 'commentAtEof',
        data: { lastLine },
        fix: [{ start: src.length, end: src.length, text: nl }],
      },
    ];
  },
});

const EXPLAINED_CODES = new Set([
  'unbalanced-bracket', 'unterminated-string', 'uppercase-key', 'crlf-line-endings', 'comment-at-eof-without-newline',
  'number-leading-zero', 'string-escape', 'python-in-xl', 'python2-only-syntax',
]);

const specificRules: ConfigRule[] = [unbalancedBracket, unterminatedString, uppercaseKey, crlfLineEndings, commentAtEof, numberLeadingZero, stringEscape, python2Only];

export const syntaxError: ConfigRule = defineRule({
  meta: {
    id: 'HX520',
    name: 'syntax-error',
    title: 'parse error',
    severity: 'error',
    domain: 'syntax',
    target: 'config',
    message: 'The toolstack cannot parse the file (syntax error).',
    explanation:
      'xl parses the file with libxlu (key = value lines, strings, numbers, lists); xm executes it as Python. A parse error stops either tool before anything starts; the message gives the line and column.',
    fixable: false,
    docs: { url: XL_CFG, section: 'xl.cfg(5) SYNTAX; libxlu_cfg_l.l / libxlu_cfg_y.y' },
    knowledge: 'error-config-syntax',
    messages: {
      syntaxError: 'syntax error at line {{line}}, column {{column}}: {{error}} ({{tools}} cannot parse the file).',
    },
  },
  check(ctx: ConfigContext) {
    const { config, dialect } = ctx;
    const errors = toolErrors(config, dialect);
    if (errors.length === 0) return [];
    const covered = new Set(specificRules.flatMap((r) => r.check(ctx)).map((f) => f.line));
    const hasCrlf = config.source.includes('\r\n');
    const python = pythonEvidence(config);
    const out: Report<'syntaxError'>[] = [];
    const seen = new Set<string>();
    for (const e of errors) {
      const { line, column, message, code } = e.error;
      if (covered.has(line) || hasCrlf || EXPLAINED_CODES.has(code)) continue;
      if (e.tool === 'xl' && python) continue; // python-in-xl explains it
      const key = `${line}:${column}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const both = errors.filter((x) => x.error.line === line);
      out.push({
        at: { line, column },
        severity: config.syntax === null || dialect === e.tool ? 'error' : 'warning',
        messageId: 'syntaxError',
        data: { line, column, error: message, tools: toolsText(both) },
      });
    }
    return out;
  },
});

export const syntaxRules: ConfigRule[] = [...specificRules, plusEqualsUndefined, syntaxError];
