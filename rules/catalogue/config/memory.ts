/** HX20x: memory. At most 580 MB for GNU Mach on Xen; a plain integer; enough to run the Hurd. */
import type { Assignment, ParsedConfig, PlainValue } from '../../config/types.js';
import type { ConfigRule } from '../../types.js';
import { MEMORY_WITH_UNIT, PLAIN_DECIMAL } from '../../patterns/config.js';
import { defineRule } from '../define.js';
import { HURD_WIKI, HURD_WIKI_580, XL_CFG, XM_CREATE_PY } from '../sources.js';
import {
  assignmentsOf, classifyBoot, isIndented, lastAssignment, misspeltKey, perDialect, removeStatements, replaceNode, setKeyEdits,
  spanAt,
} from './support.js';

// (the rules' messages say 580 and 512 in words: a change here is a change of their meta.messages too)
export const MEMORY_LIMIT_MB = 580;
/** The current wiki sample's value, used as the fix. */
export const MEMORY_SUGGESTED_MB = 512;
/** libxl's own default and floor of sanity; below it GNU Mach and the Hurd servers cannot start. */
export const MEMORY_FLOOR_MB = 32;
/** Below this native-install and package installs run out of memory (hurd-xen-facts #88). */
export const MEMORY_COMFORT_MB = 128;

/** The number a memory value stands for, as the tools read it (libxlu: 0x hex, leading 0 octal). */
export function memoryNumber(value: PlainValue | undefined): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return PLAIN_DECIMAL.test(value.trim()) ? Number(value.trim()) : undefined;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const token = value.number.trim().toLowerCase();
    const n = token.startsWith('0x') ? parseInt(token.slice(2), 16) : token.startsWith('0') && token.length > 1 && !token.includes('.') ? parseInt(token, 8) : Number(token);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

interface EffectiveMemory {
  assignment: Assignment;
  value: number;
  /** A later assignment inside a Python block (if memory > 580: memory = 580) that brings it within the limit. */
  clampedBy?: Assignment;
}

/** The memory the guest gets: the last top-level assignment, unless a conditional xm block clamps it later. */
function effectiveMemory(cfg: ParsedConfig): EffectiveMemory | undefined {
  const all = assignmentsOf(cfg, 'memory');
  const top = all.filter((a) => !isIndented(a));
  const decisive = top[top.length - 1] ?? all[all.length - 1];
  if (!decisive) return undefined;
  const value = memoryNumber(decisive.value.value);
  if (value === undefined) return undefined;
  const later = all.filter((a) => a.span.start > decisive.span.start && isIndented(a));
  const clampedBy = later.find((a) => {
    const n = memoryNumber(a.value.value);
    return n !== undefined && n <= MEMORY_LIMIT_MB;
  });
  return { assignment: decisive, value, ...(clampedBy ? { clampedBy } : {}) };
}

