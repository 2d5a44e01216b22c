/** HX516-HX519: values and statements that xm (Python) and xl (libxlu) read differently. */
import type { Assignment, Edit, ParsedConfig, ValueNode } from '../../config/types.js';
import { formatValue } from '../../config/index.js';
import type { ConfigRule } from '../../types.js';
import {
  AGREED_ESCAPE, COMMENT_LINE, HEX_OCTET, LEADING_ZERO_NUMBER, LEADING_ZEROS, OCTAL_NUMBER, PRINT_STATEMENT, STRING_ESCAPE, STRING_PREFIX,
} from '../../patterns/config.js';
import { defineRule, type Report } from '../define.js';
import { LIBXLU_CFG, XL_CFG, XM_CREATE_PY } from '../sources.js';
import { isIndented, perDialect, spanAt } from './support.js';

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

export const numberLeadingZero: ConfigRule = defineRule({
  meta: {
    id: 'HX516',
    name: 'number-leading-zero',
    title: 'number with a leading zero',
    severity: 'error',
    domain: 'syntax',
    target: 'config',
    message: 'A number with a leading zero (0256) is octal for xl (= 174) and an error for Python 3: drop the zero.',
    explanation:
      'xl.cfg numbers may be decimal, octal with a leading 0, or hex with 0x: libxlu accepts 0256 and reads it as octal 174. Python 3 rejects it; Python 2 (real xm) also read octal. Write decimal numbers without leading zeros.',
    fixable: true,
    docs: { url: XL_CFG, section: 'xl.cfg(5) SYNTAX "NUMBER"' },
    knowledge: 'config-syntax',
    messages: {
      octal: '{{key}} = {{number}}: the leading zero makes it octal for xl (= {{octal}}) and a syntax error for Python 3; write {{digits}}.',
      invalidOctal: '{{key}} = {{number}}: the leading zero makes it octal for xl (an invalid octal number) and a syntax error for Python 3; write {{digits}}.',
    },
  },
  check({ config }) {
    const out: Report<'octal' | 'invalidOctal'>[] = [];
    for (const { a, node } of valueNodes(config)) {
      if (node.kind !== 'number' || !LEADING_ZERO_NUMBER.test(node.raw)) continue;
      const digits = node.raw.replace(LEADING_ZEROS, '$1');
      const octal = OCTAL_NUMBER.test(node.raw) ? parseInt(node.raw, 8) : undefined;
      out.push({
        at: spanAt(node.span),
        messageId: octal !== undefined ? 'octal' : 'invalidOctal',
        data: { key: a.key, number: node.raw, octal, digits },
        fix: [{ start: node.span.start, end: node.span.end, text: digits }],
      });
    }
    return out;
  },
});

export const plusEqualsUndefined: ConfigRule = defineRule({
  meta: {
    id: 'HX517',
    name: 'plus-equals-undefined',
    title: '+= before any =',
    severity: 'error',
    domain: 'syntax',
    target: 'config',
    message: 'key += ... before any key = ...: xm (Python) raises NameError; libxlu treats it as =.',
    explanation:
      'xl.cfg allows key += value to append to a list set earlier; with no earlier assignment libxlu simply treats it as =. xm executes the file as Python, where += on an undefined name raises NameError and the domain is not created. Write = for the first assignment.',
    fixable: true,
    docs: { url: XL_CFG, section: 'xl.cfg(5) SYNTAX "+="; create.py (Python exec)' },
    knowledge: 'config-syntax',
    messages: {
      beforeAssignment: '{{key}} += ... on line {{line}} comes before any {{key}} = ...: xm (Python) stops with NameError: name \'{{key}}\' is not defined; xl treats the first += as =. Write {{key}} = ... here.',
    },
  },
  check({ config, dialect }) {
    const out: Report<'beforeAssignment'>[] = [];
    const assigned = new Set<string>();
    for (const a of config.assignments) {
      if (isIndented(a)) continue;
      if (a.op === '+=' && !assigned.has(a.key)) {
        const opAt = config.source.indexOf('+=', a.keySpan.end);
        out.push({
          at: spanAt(a.span),
          severity: perDialect(dialect, { xm: 'error', xl: 'info', either: 'warning' }),
          messageId: 'beforeAssignment',
          data: { key: a.key, line: a.span.line },
          ...(opAt >= 0 && opAt < a.value.span.start ? { fix: [{ start: opAt, end: opAt + 2, text: '=' }] } : {}),
        });
      }
      assigned.add(a.key);
    }
    return out;
  },
});

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

