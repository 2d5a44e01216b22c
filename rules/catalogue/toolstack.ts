/** HX50x: which toolstack reads the file (xm's Python vs xl's libxlu), keys, names, duplicates. */
import type { Assignment, Edit, ParsedConfig, PlainValue, ValueNode } from '../config/types.js';
import type { ConfigRule, Finding } from '../types.js';
import { HAS_UPPERCASE, PYTHON_DEF, PYTHON_IMPORT, PYTHON_MODE_LINE, TOOL_COMMAND_MENTION, XM_VARS_DECLARATION } from '../patterns/config.js';
import { ALL_KEYS, COMMON_KEYS, XL_KEYS, XM_KEYS } from './known-keys.js';
import {
  assignmentsOf, closest, comments, defineRule, finding, has, isIndented, lastAssignment, misspeltKey, perDialect, removeStatements,
  renameKey, replaceNode, setKeyEdits, spanAt, stringValue,
} from './support.js';
import { LIBXLU_CFG, XEN_MIGRATION, XL_CFG, XL_PARSE_C, XM_CREATE_PY } from './sources.js';

// ---- evidence of Python (what libxlu cannot read) ----

export interface PythonEvidence {
  line: number;
  text: string;
  /** Only `import` lines and nothing else Python: removing them makes the file xl-clean. */
  importOnly: boolean;
}


function allValueNodes(cfg: ParsedConfig): { a: Assignment; node: ValueNode }[] {
  const out: { a: Assignment; node: ValueNode }[] = [];
  const walk = (a: Assignment, node: ValueNode): void => {
    out.push({ a, node });
    for (const item of node.items ?? []) walk(a, item);
  };
  for (const a of cfg.assignments) walk(a, a.value);
  return out;
}

export function pythonEvidence(cfg: ParsedConfig): PythonEvidence | undefined {
  const sourceLines = cfg.source.split('\n');
  const lineText = (_source: string, line: number): string => sourceLines[line - 1]?.replace('\r', '') ?? '';
  const lines: { line: number; text: string }[] = cfg.notEvaluated.map((n) => ({ line: n.line, text: n.text }));
  for (const { node } of allValueNodes(cfg)) {
    if (node.kind === 'expression' || node.kind === 'tuple') lines.push({ line: node.span.line, text: lineText(cfg.source, node.span.line) });
  }
  for (const a of cfg.assignments) if (isIndented(a)) lines.push({ line: a.span.line, text: lineText(cfg.source, a.span.line) });
  if (lines.length === 0) return undefined;
  lines.sort((x, y) => x.line - y.line);
  const first = lines[0]!;
  const importOnly = lines.every((l) => PYTHON_IMPORT.test(l.text));
  return { line: first.line, text: first.text.trim(), importOnly };
}

/**
 * Signs of the toolstack the author meant. xm: a Python mode line, xm_vars or def (written for xm's
 * Python), a comment saying "xm create". xl: xl-only keys, a comment saying "xl create". Python alone
 * (import, if, string arithmetic) is not a sign: it is exactly the mistake python-in-xl reports.
 */
export function dialectSignals(cfg: ParsedConfig): { xm: string[]; xl: string[] } {
  const xm: string[] = [];
  const xl: string[] = [];
  for (const c of comments(cfg.source).slice(0, 200)) {
    const text = c.text.slice(0, 300);
    if (PYTHON_MODE_LINE.test(text)) xm.push(`line ${c.line}: Python mode line`);
    const tool = TOOL_COMMAND_MENTION.exec(text)?.[1];
    if (tool === 'xm') xm.push(`line ${c.line}: xm create`);
    if (tool === 'xl') xl.push(`line ${c.line}: xl create`);
  }
  for (const n of cfg.notEvaluated) {
    if (XM_VARS_DECLARATION.test(n.text) || PYTHON_DEF.test(n.text)) xm.push(`line ${n.line}: ${n.text.trim()}`);
  }
  for (const a of cfg.assignments) {
    if (XL_KEYS.has(a.key) && !XM_KEYS.has(a.key)) xl.push(`line ${a.span.line}: ${a.key} is an xl key`);
  }
  return { xm, xl };
}