export const memoryOver580: ConfigRule = defineRule({
  meta: {
    id: 'HX201',
    name: 'memory-over-580',
    title: 'More than 580 MB for GNU Mach',
    severity: 'error',
    domain: 'memory',
    target: 'config',
    message: 'GNU Mach on Xen cannot use more than 580 MB (bootstrap mapping limit): set memory to 580 or less.',
    explanation:
      'The Hurd wiki (2009-2015) warns not to give the Hurd domain more than 580 MB: GNU Mach cannot map more at bootstrap on Xen. The 2015 page dropped the sentence without a newer limit, so 580 MB or less is the only documented safe range; it applies to pv-grub boots too, since the same GNU Mach starts. The wiki samples use 256 and 512.',
    fixable: true,
    docs: { url: HURD_WIKI_580, section: 'hurd-xen-facts.md #12, #114-115 ("document memory limitation")' },
    knowledge: 'memory',
    messages: {
      over580: 'memory = {{memory}}: GNU Mach on Xen cannot use more than 580 MB (bootstrap mapping limit, Hurd wiki); set memory = 512 (anything up to 580).',
      over580WithMaxmem:
        'memory = {{memory}}: GNU Mach on Xen cannot use more than 580 MB (bootstrap mapping limit, Hurd wiki); set memory = 512 (anything up to 580), and drop maxmem = {{maxmem}} (GNU Mach has no balloon driver).',
    },
  },
  check({ config, dialect }) {
    const boot = classifyBoot(config);
    if (boot.kind === 'linux' || boot.kind === 'bootloader') return [];
    const eff = effectiveMemory(config);
    if (!eff || eff.value <= MEMORY_LIMIT_MB || eff.clampedBy) return [];
    const raw = eff.assignment.value.raw;
    // A maxmem matching the old memory would be left above the new one (HX206's finding): drop it with the same fix.
    // A maxmem already above memory is HX206's own finding and fix.
    const maxmem = lastAssignment(config, 'maxmem');
    const maxmemValue = maxmem && !isIndented(maxmem) ? memoryNumber(maxmem.value.value) : undefined;
    const dropMaxmem = maxmem && maxmemValue !== undefined && maxmemValue > MEMORY_SUGGESTED_MB && maxmemValue <= eff.value;
    return [
      {
        at: spanAt(eff.assignment.value.span),
        ...(dropMaxmem ? { messageId: 'over580WithMaxmem', data: { memory: raw, maxmem: maxmem.value.raw } } : { messageId: 'over580', data: { memory: raw } }),
        fix: [...replaceNode(eff.assignment.value, MEMORY_SUGGESTED_MB, dialect), ...(dropMaxmem ? removeStatements(config, [maxmem]) : [])],
      },
    ];
  },
});

export const memoryString: ConfigRule = defineRule({
  meta: {
    id: 'HX202',
    name: 'memory-string',
    title: 'memory is a quoted string',
    severity: 'warning',
    domain: 'memory',
    target: 'config',
    message: 'memory should be a plain number (memory = 256), not a quoted string.',
    explanation:
      "memory is an integer number of MB. libxlu's xlu_cfg_get_long happens to accept a numeric string and xm passes the str on, but the documented form is an unquoted number; quotes invite units like \"512M\", which no tool accepts.",
    fixable: true,
    docs: { url: XL_CFG, section: 'xl.cfg(5) memory=MBYTES; create.py gopts memory (set_int)' },
    knowledge: 'memory',
    messages: {
      quoted: 'memory = {{memory}} is a quoted string; write the number unquoted: memory = {{number}}.',
    },
  },
  check({ config, dialect }) {
    const a = lastAssignment(config, 'memory');
    if (!a || a.value.kind !== 'string' || typeof a.value.value !== 'string') return [];
    const text = a.value.value.trim();
    if (!PLAIN_DECIMAL.test(text)) return [];
    const n = Number(text);
    return [
      {
        at: spanAt(a.value.span),
        messageId: 'quoted',
        data: { memory: a.value.raw, number: n },
        fix: replaceNode(a.value, n, dialect),
      },
    ];
  },
});

