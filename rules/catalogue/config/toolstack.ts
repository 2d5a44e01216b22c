/** HX50x: which toolstack reads the file (xm's Python vs xl's libxlu), keys, names, duplicates. */
import type { Assignment, Edit, ParsedConfig, PlainValue, ValueNode } from '../../config/types.js';
import type { ConfigRule } from '../../types.js';
import { PYTHON_DEF, PYTHON_IMPORT, PYTHON_MODE_LINE, TOOL_COMMAND_MENTION, XM_VARS_DECLARATION } from '../../patterns/config.js';
import { ALL_KEYS, XL_KEYS, XM_KEYS } from '../known-keys.js';
import {
  assignmentsOf, comments, has, isIndented, lastAssignment, misspeltKey, perDialect, removeStatements, renameKey, replaceNode, setKeyEdits,
  spanAt, stringValue,
} from './support.js';
import { LIBXLU_CFG, XEN_MIGRATION, XL_CFG, XL_PARSE_C, XM_CREATE_PY } from '../sources.js';
import { defineRule, type Report } from '../define.js';

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

export const pythonInXl: ConfigRule = defineRule({
  meta: {
    id: 'HX501',
    name: 'python-in-xl',
    title: 'Python code in a config for xl',
    severity: 'error',
    domain: 'toolstack',
    target: 'config',
    message: 'xl does not run Python: import, if/else, string arithmetic and tuples only work with xm.',
    explanation:
      'xm executed the config as a Python script; xl (Xen >= 4.1, the only toolstack since 4.5) parses a plain key = value grammar and refuses Python with "Config file looks like it contains Python code. Arbitrary Python is no longer supported." To move to xl, replace computed values by literals and remove import/if/def lines.',
    fixable: true,
    docs: { url: LIBXLU_CFG, section: 'libxlu_cfg.c Python warning; hurd-xen-facts.md #179-181; ' + XEN_MIGRATION },
    knowledge: 'xm-to-xl',
    messages: {
      unusedImport:
        'line {{line}} ({{code}}) is Python: xm runs it, but xl does not execute Python and fails ("Config file looks like it contains Python code"). For xl, remove the import line(s): nothing uses them (`hurd-xen-bot convert` or !convert writes the xl file for you).',
      python:
        'line {{line}} ({{code}}) is Python: xm runs it, but xl does not execute Python and fails ("Config file looks like it contains Python code"). For xl, replace the Python by plain key = value literals (`hurd-xen-bot convert` or !convert writes the xl file for you).',
    },
  },
  check({ config, dialect }) {
    if (dialect === 'xm') return [];
    const ev = pythonEvidence(config);
    if (!ev) return [];
    return [
      {
        at: { line: ev.line, column: 1 },
        severity: perDialect(dialect, { xm: 'info', xl: 'error', either: 'warning' }),
        messageId: ev.importOnly ? 'unusedImport' : 'python',
        data: { line: ev.line, code: ev.text.slice(0, 80) },
        ...(ev.importOnly ? { fix: importLineEdits(config) } : {}),
      },
    ];
  },
});

export const xmTupleIgnored: ConfigRule = defineRule({
  meta: {
    id: 'HX502',
    name: 'xm-tuple-ignored',
    title: 'a tuple value is dropped by xm',
    severity: 'error',
    domain: 'toolstack',
    target: 'config',
    message: "Use [ ] lists, not ( ) tuples: xm silently drops tuple values and xl cannot parse them.",
    explanation:
      "xm keeps only str, int, float and list values of known options from the executed config; a tuple such as disk = ( 'phy:sda4,hda,w', ) is dropped without a word, so the guest gets no disk. xl's grammar has no tuples at all. Write a list with square brackets.",
    fixable: true,
    docs: { url: XM_CREATE_PY, section: 'create.py (values of type str/int/float/list only); xl.cfg(5) SYNTAX' },
    knowledge: 'config-syntax',
    messages: {
      tuple: '{{key}} = {{value}} is a tuple: xm drops it silently (the key counts as unset) and xl cannot parse it. Use a list: {{key}} = [ ... ].',
      diskTuple: '{{key}} = {{value}} is a tuple: xm drops it silently (the key counts as unset: no disk) and xl cannot parse it. Use a list: {{key}} = [ ... ].',
    },
  },
  check({ config, dialect }) {
    const out: Report<'tuple' | 'diskTuple'>[] = [];
    for (const a of config.assignments) {
      if (a.value.kind !== 'tuple') continue;
      const items = (a.value.items ?? []).map((i) => i.value);
      const plain = items.every((v): v is PlainValue => v !== undefined);
      out.push({
        at: spanAt(a.value.span),
        messageId: a.key === 'disk' ? 'diskTuple' : 'tuple',
        data: { key: a.key, value: a.value.raw.slice(0, 80) },
        ...(plain ? { fix: replaceNode(a.value, items as PlainValue[], dialect) } : {}),
      });
    }
    return out;
  },
});

