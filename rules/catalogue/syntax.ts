/** HX51x: the file's syntax as each real tool reads it (libxlu for xl, Python for xm). */
import type { Assignment, Dialect, Edit, ParseError, ParsedConfig, ValueNode } from '../config/types.js';
import { formatValue } from '../config/index.js';
import type { ConfigContext, ConfigRule, Finding } from '../types.js';
import {
  AGREED_ESCAPE, COMMENT_LINE, HAS_UPPERCASE, HEX_OCTET, KEY_ASSIGNMENT_LINE, LEADING_ZERO_NUMBER, LEADING_ZEROS, OCTAL_NUMBER,
  PRINT_STATEMENT, QUOTE_CHAR, STRING_ESCAPE, STRING_PREFIX, TRAILING_CR,
} from '../patterns/config.js';
import { ALL_KEYS } from './known-keys.js';
import { comments, defineRule, finding, isIndented, perDialect, spanAt } from './support.js';
import { LIBXLU_CFG, LIBXLU_LEX, XL_CFG, XM_CREATE_PY } from './sources.js';
import { pythonEvidence } from './toolstack.js';

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

export const unbalancedBracket: ConfigRule = defineRule(
  {
    id: 'HX511',
    name: 'unbalanced-bracket',
    title: 'unbalanced bracket',
    severity: 'error',
    domain: 'syntax',
    message: 'A [ without ] or a stray ]: a syntax error for both xm and xl.',
    explanation:
      'Lists are written [ item, item ]. An extra closing bracket or one never closed is a parse error for libxlu (xl) and for Python (xm); the whole file is refused.',
    fixable: true,
    source: { url: XL_CFG, section: 'xl.cfg(5) SYNTAX; libxlu_cfg_y.y' },
    knowledge: 'error-config-syntax',
  },
  ({ config, dialect }) => {
    const errors = toolErrors(config, dialect).filter((e) => e.error.code === 'unbalanced-bracket');
    const first = errors[0];
    if (!first) return [];
    const { line, column } = first.error;
    const at = offsetOf(config.source, line, column);
    const ch = config.source[at];
    const stray = ch === ']' || ch === ')';
    return [
      finding(unbalancedBracket.meta, {
        at: { line, column },
        message: `syntax error at line ${line}, column ${column}: unbalanced bracket (${stray ? `a stray '${ch}' with no opening bracket` : "a '[' that is never closed"}); ${toolsText(errors)} refuse the file (${first.error.message}).${stray ? ` Remove the extra '${ch}'.` : ''}`,
        ...(stray ? { fix: [{ start: at, end: at + 1, text: '' }] } : {}),
      }),
    ];
  },
);

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

export const unterminatedString: ConfigRule = defineRule(
  {
    id: 'HX512',
    name: 'unterminated-string',
    title: 'unterminated string',
    severity: 'error',
    domain: 'syntax',
    message: 'A string is not closed on its line, or is closed with the other quote character.',
    explanation:
      "A string opened with \" must close with \" on the same line (and ' with '). libxlu strings cannot span lines and Python's ordinary strings cannot either, so both tools refuse the file.",
    fixable: true,
    source: { url: LIBXLU_LEX, section: 'libxlu_cfg_l.l STRING tokens; xl.cfg(5) SYNTAX' },
    knowledge: 'error-config-syntax',
  },
  ({ config, dialect }) => {
    const errors = toolErrors(config, dialect).filter((e) => e.error.code === 'unterminated-string');
    const first = errors[0];
    if (!first) return [];
    const { line, column } = first.error;
    const fix = mismatchedQuoteFix(config.source, line, column);
    return [
      finding(unterminatedString.meta, {
        at: { line, column },
        message: `syntax error at line ${line}: unterminated string, a quote opened near column ${column} is not closed with the same quote character on that line; ${toolsText(errors)} refuse the file. Close the string with the quote it opens with.`,
        ...(fix ? { fix } : {}),
      }),
    ];
  },
);

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

