/** HX508-HX509: keys neither tool knows (usually misspelt) and keys assigned twice. */
import type { Assignment, ParsedConfig } from '../../config/types.js';
import type { ConfigRule } from '../../types.js';
import { HAS_UPPERCASE, XM_VARS_DECLARATION } from '../../patterns/config.js';
import { defineRule, type Report } from '../define.js';
import { ALL_KEYS, COMMON_KEYS } from '../known-keys.js';
import { XL_CFG, XM_CREATE_PY } from '../sources.js';
import { assignmentsOf, closest, has, isIndented, removeStatements, renameKey, spanAt } from './support.js';
import { pythonEvidence } from './toolstack.js';

function xmVarNames(cfg: ParsedConfig): Set<string> {
  const out = new Set<string>();
  for (const n of cfg.notEvaluated) {
    const m = XM_VARS_DECLARATION.exec(n.text);
    if (m?.[1]) out.add(m[1]);
  }
  for (const line of cfg.source.split('\n').slice(0, 2000)) {
    const m = XM_VARS_DECLARATION.exec(line.slice(0, 300));
    if (m?.[1]) out.add(m[1]);
  }
  return out;
}

/**
 * One line of Python with every closed string literal replaced by "": a single left-to-right scan, because a
 * string regex searched along the line restarts at every quote (quadratic on a line of unclosed quotes).
 */
export function blankPythonStrings(line: string): string {
  let out = '';
  let i = 0;
  const unclosed = new Set<string>();
  while (i < line.length) {
    const c = line[i]!;
    if ((c !== "'" && c !== '"') || unclosed.has(c)) {
      out += c;
      i++;
      continue;
    }
    let j = i + 1;
    while (j < line.length && line[j] !== c && line[j] !== '\n') j += line[j] === '\\' ? 2 : 1;
    if (j < line.length && line[j] === c) {
      out += '""';
      i = j + 1;
    } else {
      // no closing quote of this kind after here: none later on the line can close either
      unclosed.add(c);
      out += c;
      i++;
    }
  }
  return out;
}
const MAX_SCANNED_LINES = 5000;
/** Unknown keys named one by one; past that, one line counts the rest. */
const MAX_UNKNOWN_KEYS_LISTED = 12;