export const builderVsType: ConfigRule = defineRule({
  meta: {
    id: 'HX503',
    name: 'builder-vs-type',
    title: 'builder (xm) and type (xl)',
    severity: 'warning',
    domain: 'toolstack',
    target: 'config',
    message: 'xm chooses the domain builder with builder = "linux"; xl uses type = "pv" (builder is deprecated there).',
    explanation:
      'xm\'s builder defaults to "linux" (PV). xl selects the guest type with type = "pv" | "pvh" | "hvm" (since Xen 4.10; PV is the default on x86) and keeps builder only as a deprecated alias accepting "generic" or "hvm". Neither is needed for the Hurd: GNU Mach is a PV kernel and PV is the default.',
    fixable: true,
    docs: { url: XL_CFG, section: 'xl.cfg(5) type / builder; create.py gopts builder; hurd-xen-facts.md #186' },
    knowledge: 'xm-to-xl',
    messages: {
      deprecatedBuilder: 'builder = "{{builder}}" is xm\'s key; xl keeps builder only as a deprecated alias. Remove it (PV is the default) or write type = "pv" for xl.',
      refusedBuilder:
        'builder = "{{builder}}" is xm\'s key; xl knows builder only as "generic" or "hvm" and refuses "{{builder}}". Remove it (PV is the default) or write type = "pv" for xl.',
      typeForXm: 'type = {{type}} is an xl key (Xen >= 4.10); xm ignores it and uses builder (default "linux", i.e. PV).',
    },
  },
  check({ config, dialect }) {
    const out: Report<'deprecatedBuilder' | 'refusedBuilder' | 'typeForXm'>[] = [];
    const builder = lastAssignment(config, 'builder');
    const b = stringValue(config, 'builder');
    if (builder && b !== undefined && dialect !== 'xm') {
      const xlAccepts = b === 'generic' || b === 'hvm';
      if (!xlAccepts || dialect === 'xl') {
        out.push({
          at: spanAt(builder.span),
          severity: xlAccepts ? 'info' : perDialect(dialect, { xm: 'info', xl: 'error', either: 'warning' }),
          messageId: xlAccepts ? 'deprecatedBuilder' : 'refusedBuilder',
          data: { builder: b },
          fix: removeStatements(config, assignmentsOf(config, 'builder')),
        });
      }
    }
    const type = lastAssignment(config, 'type');
    if (type && dialect === 'xm') {
      out.push({
        at: spanAt(type.span),
        severity: 'info',
        messageId: 'typeForXm',
        data: { type: type.value.raw },
      });
    }
    return out;
  },
});

export const guestTypeNotPv: ConfigRule = defineRule({
  meta: {
    id: 'HX504',
    name: 'guest-type-not-pv',
    title: 'GNU Mach is a PV guest',
    severity: 'error',
    domain: 'toolstack',
    target: 'config',
    message: 'The Xen build of GNU Mach is a PV kernel: use type = "pv" (the default), not hvm or pvh.',
    explanation:
      'GNU Mach\'s Xen port is paravirtualised (PV). type = "hvm" would boot an emulated PC (the normal gnumach with GRUB), and type = "pvh" needs a PVH-aware kernel, which the Xen GNU Mach is not (PV inside a PVH shim via pvshim is undocumented for the Hurd).',
    fixable: true,
    docs: { url: XL_CFG, section: 'xl.cfg(5) type; hurd-xen-facts.md #19, #23, #42, #186' },
    knowledge: 'toolstack',
    messages: {
      notPvType: '{{key}} = "{{value}}": the Xen GNU Mach is a PV kernel; use type = "pv" (the default).',
      notPvBuilder: '{{key}} = "{{value}}": the Xen GNU Mach is a PV kernel; remove builder (PV is the default).',
    },
  },
  check({ config, dialect }) {
    const out: Report<'notPvType' | 'notPvBuilder'>[] = [];
    for (const key of ['type', 'builder'] as const) {
      const a = lastAssignment(config, key);
      const v = stringValue(config, key);
      if (!a || v === undefined) continue;
      const bad = key === 'type' ? v === 'hvm' || (v === 'pvh' && !has(config, 'pvshim')) : v === 'hvm';
      if (!bad) continue;
      out.push({
        at: spanAt(a.value.span),
        messageId: key === 'type' ? 'notPvType' : 'notPvBuilder',
        data: { key, value: v },
        fix: key === 'type' ? replaceNode(a.value, 'pv', dialect) : removeStatements(config, assignmentsOf(config, 'builder')),
      });
    }
    return out;
  },
});