export const uppercaseKey: ConfigRule = defineRule(
  {
    id: 'HX513',
    name: 'uppercase-key',
    title: 'key with upper-case letters',
    severity: 'error',
    domain: 'syntax',
    message: 'Keys are lower case (memory, not Memory): xl rejects upper case, xm ignores the unknown name.',
    explanation:
      'libxlu identifiers are [a-z][._0-9a-z]*: an upper-case letter is a lexical error and xl refuses the file. xm runs the file as Python, where Memory is simply a different, unknown variable, so the real key keeps its default.',
    fixable: true,
    source: { url: LIBXLU_LEX, section: 'libxlu_cfg_l.l identifier rule; create.py' },
    knowledge: 'config-syntax',
  },
  ({ config }) => {
    const out: Finding[] = [];
    for (const k of keyLines(config.source)) {
      if (!HAS_UPPERCASE.test(k.key)) continue;
      const lower = k.key.toLowerCase();
      const known = ALL_KEYS.has(lower);
      out.push(
        finding(uppercaseKey.meta, {
          at: { line: k.line, column: k.column },
          message: `key '${k.key}' has upper-case letters: xl allows only lower case ([a-z][._0-9a-z]*) and refuses the file; xm treats it as an unknown variable and ignores it${known ? `, so ${lower} keeps its default` : ''}. Write ${known ? `'${lower}'` : 'it in lower case'}.`,
          ...(known ? { fix: [{ start: k.offset, end: k.offset + k.key.length, text: lower }] } : {}),
        }),
      );
    }
    return out;
  },
);

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

export const crlfLineEndings: ConfigRule = defineRule(
  {
    id: 'HX514',
    name: 'crlf-line-endings',
    title: 'CRLF (Windows) line endings',
    severity: 'error',
    domain: 'syntax',
    message: 'The file has CRLF (Windows) line endings: libxlu (xl) fails on the \\r; convert to LF (dos2unix).',
    explanation:
      "libxlu's lexer has no rule for a carriage return after a value, so every CRLF line is a lexical error for xl (a \\r inside a comment is harmless). Python (xm) accepts CRLF. Convert the file with dos2unix or save it with Unix line ends.",
    fixable: true,
    source: { url: LIBXLU_LEX, section: 'libxlu_cfg_l.l (no \\r rule)' },
    knowledge: 'error-config-syntax',
  },
  ({ config, dialect }) => {
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
      finding(crlfLineEndings.meta, {
        at: { line, column: first - src.lastIndexOf('\n', first - 1) },
        severity: perDialect(dialect, { xm: 'info', xl: 'error', either: 'warning' }),
        message: `the file has CRLF (Windows) line endings (${harmful} line${harmful === 1 ? '' : 's'} with code, first on line ${line}): xl's libxlu fails with a lexical error on the \\r, xm (Python) accepts it. Convert to LF line endings (dos2unix).`,
        // For xm the CR is harmless: keep the user's line ends.
        ...(dialect === 'xm' ? {} : { fix }),
      }),
    ];
  },
);

export const commentAtEof: ConfigRule = defineRule(
  {
    id: 'HX515',
    name: 'comment-at-eof-without-newline',
    title: 'comment at end of file without newline',
    severity: 'error',
    domain: 'syntax',
    message: 'The file ends in a # comment without a final newline: libxlu (xl) reports a lexical error; add a newline at the end of the file.',
    explanation:
      "libxlu's comment token is '#' up to and including a newline; a comment on the last line with no newline after it matches nothing and xl refuses the file. (A final setting without newline is fine since Xen 4.3.) Python does not mind.",
    fixable: true,
    source: { url: LIBXLU_LEX, section: 'libxlu_cfg_l.l comment rule "#.*\\n"' },
    knowledge: 'error-config-syntax',
  },
  ({ config, dialect }) => {
    const src = config.source;
    if (src.length === 0 || src.endsWith('\n')) return [];
    const lastLine = src.split('\n').length;
    const c = comments(src).find((x) => x.line === lastLine);
    if (!c) return [];
    const nl = src.includes('\r\n') ? '\r\n' : '\n';
    return [
      finding(commentAtEof.meta, {
        at: { line: lastLine, column: 1 },
        severity: perDialect(dialect, { xm: 'info', xl: 'error', either: 'warning' }),
        message: `the file ends with a comment (line ${lastLine}) and no newline at the end of the file: xl's libxlu needs the newline after a # comment and fails with a lexical error. Add a final newline.`,
        fix: [{ start: src.length, end: src.length, text: nl }],
      }),
    ];
  },
);