function importLineEdits(cfg: ParsedConfig): Edit[] {
  const out: Edit[] = [];
  let offset = 0;
  for (const line of cfg.source.split('\n')) {
    const end = offset + line.length + 1;
    if (PYTHON_IMPORT.test(line)) out.push({ start: offset, end: Math.min(end, cfg.source.length), text: '' });
    offset = end;
  }
  return out;
}

export const pythonInXl: ConfigRule = defineRule(
  {
    id: 'HX501',
    name: 'python-in-xl',
    title: 'Python code in a config for xl',
    severity: 'error',
    domain: 'toolstack',
    message: 'xl does not run Python: import, if/else, string arithmetic and tuples only work with xm.',
    explanation:
      'xm executed the config as a Python script; xl (Xen >= 4.1, the only toolstack since 4.5) parses a plain key = value grammar and refuses Python with "Config file looks like it contains Python code. Arbitrary Python is no longer supported." To move to xl, replace computed values by literals and remove import/if/def lines.',
    fixable: true,
    source: { url: LIBXLU_CFG, section: 'libxlu_cfg.c Python warning; hurd-xen-facts.md #179-181; ' + XEN_MIGRATION },
    knowledge: 'xm-to-xl',
  },
  ({ config, dialect }) => {
    if (dialect === 'xm') return [];
    const ev = pythonEvidence(config);
    if (!ev) return [];
    return [
      finding(pythonInXl.meta, {
        at: { line: ev.line, column: 1 },
        severity: perDialect(dialect, { xm: 'info', xl: 'error', either: 'warning' }),
        message: `line ${ev.line} (${ev.text.slice(0, 80)}) is Python: xm runs it, but xl does not execute Python and fails ("Config file looks like it contains Python code"). For xl, ${ev.importOnly ? 'remove the import line(s): nothing uses them' : 'replace the Python by plain key = value literals'} (\`hurd-xen-bot convert\` or !convert writes the xl file for you).`,
        ...(ev.importOnly ? { fix: importLineEdits(config) } : {}),
      }),
    ];
  },
);

export const xmTupleIgnored: ConfigRule = defineRule(
  {
    id: 'HX502',
    name: 'xm-tuple-ignored',
    title: 'a tuple value is dropped by xm',
    severity: 'error',
    domain: 'toolstack',
    message: "Use [ ] lists, not ( ) tuples: xm silently drops tuple values and xl cannot parse them.",
    explanation:
      "xm keeps only str, int, float and list values of known options from the executed config; a tuple such as disk = ( 'phy:sda4,hda,w', ) is dropped without a word, so the guest gets no disk. xl's grammar has no tuples at all. Write a list with square brackets.",
    fixable: true,
    source: { url: XM_CREATE_PY, section: 'create.py (values of type str/int/float/list only); xl.cfg(5) SYNTAX' },
    knowledge: 'config-syntax',
  },
  ({ config, dialect }) => {
    const out: Finding[] = [];
    for (const a of config.assignments) {
      if (a.value.kind !== 'tuple') continue;
      const items = (a.value.items ?? []).map((i) => i.value);
      const plain = items.every((v): v is PlainValue => v !== undefined);
      out.push(
        finding(xmTupleIgnored.meta, {
          at: spanAt(a.value.span),
          message: `${a.key} = ${a.value.raw.slice(0, 80)} is a tuple: xm drops it silently (the key counts as unset${a.key === 'disk' ? ': no disk' : ''}) and xl cannot parse it. Use a list: ${a.key} = [ ... ].`,
          ...(plain ? { fix: replaceNode(a.value, items as PlainValue[], dialect) } : {}),
        }),
      );
    }
    return out;
  },
);