export const cmdlineRootExtra: ConfigRule = defineRule({
  meta: {
    id: 'HX505',
    name: 'cmdline-vs-root-extra',
    title: 'cmdline (xl) against root/extra (xm)',
    severity: 'warning',
    domain: 'toolstack',
    target: 'config',
    message: 'xl ignores root and extra when cmdline is set; xm does not know cmdline at all.',
    explanation:
      'Both tools build the kernel command line from root (as root=...) and extra. xl also has cmdline, which replaces both: when cmdline is set, root and extra are ignored with a warning. xm has no cmdline key and ignores it, so a root=device:hd0 written there never reaches GNU Mach.',
    fixable: true,
    docs: { url: XL_PARSE_C, section: 'xl_parse.c parse_cmdline; xl.cfg(5) cmdline; hurd-xen-facts.md #111-112' },
    knowledge: 'xm-to-xl',
    messages: {
      cmdlineForXm: 'cmdline = {{cmdline}} is xl only: xm ignores it, so GNU Mach does not get these arguments. Use extra = {{cmdline}} for xm.',
      overrides: 'cmdline is set, so xl ignores {{keys}} (with a warning); keep GNU Mach\'s root=device:... in one place: either cmdline (xl only) or extra (both tools).',
    },
  },
  check({ config, dialect }) {
    const cmd = lastAssignment(config, 'cmdline');
    if (!cmd) return [];
    const others = ['root', 'extra'].filter((k) => has(config, k));
    if (dialect === 'xm') {
      return [
        {
          at: spanAt(cmd.span),
          severity: 'error',
          messageId: 'cmdlineForXm',
          data: { cmdline: cmd.value.raw },
          ...(has(config, 'extra') ? {} : { fix: renameKey(cmd, 'extra') }),
        },
      ];
    }
    if (others.length === 0) return [];
    return [
      {
        at: spanAt(cmd.span),
        messageId: 'overrides',
        data: { keys: others.join(' and ') },
      },
    ];
  },
});

export const keyWrongToolstack: ConfigRule = defineRule({
  meta: {
    id: 'HX506',
    name: 'key-wrong-toolstack',
    title: 'key only the other toolstack knows',
    severity: 'warning',
    domain: 'toolstack',
    target: 'config',
    message: 'This key belongs to the other toolstack and is ignored by the one you use.',
    explanation:
      'xm (create.py) and xl (xl.cfg) share most keys but not all: e.g. bootargs is xm only (xl: bootloader_args), firmware, cmdline and type are xl only. A key the running tool does not know is ignored silently.',
    fixable: false,
    docs: { url: XL_CFG, section: 'xl.cfg(5) keys against create.py gopts.var' },
    knowledge: 'xm-to-xl',
    messages: {
      xlKey: '{{key}} is an xl key: xm ignores it.',
      xmKey: '{{key}} is an xm key: xl ignores it.',
    },
  },
  check({ config, dialect }) {
    if (dialect === undefined) return [];
    const handled = new Set(['cmdline', 'type', 'builder']);
    const out: Report<'xlKey' | 'xmKey'>[] = [];
    for (const a of config.assignments) {
      if (isIndented(a) || handled.has(a.key) || !ALL_KEYS.has(a.key)) continue;
      const known = dialect === 'xm' ? XM_KEYS.has(a.key) : XL_KEYS.has(a.key);
      if (known) continue;
      out.push({
        at: spanAt(a.keySpan),
        messageId: dialect === 'xm' ? 'xlKey' : 'xmKey',
        data: { key: a.key },
      });
    }
    return out;
  },
});

export const nameMissing: ConfigRule = defineRule({
  meta: {
    id: 'HX507',
    name: 'name-missing',
    title: 'no domain name',
    severity: 'error',
    domain: 'toolstack',
    target: 'config',
    message: 'Set name = "hurd": xl refuses a config without a name ("Domain name must be specified.").',
    explanation:
      'xl requires name and stops with "Domain name must be specified." when it is missing. xm named the domain after the config file (xm create hurd -> "hurd"), which is why the wiki samples have no name line: they only work unchanged with xm.',
    fixable: true,
    docs: { url: XL_PARSE_C, section: 'xl_parse.c; create.py (default name); hurd-xen-facts.md #109, #182' },
    knowledge: 'config-file',
    messages: {
      xmNamesAfterFile: 'no name: xm names the domain after the config file, but name = "hurd" makes it explicit (and xl requires it).',
      missing: 'name is missing: xl stops with "Domain name must be specified."; add name = "hurd" (xm would name the domain after the file).',
    },
  },
  check({ config, dialect }) {
    if (has(config, 'name') || config.syntax === null) return [];
    const typo = misspeltKey(config, 'name');
    return [
      {
        ...(typo ? { advice: `'${typo}' looks like a misspelt name.` } : {}),
        severity: perDialect(dialect, { xm: 'info', xl: 'error', either: 'warning' }),
        messageId: dialect === 'xm' ? 'xmNamesAfterFile' : 'missing',
        ...(typo ? {} : { fix: setKeyEdits(config, 'name', 'hurd', dialect) }),
      },
    ];
  },
});

export const toolstackRules: ConfigRule[] = [
  pythonInXl,
  xmTupleIgnored,
  builderVsType,
  guestTypeNotPv,
  cmdlineRootExtra,
  keyWrongToolstack,
  nameMissing,
];