// ---- values the tools read differently ----

function* valueNodes(config: ParsedConfig): Generator<{ a: Assignment; node: ValueNode }> {
  const queue: { a: Assignment; node: ValueNode }[] = [];
  for (const a of config.assignments) queue.push({ a, node: a.value });
  for (let i = 0; i < queue.length; i++) {
    const next = queue[i]!;
    yield next;
    for (const item of next.node.items ?? []) queue.push({ a: next.a, node: item });
  }
}

export const numberLeadingZero: ConfigRule = defineRule(
  {
    id: 'HX516',
    name: 'number-leading-zero',
    title: 'number with a leading zero',
    severity: 'error',
    domain: 'syntax',
    message: 'A number with a leading zero (0256) is octal for xl (= 174) and an error for Python 3: drop the zero.',
    explanation:
      'xl.cfg numbers may be decimal, octal with a leading 0, or hex with 0x: libxlu accepts 0256 and reads it as octal 174. Python 3 rejects it; Python 2 (real xm) also read octal. Write decimal numbers without leading zeros.',
    fixable: true,
    source: { url: XL_CFG, section: 'xl.cfg(5) SYNTAX "NUMBER"' },
    knowledge: 'config-syntax',
  },
  ({ config }) => {
    const out: Finding[] = [];
    for (const { a, node } of valueNodes(config)) {
      if (node.kind !== 'number' || !LEADING_ZERO_NUMBER.test(node.raw)) continue;
      const digits = node.raw.replace(LEADING_ZEROS, '$1');
      const octal = OCTAL_NUMBER.test(node.raw) ? parseInt(node.raw, 8) : undefined;
      out.push(
        finding(numberLeadingZero.meta, {
          at: spanAt(node.span),
          message: `${a.key} = ${node.raw}: the leading zero makes it octal for xl (${octal !== undefined ? `= ${octal}` : 'an invalid octal number'}) and a syntax error for Python 3; write ${digits}.`,
          fix: [{ start: node.span.start, end: node.span.end, text: digits }],
        }),
      );
    }
    return out;
  },
);

export const plusEqualsUndefined: ConfigRule = defineRule(
  {
    id: 'HX517',
    name: 'plus-equals-undefined',
    title: '+= before any =',
    severity: 'error',
    domain: 'syntax',
    message: 'key += ... before any key = ...: xm (Python) raises NameError; libxlu treats it as =.',
    explanation:
      'xl.cfg allows key += value to append to a list set earlier; with no earlier assignment libxlu simply treats it as =. xm executes the file as Python, where += on an undefined name raises NameError and the domain is not created. Write = for the first assignment.',
    fixable: true,
    source: { url: XL_CFG, section: 'xl.cfg(5) SYNTAX "+="; create.py (Python exec)' },
    knowledge: 'config-syntax',
  },
  ({ config, dialect }) => {
    const out: Finding[] = [];
    const assigned = new Set<string>();
    for (const a of config.assignments) {
      if (isIndented(a)) continue;
      if (a.op === '+=' && !assigned.has(a.key)) {
        const opAt = config.source.indexOf('+=', a.keySpan.end);
        out.push(
          finding(plusEqualsUndefined.meta, {
            at: spanAt(a.span),
            severity: perDialect(dialect, { xm: 'error', xl: 'info', either: 'warning' }),
            message: `${a.key} += ... on line ${a.span.line} comes before any ${a.key} = ...: xm (Python) stops with NameError: name '${a.key}' is not defined; xl treats the first += as =. Write ${a.key} = ... here.`,
            ...(opAt >= 0 && opAt < a.value.span.start ? { fix: [{ start: opAt, end: opAt + 2, text: '=' }] } : {}),
          }),
        );
      }
      assigned.add(a.key);
    }
    return out;
  },
);