export const builderVsType: ConfigRule = defineRule(
  {
    id: 'HX503',
    name: 'builder-vs-type',
    title: 'builder (xm) and type (xl)',
    severity: 'warning',
    domain: 'toolstack',
    message: 'xm chooses the domain builder with builder = "linux"; xl uses type = "pv" (builder is deprecated there).',
    explanation:
      'xm\'s builder defaults to "linux" (PV). xl selects the guest type with type = "pv" | "pvh" | "hvm" (since Xen 4.10; PV is the default on x86) and keeps builder only as a deprecated alias accepting "generic" or "hvm". Neither is needed for the Hurd: GNU Mach is a PV kernel and PV is the default.',
    fixable: true,
    source: { url: XL_CFG, section: 'xl.cfg(5) type / builder; create.py gopts builder; hurd-xen-facts.md #186' },
    knowledge: 'xm-to-xl',
  },
  ({ config, dialect }) => {
    const out: Finding[] = [];
    const builder = lastAssignment(config, 'builder');
    const b = stringValue(config, 'builder');
    if (builder && b !== undefined && dialect !== 'xm') {
      const xlAccepts = b === 'generic' || b === 'hvm';
      if (!xlAccepts || dialect === 'xl') {
        out.push(
          finding(builderVsType.meta, {
            at: spanAt(builder.span),
            severity: xlAccepts ? 'info' : perDialect(dialect, { xm: 'info', xl: 'error', either: 'warning' }),
            message: `builder = "${b}" is xm's key; xl ${xlAccepts ? 'keeps builder only as a deprecated alias' : `knows builder only as "generic" or "hvm" and refuses "${b}"`}. Remove it (PV is the default) or write type = "pv" for xl.`,
            fix: removeStatements(config, assignmentsOf(config, 'builder')),
          }),
        );
      }
    }
    const type = lastAssignment(config, 'type');
    if (type && dialect === 'xm') {
      out.push(
        finding(builderVsType.meta, {
          at: spanAt(type.span),
          severity: 'info',
          message: `type = ${type.value.raw} is an xl key (Xen >= 4.10); xm ignores it and uses builder (default "linux", i.e. PV).`,
        }),
      );
    }
    return out;
  },
);

export const guestTypeNotPv: ConfigRule = defineRule(
  {
    id: 'HX504',
    name: 'guest-type-not-pv',
    title: 'GNU Mach is a PV guest',
    severity: 'error',
    domain: 'toolstack',
    message: 'The Xen build of GNU Mach is a PV kernel: use type = "pv" (the default), not hvm or pvh.',
    explanation:
      'GNU Mach\'s Xen port is paravirtualised (PV). type = "hvm" would boot an emulated PC (the normal gnumach with GRUB), and type = "pvh" needs a PVH-aware kernel, which the Xen GNU Mach is not (PV inside a PVH shim via pvshim is undocumented for the Hurd).',
    fixable: true,
    source: { url: XL_CFG, section: 'xl.cfg(5) type; hurd-xen-facts.md #19, #23, #42, #186' },
    knowledge: 'toolstack',
  },
  ({ config, dialect }) => {
    const out: Finding[] = [];
    for (const key of ['type', 'builder'] as const) {
      const a = lastAssignment(config, key);
      const v = stringValue(config, key);
      if (!a || v === undefined) continue;
      const bad = key === 'type' ? v === 'hvm' || (v === 'pvh' && !has(config, 'pvshim')) : v === 'hvm';
      if (!bad) continue;
      out.push(
        finding(guestTypeNotPv.meta, {
          at: spanAt(a.value.span),
          message: `${key} = "${v}": the Xen GNU Mach is a PV kernel; ${key === 'type' ? 'use type = "pv" (the default)' : 'remove builder (PV is the default)'}.`,
          fix: key === 'type' ? replaceNode(a.value, 'pv', dialect) : removeStatements(config, assignmentsOf(config, 'builder')),
        }),
      );
    }
    return out;
  },
);