export const memoryNotNumeric: ConfigRule = defineRule({
  meta: {
    id: 'HX203',
    name: 'memory-not-numeric',
    title: 'memory is not a number',
    severity: 'error',
    domain: 'memory',
    target: 'config',
    message: 'memory must be a plain integer in MB ("512M" is not a number: xl falls back to its default).',
    explanation:
      'memory takes MBYTES as an integer. A value such as "512M" or "1G" is not a valid number: xl warns that it is not a valid number and falls back to the default (32 MB in libxl, too little for the Hurd), xm\'s set_int refuses it.',
    fixable: true,
    docs: { url: XL_CFG, section: 'xl.cfg(5) memory=MBYTES; create.py gopts memory (set_int)' },
    knowledge: 'memory',
    messages: {
      notInteger: 'memory = {{memory}} is not an integer: memory is whole MB. xl warns "not a valid number" and uses its default; xm truncates it. Write memory = {{whole}}.',
      withUnit: 'memory = {{memory}} is not a valid number: memory is plain MB without unit (xl warns "not a valid number" and uses its default). Write memory = {{number}}.',
      notANumber: 'memory = {{memory}} is not a valid number: memory is plain MB without unit (xl warns "not a valid number" and uses its default).',
    },
  },
  check({ config, dialect }) {
    const a = lastAssignment(config, 'memory');
    if (a && a.value.kind === 'number' && typeof a.value.value === 'number' && !Number.isInteger(a.value.value)) {
      // libxlu's strtol stops at the '.', so xl rejects 256.5; xm's set_int truncates it with int().
      const whole = Math.min(Math.max(Math.trunc(a.value.value), 1), MEMORY_LIMIT_MB);
      return [
        {
          at: spanAt(a.value.span),
          severity: perDialect(dialect, { xm: 'info', xl: 'error', either: 'warning' }),
          messageId: 'notInteger',
          data: { memory: a.value.raw, whole },
          fix: replaceNode(a.value, whole, dialect),
        },
      ];
    }
    if (!a || a.value.kind !== 'string' || typeof a.value.value !== 'string') return [];
    const text = a.value.value;
    if (PLAIN_DECIMAL.test(text.trim())) return [];
    const m = MEMORY_WITH_UNIT.exec(text.slice(0, 64).trim());
    let mb: number | undefined;
    if (m) {
      const n = Number(m[1]);
      const unit = (m[2] ?? 'm').toLowerCase();
      mb = unit === 'g' ? n * 1024 : unit === 't' ? n * 1024 * 1024 : unit === 'k' ? Math.floor(n / 1024) : n;
    }
    const fixed = mb !== undefined && mb > 0 ? Math.min(mb, MEMORY_LIMIT_MB) : undefined;
    return [
      {
        at: spanAt(a.value.span),
        ...(fixed !== undefined ? { messageId: 'withUnit', data: { memory: a.value.raw, number: fixed } } : { messageId: 'notANumber', data: { memory: a.value.raw } }),
        ...(fixed !== undefined ? { fix: replaceNode(a.value, fixed, dialect) } : {}),
      },
    ];
  },
});

export const memoryTooSmall: ConfigRule = defineRule({
  meta: {
    id: 'HX204',
    name: 'memory-too-small',
    title: 'Very little memory for the Hurd',
    severity: 'warning',
    domain: 'memory',
    target: 'config',
    message: 'Very little memory: the wiki samples use 256-512 MB; installs stall when memory runs out.',
    explanation:
      "The wiki's sample configs give the Hurd 256 MB (2011) and 512 MB (2015). native-install and package installs have been seen to stall when the machine ran out of memory before swap was enabled. Below 32 MB (libxl's default) GNU Mach and the Hurd servers will not start.",
    fixable: true,
    docs: { url: HURD_WIKI, section: 'hurd-xen-facts.md #88, #105-106, #120' },
    knowledge: 'memory',
    messages: {
      tooLittle: 'memory = {{memory}} MB is too little to start GNU Mach and the Hurd servers; the wiki samples use 256 or 512 (at most 580).',
      tight: 'memory = {{memory}} MB is tight for the Hurd (installs may stall); the wiki samples use 256 or 512 (at most 580).',
    },
  },
  check({ config, dialect }) {
    const eff = effectiveMemory(config);
    if (!eff || eff.value >= MEMORY_COMFORT_MB) return [];
    const tiny = eff.value < MEMORY_FLOOR_MB;
    return [
      {
        at: spanAt(eff.assignment.value.span),
        severity: tiny ? 'warning' : 'info',
        messageId: tiny ? 'tooLittle' : 'tight',
        data: { memory: eff.assignment.value.raw },
        ...(tiny ? { fix: replaceNode(eff.assignment.value, 256, dialect) } : {}),
      },
    ];
  },
});