/** What Python makes of a string body's escapes; undefined when the result is not plain printable text. */
export function pythonDecode(body: string): string | undefined {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = body[i + 1];
    if (n === undefined) return undefined;
    if (n === 'x' && HEX_OCTET.test(body.slice(i + 2, i + 4))) {
      out += String.fromCharCode(parseInt(body.slice(i + 2, i + 4), 16));
      i += 3;
    } else if (n >= '0' && n <= '7') {
      let j = i + 1;
      while (j < i + 4 && body[j] !== undefined && body[j]! >= '0' && body[j]! <= '7') j++;
      out += String.fromCharCode(parseInt(body.slice(i + 1, j), 8));
      i = j - 1;
    } else if (n === 'n' || n === 'r' || n === 't' || n === '\n') return undefined;
    else if (n === '\\' || n === "'" || n === '"') {
      out += n;
      i++;
    } else {
      out += `\\${n}`; // Python keeps unknown escapes as written
      i++;
    }
  }
  for (const ch of out) if (ch < ' ' || ch === '\x7f') return undefined;
  return out;
}

export const stringEscape: ConfigRule = defineRule(
  {
    id: 'HX518',
    name: 'string-escape',
    title: 'backslash escape read differently by xm and xl',
    severity: 'error',
    domain: 'syntax',
    message: 'A backslash escape (\\x2d, \\q, \\1) that Python and libxlu read differently: write the character itself.',
    explanation:
      'Python decodes \\xHH and octal escapes and keeps unknown ones such as \\q. libxlu rejects every \\x escape and unknown escapes, and for a \\ followed by digits it consumes the digits and stores nothing. Only \\n, \\r, \\t, \\\\ and the quotes mean the same in both; write other characters literally.',
    fixable: true,
    source: { url: LIBXLU_CFG, section: 'libxlu_cfg.c xlu__cfgl_dequote' },
    knowledge: 'config-syntax',
  },
  ({ config, dialect }) => {
    const out: Finding[] = [];
    for (const { a, node } of valueNodes(config)) {
      if (node.kind !== 'string' || !node.raw.includes('\\')) continue;
      const quote = node.quote ?? node.raw[0] ?? '"';
      if (STRING_PREFIX.test(quote) && quote.toLowerCase().includes('r')) continue; // raw string: no escapes
      const q = quote.replace(STRING_PREFIX, '');
      const body = node.raw.slice(quote.length, node.raw.length - q.length).slice(0, 4096);
      const bad: string[] = [];
      for (const m of body.matchAll(STRING_ESCAPE)) if (!AGREED_ESCAPE.test(m[1] ?? '')) bad.push(m[0]);
      if (bad.length === 0) continue;
      const decoded = pythonDecode(body);
      let fix: Edit[] | undefined;
      if (decoded !== undefined && !decoded.includes('\\')) {
        try {
          fix = [{ start: node.span.start, end: node.span.end, text: formatValue(decoded, dialect ?? 'xm', q === "'" || q === '"' ? q : undefined) }];
        } catch {
          fix = undefined;
        }
      }
      out.push(
        finding(stringEscape.meta, {
          at: spanAt(node.span),
          severity: perDialect(dialect, { xm: 'warning', xl: 'error', either: 'error' }),
          message: `${a.key} = ${node.raw.slice(0, 80)} uses the escape ${bad.slice(0, 3).join(', ')}: Python (xm) decodes it${decoded !== undefined ? ` to "${decoded}"` : ''}, but libxlu (xl) ${bad.some((b) => b.startsWith('\\x')) ? 'rejects every \\x escape (parse error)' : 'rejects or drops it'}. Write the character itself${decoded !== undefined && !decoded.includes('\\') ? `: "${decoded}"` : ''}.`,
          ...(fix ? { fix } : {}),
        }),
      );
    }
    return out;
  },
);