export const stringEscape: ConfigRule = defineRule({
  meta: {
    id: 'HX518',
    name: 'string-escape',
    title: 'backslash escape read differently by xm and xl',
    severity: 'error',
    domain: 'syntax',
    target: 'config',
    message: 'A backslash escape (\\x2d, \\q, \\1) that Python and libxlu read differently: write the character itself.',
    explanation:
      'Python decodes \\xHH and octal escapes and keeps unknown ones such as \\q. libxlu rejects every \\x escape and unknown escapes, and for a \\ followed by digits it consumes the digits and stores nothing. Only \\n, \\r, \\t, \\\\ and the quotes mean the same in both; write other characters literally.',
    fixable: true,
    docs: { url: LIBXLU_CFG, section: 'libxlu_cfg.c xlu__cfgl_dequote' },
    knowledge: 'config-syntax',
    messages: {
      hexEscape: '{{key}} = {{value}} uses the escape {{escapes}}: Python (xm) decodes it{{decodedTo}}, but libxlu (xl) rejects every \\x escape (parse error). Write the character itself{{literal}}.',
      escape: '{{key}} = {{value}} uses the escape {{escapes}}: Python (xm) decodes it{{decodedTo}}, but libxlu (xl) rejects or drops it. Write the character itself{{literal}}.',
    },
  },
  check({ config, dialect }) {
    const out: Report<'hexEscape' | 'escape'>[] = [];
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
      out.push({
        at: spanAt(node.span),
        severity: perDialect(dialect, { xm: 'warning', xl: 'error', either: 'error' }),
        messageId: bad.some((b) => b.startsWith('\\x')) ? 'hexEscape' : 'escape',
        data: {
          key: a.key,
          value: node.raw.slice(0, 80),
          escapes: bad.slice(0, 3).join(', '),
          decodedTo: decoded !== undefined ? ` to "${decoded}"` : '',
          literal: decoded !== undefined && !decoded.includes('\\') ? `: "${decoded}"` : '',
        },
        ...(fix ? { fix } : {}),
      });
    }
    return out;
  },
});

export const python2Only: ConfigRule = defineRule({
  meta: {
    id: 'HX519',
    name: 'python2-only-syntax',
    title: 'Python 2 only syntax',
    severity: 'warning',
    domain: 'syntax',
    target: 'config',
    message: 'A Python 2 print statement: real xm (Python 2) ran it, Python 3 and xl reject it.',
    explanation:
      'xm ran configs with Python 2, which accepted print "text". Python 3 and libxlu both reject that line; remove it (a config file has no use for printing).',
    fixable: true,
    docs: { url: XM_CREATE_PY, section: 'create.py (Python 2 exec); libxlu_cfg.c' },
    knowledge: 'config-syntax',
    messages: {
      printStatement: 'line {{line}} ({{code}}) is a Python 2 print statement: old xm accepted it, Python 3 and xl refuse the file. Remove the line.',
    },
  },
  check({ config, dialect }) {
    const out: Report<'printStatement'>[] = [];
    let offset = 0;
    const lines = config.source.split('\n');
    for (let i = 0; i < lines.length && i < 20000; i++) {
      const line = lines[i] ?? '';
      if (PRINT_STATEMENT.test(line.slice(0, 200)) && !COMMENT_LINE.test(line)) {
        out.push({
          at: { line: i + 1, column: 1 },
          severity: perDialect(dialect, { xm: 'warning', xl: 'error', either: 'warning' }),
          messageId: 'printStatement',
          data: { line: i + 1, code: line.trim().slice(0, 60) },
          fix: [{ start: offset, end: Math.min(config.source.length, offset + line.length + 1), text: '' }],
        });
      }
      offset += line.length + 1;
    }
    return out;
  },
});

// ---- every other parse error ----

/** Parser error codes (named after the defect ids) that a specific rule explains. */