export const memoryMissing: ConfigRule = defineRule({
  meta: {
    id: 'HX205',
    name: 'memory-missing',
    title: 'memory not set',
    severity: 'warning',
    domain: 'memory',
    target: 'config',
    message: 'memory is not set: xm gives 128 MB, xl only 32 MB. Set memory = 256 or 512.',
    explanation:
      'Without memory the guest gets the toolstack default: 128 MB with xm, 32 MB with libxl (xl), which is too little for the Hurd. The wiki samples set 256 or 512 MB.',
    fixable: true,
    docs: { url: XM_CREATE_PY, section: 'create.py gopts memory default 128; libxl_create.c default 32; hurd-xen-facts.md #120' },
    knowledge: 'memory',
    messages: {
      notSet: 'memory is not set: the guest gets the default (xm 128 MB, xl 32 MB, too little for the Hurd); add memory = 512 (at most 580).',
      misspelt: "memory is not set ('{{key}}' is not the key memory): the guest gets the default (xm 128 MB, xl 32 MB, too little for the Hurd); write memory instead of {{key}} (at most 580).",
    },
  },
  check({ config, dialect }) {
    if (assignmentsOf(config, 'memory').length > 0 || config.syntax === null) return [];
    const boot = classifyBoot(config);
    if (boot.kind === 'linux') return [];
    const typo = misspeltKey(config, 'memory');
    return [
      {
        severity: dialect === 'xm' ? 'info' : 'warning',
        ...(typo ? { messageId: 'misspelt', data: { key: typo } } : { messageId: 'notSet' }),
        ...(typo ? {} : { fix: setKeyEdits(config, 'memory', MEMORY_SUGGESTED_MB, dialect) }),
      },
    ];
  },
});

export const maxmemBalloon: ConfigRule = defineRule({
  meta: {
    id: 'HX206',
    name: 'maxmem-over-memory',
    title: 'maxmem above memory is useless for GNU Mach',
    severity: 'info',
    domain: 'memory',
    target: 'config',
    message: 'GNU Mach has no Xen balloon driver: maxmem above memory brings nothing; leave maxmem unset.',
    explanation:
      'A maxmem larger than memory starts the guest "pre-ballooned", expecting a balloon driver to claim the rest later. GNU Mach has none, so the extra never arrives; and more than 580 MB is beyond what GNU Mach can map at bootstrap.',
    fixable: false,
    docs: { url: XL_CFG, section: 'xl.cfg(5) maxmem; hurd-xen-facts.md #118-119' },
    knowledge: 'memory',
    messages: {
      aboveMemory: 'maxmem = {{maxmem}} is above memory = {{memory}}: GNU Mach has no balloon driver, so it never uses more than memory; remove maxmem.',
      over580: 'maxmem = {{maxmem}} is above memory = {{memory}}: GNU Mach has no balloon driver, so it never uses more than memory (and more than 580 MB is beyond its bootstrap limit); remove maxmem.',
    },
  },
  check({ config }) {
    const a = lastAssignment(config, 'maxmem');
    if (!a) return [];
    const maxmem = memoryNumber(a.value.value);
    const memory = memoryNumber(lastAssignment(config, 'memory')?.value.value);
    if (maxmem === undefined || memory === undefined || maxmem <= memory) return [];
    return [
      {
        at: spanAt(a.value.span),
        severity: maxmem > MEMORY_LIMIT_MB ? 'warning' : 'info',
        messageId: maxmem > MEMORY_LIMIT_MB ? 'over580' : 'aboveMemory',
        data: { maxmem, memory },
      },
    ];
  },
});

export const memoryRules: ConfigRule[] = [memoryOver580, memoryString, memoryNotNumeric, memoryTooSmall, memoryMissing, maxmemBalloon];