export const python2Only: ConfigRule = defineRule(
  {
    id: 'HX519',
    name: 'python2-only-syntax',
    title: 'Python 2 only syntax',
    severity: 'warning',
    domain: 'syntax',
    message: 'A Python 2 print statement: real xm (Python 2) ran it, Python 3 and xl reject it.',
    explanation:
      'xm ran configs with Python 2, which accepted print "text". Python 3 and libxlu both reject that line; remove it (a config file has no use for printing).',
    fixable: true,
    source: { url: XM_CREATE_PY, section: 'create.py (Python 2 exec); libxlu_cfg.c' },
    knowledge: 'config-syntax',
  },
  ({ config, dialect }) => {
    const out: Finding[] = [];
    let offset = 0;
    const lines = config.source.split('\n');
    for (let i = 0; i < lines.length && i < 20000; i++) {
      const line = lines[i] ?? '';
      if (PRINT_STATEMENT.test(line.slice(0, 200)) && !COMMENT_LINE.test(line)) {
        out.push(
          finding(python2Only.meta, {
            at: { line: i + 1, column: 1 },
            severity: perDialect(dialect, { xm: 'warning', xl: 'error', either: 'warning' }),
            message: `line ${i + 1} (${line.trim().slice(0, 60)}) is a Python 2 print statement: old xm accepted it, Python 3 and xl refuse the file. Remove the line.`,
            fix: [{ start: offset, end: Math.min(config.source.length, offset + line.length + 1), text: '' }],
          }),
        );
      }
      offset += line.length + 1;
    }
    return out;
  },
);

// ---- every other parse error ----

/** Parser error codes (named after the defect ids) that a specific rule explains. */
const EXPLAINED_CODES = new Set([
  'unbalanced-bracket', 'unterminated-string', 'uppercase-key', 'crlf-line-endings', 'comment-at-eof-without-newline',
  'number-leading-zero', 'string-escape', 'python-in-xl', 'python2-only-syntax',
]);

const specificRules: ConfigRule[] = [unbalancedBracket, unterminatedString, uppercaseKey, crlfLineEndings, commentAtEof, numberLeadingZero, stringEscape, python2Only];

export const syntaxError: ConfigRule = defineRule(
  {
    id: 'HX520',
    name: 'syntax-error',
    title: 'parse error',
    severity: 'error',
    domain: 'syntax',
    message: 'The toolstack cannot parse the file (syntax error).',
    explanation:
      'xl parses the file with libxlu (key = value lines, strings, numbers, lists); xm executes it as Python. A parse error stops either tool before anything starts; the message gives the line and column.',
    fixable: false,
    source: { url: XL_CFG, section: 'xl.cfg(5) SYNTAX; libxlu_cfg_l.l / libxlu_cfg_y.y' },
    knowledge: 'error-config-syntax',
  },
  (ctx: ConfigContext) => {
    const { config, dialect } = ctx;
    const errors = toolErrors(config, dialect);
    if (errors.length === 0) return [];
    const covered = new Set(specificRules.flatMap((r) => r.check(ctx)).map((f) => f.line));
    const hasCrlf = config.source.includes('\r\n');
    const python = pythonEvidence(config);
    const out: Finding[] = [];
    const seen = new Set<string>();
    for (const e of errors) {
      const { line, column, message, code } = e.error;
      if (covered.has(line) || hasCrlf || EXPLAINED_CODES.has(code)) continue;
      if (e.tool === 'xl' && python) continue; // python-in-xl explains it
      const key = `${line}:${column}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const both = errors.filter((x) => x.error.line === line);
      out.push(
        finding(syntaxError.meta, {
          at: { line, column },
          severity: config.syntax === null || dialect === e.tool ? 'error' : 'warning',
          message: `syntax error at line ${line}, column ${column}: ${message} (${toolsText(both)} cannot parse the file).`,
        }),
      );
    }
    return out;
  },
);

export const syntaxRules: ConfigRule[] = [...specificRules, plusEqualsUndefined, syntaxError];