export const cmdlineRootExtra: ConfigRule = defineRule(
  {
    id: 'HX505',
    name: 'cmdline-vs-root-extra',
    title: 'cmdline (xl) against root/extra (xm)',
    severity: 'warning',
    domain: 'toolstack',
    message: 'xl ignores root and extra when cmdline is set; xm does not know cmdline at all.',
    explanation:
      'Both tools build the kernel command line from root (as root=...) and extra. xl also has cmdline, which replaces both: when cmdline is set, root and extra are ignored with a warning. xm has no cmdline key and ignores it, so a root=device:hd0 written there never reaches GNU Mach.',
    fixable: true,
    source: { url: XL_PARSE_C, section: 'xl_parse.c parse_cmdline; xl.cfg(5) cmdline; hurd-xen-facts.md #111-112' },
    knowledge: 'xm-to-xl',
  },
  ({ config, dialect }) => {
    const cmd = lastAssignment(config, 'cmdline');
    if (!cmd) return [];
    const others = ['root', 'extra'].filter((k) => has(config, k));
    if (dialect === 'xm') {
      return [
        finding(cmdlineRootExtra.meta, {
          at: spanAt(cmd.span),
          severity: 'error',
          message: `cmdline = ${cmd.value.raw} is xl only: xm ignores it, so GNU Mach does not get these arguments. Use extra = ${cmd.value.raw} for xm.`,
          ...(has(config, 'extra') ? {} : { fix: renameKey(cmd, 'extra') }),
        }),
      ];
    }
    if (others.length === 0) return [];
    return [
      finding(cmdlineRootExtra.meta, {
        at: spanAt(cmd.span),
        message: `cmdline is set, so xl ignores ${others.join(' and ')} (with a warning); keep GNU Mach's root=device:... in one place: either cmdline (xl only) or extra (both tools).`,
      }),
    ];
  },
);

export const keyWrongToolstack: ConfigRule = defineRule(
  {
    id: 'HX506',
    name: 'key-wrong-toolstack',
    title: 'key only the other toolstack knows',
    severity: 'warning',
    domain: 'toolstack',
    message: 'This key belongs to the other toolstack and is ignored by the one you use.',
    explanation:
      'xm (create.py) and xl (xl.cfg) share most keys but not all: e.g. bootargs is xm only (xl: bootloader_args), firmware, cmdline and type are xl only. A key the running tool does not know is ignored silently.',
    fixable: false,
    source: { url: XL_CFG, section: 'xl.cfg(5) keys against create.py gopts.var' },
    knowledge: 'xm-to-xl',
  },
  ({ config, dialect }) => {
    if (dialect === undefined) return [];
    const handled = new Set(['cmdline', 'type', 'builder']);
    const out: Finding[] = [];
    for (const a of config.assignments) {
      if (isIndented(a) || handled.has(a.key) || !ALL_KEYS.has(a.key)) continue;
      const known = dialect === 'xm' ? XM_KEYS.has(a.key) : XL_KEYS.has(a.key);
      if (known) continue;
      out.push(
        finding(keyWrongToolstack.meta, {
          at: spanAt(a.keySpan),
          message: `${a.key} is ${dialect === 'xm' ? 'an xl' : 'an xm'} key: ${dialect} ignores it.`,
        }),
      );
    }
    return out;
  },
);

export const nameMissing: ConfigRule = defineRule(
  {
    id: 'HX507',
    name: 'name-missing',
    title: 'no domain name',
    severity: 'error',
    domain: 'toolstack',
    message: 'Set name = "hurd": xl refuses a config without a name ("Domain name must be specified.").',
    explanation:
      'xl requires name and stops with "Domain name must be specified." when it is missing. xm named the domain after the config file (xm create hurd -> "hurd"), which is why the wiki samples have no name line: they only work unchanged with xm.',
    fixable: true,
    source: { url: XL_PARSE_C, section: 'xl_parse.c; create.py (default name); hurd-xen-facts.md #109, #182' },
    knowledge: 'config-file',
  },
  ({ config, dialect }) => {
    if (has(config, 'name') || config.syntax === null) return [];
    const typo = misspeltKey(config, 'name');
    return [
      finding(nameMissing.meta, {
        ...(typo ? { advice: `'${typo}' looks like a misspelt name.` } : {}),
        severity: perDialect(dialect, { xm: 'info', xl: 'error', either: 'warning' }),
        message:
          dialect === 'xm'
            ? 'no name: xm names the domain after the config file, but name = "hurd" makes it explicit (and xl requires it).'
            : 'name is missing: xl stops with "Domain name must be specified."; add name = "hurd" (xm would name the domain after the file).',
        ...(typo ? {} : { fix: setKeyEdits(config, 'name', 'hurd', dialect) }),
      }),
    ];
  },
);

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