/** Whether the Python source reads `name` anywhere other than as the target of a plain assignment. */
export function readAsPythonName(source: string, name: string): boolean {
  if (!/^[A-Za-z_]\w{0,63}$/.test(name)) return false;
  for (const raw of source.split('\n', MAX_SCANNED_LINES)) {
    const code = blankPythonStrings(raw.slice(0, 2000)).replace(/#.*/, '');
    let from = 0;
    for (;;) {
      const at = code.indexOf(name, from);
      if (at < 0) break;
      from = at + name.length;
      const before = code[at - 1] ?? '';
      const after = code[from] ?? '';
      if (/[\w.]/.test(before) || /\w/.test(after)) continue;
      const rest = code.slice(from);
      const isTarget = code.slice(0, at).trim() === '' && /^\s*(?:\+?=)(?!=)/.test(rest);
      if (!isTarget) return true;
    }
  }
  return false;
}

export const unknownKey: ConfigRule = defineRule({
  meta: {
    id: 'HX508',
    name: 'unknown-key',
    title: 'unknown key',
    severity: 'warning',
    domain: 'syntax',
    target: 'config',
    message: 'A key neither xm nor xl knows, usually a misspelling (memmory, kernal): both tools ignore it silently.',
    explanation:
      'xm keeps only the option names declared in create.py (gopts.var) and xl only the keys of xl.cfg(5); anything else is ignored without a word, so a misspelt key leaves the real setting at its default. Variables declared with xm_vars.var() are command-line variables of xm configs, not unknown keys.',
    fixable: true,
    docs: { url: XL_CFG, section: 'xl.cfg(5) OPTIONS; create.py gopts.var at 9e8672f1c3^ (' + XM_CREATE_PY + ')' },
    knowledge: 'config-syntax',
    messages: {
      typo: "unknown key '{{key}}', probably a typo of {{guess}}: neither xm nor xl knows '{{key}}', so both ignore it silently and {{guess}} keeps its default.",
      typoBesideKey: "unknown key '{{key}}', probably a typo of {{guess}}: neither xm nor xl knows '{{key}}', so both ignore it silently ({{guess}} is also set).",
      unknown: "unknown key '{{key}}': neither xm nor xl knows it, both ignore it silently.",
      pythonVariable: "unknown key '{{key}}': neither xm nor xl knows it, both ignore it silently (fine if it is a Python helper variable for xm).",
      more: 'and {{count}} more unknown key(s), not listed: is this an xm/xl config?',
    },
  },
  check({ config, dialect }) {
    const declared = xmVarNames(config);
    const python = pythonEvidence(config) !== undefined;
    const out: Report<'typo' | 'typoBesideKey' | 'unknown' | 'pythonVariable' | 'more'>[] = [];
    const seen = new Set<string>();
    let unlisted = 0;
    for (const a of config.assignments) {
      if (isIndented(a) || ALL_KEYS.has(a.key) || declared.has(a.key) || HAS_UPPERCASE.test(a.key) || seen.has(a.key)) continue;
      seen.add(a.key);
      // Each finding costs a scan of the file and a name search: a bounded number keeps a huge paste linear.
      if (out.length >= MAX_UNKNOWN_KEYS_LISTED) {
        unlisted++;
        continue;
      }
      // xm runs the file as Python: a name the file reads back (disk = disks, disks.append(...)) is a helper variable, not a typo.
      if (python && dialect !== 'xl' && readAsPythonName(config.source, a.key)) continue;
      const guess = closest(a.key, ALL_KEYS, COMMON_KEYS);
      const canRename = guess !== undefined && !has(config, guess);
      out.push({
        at: spanAt(a.keySpan),
        severity: python && dialect !== 'xl' && !guess ? 'info' : 'warning',
        messageId: guess ? (has(config, guess) ? 'typoBesideKey' : 'typo') : python ? 'pythonVariable' : 'unknown',
        data: { key: a.key, ...(guess ? { guess } : {}) },
        ...(canRename ? { fix: assignmentsOf(config, a.key).flatMap((x) => renameKey(x, guess)) } : {}),
      });
    }
    if (unlisted > 0) {
      out.push({
        severity: 'info',
        messageId: 'more',
        data: { count: unlisted },
      });
    }
    return out;
  },
});

export const duplicateKey: ConfigRule = defineRule({
  meta: {
    id: 'HX509',
    name: 'duplicate-key',
    title: 'key assigned twice',
    severity: 'warning',
    domain: 'syntax',
    target: 'config',
    message: 'The same key is assigned more than once; the later assignment wins in both xm and xl.',
    explanation:
      'Both tools keep the last assignment of a key (xm because Python rebinds the variable, xl because libxlu keeps the last setting). A second line further down, often added later by someone else, silently overrides the first.',
    fixable: true,
    docs: { url: XL_CFG, section: 'xl.cfg(5) SYNTAX; libxlu_cfg.c' },
    knowledge: 'config-syntax',
    messages: {
      duplicate: '{{key}} is assigned more than once (lines {{lines}}): the later one, {{key}} = {{value}} on line {{line}}, overrides {{key}} = {{first}} in both xm and xl. Keep one.',
      duplicates: '{{key}} is assigned more than once (lines {{lines}}): the later one, {{key}} = {{value}} on line {{line}}, overrides the others in both xm and xl. Keep one.',
    },
  },
  check({ config }) {
    const groups = new Map<string, Assignment[]>();
    for (const a of config.assignments) {
      if (isIndented(a) || a.op !== '=') continue;
      const list = groups.get(a.key);
      if (list) list.push(a);
      else groups.set(a.key, [a]);
    }
    const out: Report<'duplicate' | 'duplicates'>[] = [];
    for (const [key, list] of groups) {
      if (list.length < 2) continue;
      const last = list[list.length - 1]!;
      const lines = list.map((a) => a.span.line);
      out.push({
        at: spanAt(last.span),
        ...(list.length > 2
          ? { messageId: 'duplicates', data: { key, lines: lines.join(', '), value: last.value.raw.slice(0, 60), line: last.span.line } }
          : { messageId: 'duplicate', data: { key, lines: lines.join(', '), value: last.value.raw.slice(0, 60), line: last.span.line, first: list[0]!.value.raw.slice(0, 60) } }),
        fix: removeStatements(config, list.slice(0, -1)),
      });
    }
    return out;
  },
});

export const keyRules: ConfigRule[] = [unknownKey, duplicateKey];