export const unknownKey: ConfigRule = defineRule(
  {
    id: 'HX508',
    name: 'unknown-key',
    title: 'unknown key',
    severity: 'warning',
    domain: 'syntax',
    message: 'A key neither xm nor xl knows, usually a misspelling (memmory, kernal): both tools ignore it silently.',
    explanation:
      'xm keeps only the option names declared in create.py (gopts.var) and xl only the keys of xl.cfg(5); anything else is ignored without a word, so a misspelt key leaves the real setting at its default. Variables declared with xm_vars.var() are command-line variables of xm configs, not unknown keys.',
    fixable: true,
    source: { url: XL_CFG, section: 'xl.cfg(5) OPTIONS; create.py gopts.var at 9e8672f1c3^ (' + XM_CREATE_PY + ')' },
    knowledge: 'config-syntax',
  },
  ({ config, dialect }) => {
    const declared = xmVarNames(config);
    const python = pythonEvidence(config) !== undefined;
    const out: Finding[] = [];
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
      out.push(
        finding(unknownKey.meta, {
          at: spanAt(a.keySpan),
          severity: python && dialect !== 'xl' && !guess ? 'info' : 'warning',
          message: guess
            ? `unknown key '${a.key}', probably a typo of ${guess}: neither xm nor xl knows '${a.key}', so both ignore it silently${has(config, guess) ? ` (${guess} is also set)` : ` and ${guess} keeps its default`}.`
            : `unknown key '${a.key}': neither xm nor xl knows it, both ignore it silently${python ? ' (fine if it is a Python helper variable for xm)' : ''}.`,
          ...(canRename ? { fix: assignmentsOf(config, a.key).flatMap((x) => renameKey(x, guess)) } : {}),
        }),
      );
    }
    if (unlisted > 0) {
      out.push(
        finding(unknownKey.meta, {
          severity: 'info',
          message: `and ${unlisted} more unknown key(s), not listed: is this an xm/xl config?`,
        }),
      );
    }
    return out;
  },
);

export const duplicateKey: ConfigRule = defineRule(
  {
    id: 'HX509',
    name: 'duplicate-key',
    title: 'key assigned twice',
    severity: 'warning',
    domain: 'syntax',
    message: 'The same key is assigned more than once; the later assignment wins in both xm and xl.',
    explanation:
      'Both tools keep the last assignment of a key (xm because Python rebinds the variable, xl because libxlu keeps the last setting). A second line further down, often added later by someone else, silently overrides the first.',
    fixable: true,
    source: { url: XL_CFG, section: 'xl.cfg(5) SYNTAX; libxlu_cfg.c' },
    knowledge: 'config-syntax',
  },
  ({ config }) => {
    const groups = new Map<string, Assignment[]>();
    for (const a of config.assignments) {
      if (isIndented(a) || a.op !== '=') continue;
      const list = groups.get(a.key);
      if (list) list.push(a);
      else groups.set(a.key, [a]);
    }
    const out: Finding[] = [];
    for (const [key, list] of groups) {
      if (list.length < 2) continue;
      const last = list[list.length - 1]!;
      const lines = list.map((a) => a.span.line);
      out.push(
        finding(duplicateKey.meta, {
          at: spanAt(last.span),
          message: `${key} is assigned more than once (lines ${lines.join(', ')}): the later one, ${key} = ${last.value.raw.slice(0, 60)} on line ${last.span.line}, overrides ${list.length > 2 ? 'the others' : `${key} = ${list[0]!.value.raw.slice(0, 60)}`} in both xm and xl. Keep one.`,
          fix: removeStatements(config, list.slice(0, -1)),
        }),
      );
    }
    return out;
  },
);

export const toolstackRules: ConfigRule[] = [
  pythonInXl,
  xmTupleIgnored,
  builderVsType,
  guestTypeNotPv,
  cmdlineRootExtra,
  keyWrongToolstack,
  nameMissing,
  unknownKey,
  duplicateKey,
];

