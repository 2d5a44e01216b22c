/**
 * Shared reading helpers for the config rules: find an assignment, classify the boot method, read the
 * disks, the root argument and the hypervisor facts stated in comments; build edits.
 * Rules (declared with defineRule, ../define.ts) stay small and declarative by leaning on these pure functions.
 */
import type { Assignment, Dialect, DiskSpec, Edit, ParsedConfig, PlainValue, Span, ValueNode } from '../../config/types.js';
import { formatValue, gnumachDiskName, parseDiskSpec, setKey } from '../../config/index.js';
import type { Severity } from '../../types.js';
import { ALL_KEYS } from '../known-keys.js';
import {
  AMD64_FLAVOUR, DEBIAN_XEN_486, GNUMACH_KERNEL, HYPERVISOR_64_PHRASE, HYPERVISOR_IS_PHRASE, KEY_ASSIGNMENT_LINE, LINUX_KERNEL,
  NONPAE_FLAVOUR, PAE_FLAVOUR, PAE_HYPERVISOR_PHRASE, PVGRUB_KERNEL, WHITESPACE, XEN_CAPS_64, XEN_CAPS_NONPAE,
  XEN_CAPS_PAE, XEN_MARKER,
} from '../../patterns/config.js';
// (the knowledge base's edit distance, the one implementation: optimal string alignment with an early exit)
import { editDistance } from '../../../knowledge/normalize.js';

/** Severity that depends on the toolstack the user targets (undefined = either one). */
export function perDialect(dialect: Dialect | undefined, by: { xm: Severity; xl: Severity; either: Severity }): Severity {
  return dialect === undefined ? by.either : by[dialect];
}

// ---- assignments and values ----

export function assignmentsOf(cfg: ParsedConfig, key: string): Assignment[] {
  return cfg.assignments.filter((a) => a.key === key);
}

/** The assignment that decides the key's value (the last one). */
export function lastAssignment(cfg: ParsedConfig, key: string): Assignment | undefined {
  const all = assignmentsOf(cfg, key);
  return all[all.length - 1];
}

/** An assignment inside a Python block (if/def/for): the parser sees it, xm runs it only conditionally. */
export function isIndented(a: Assignment): boolean {
  return a.span.column > 1;
}

export function has(cfg: ParsedConfig, key: string): boolean {
  return assignmentsOf(cfg, key).length > 0;
}

export function stringValue(cfg: ParsedConfig, key: string): string | undefined {
  const v = cfg.values[key];
  return typeof v === 'string' ? v : undefined;
}

/** True when the key is set by Python the bot does not evaluate: its value cannot be judged. */
export function isOpaque(cfg: ParsedConfig, key: string): boolean {
  const a = lastAssignment(cfg, key);
  return a !== undefined && (a.value.kind === 'expression' || a.value.value === undefined);
}

export function describe(value: PlainValue | undefined): string {
  if (value === undefined) return '(not set)';
  return JSON.stringify(value);
}

// ---- edits ----

/** The quote the value uses (for a list, its first string's), so a fix keeps the file's style. */
function quoteOf(node: ValueNode): string | undefined {
  const q = node.quote ?? node.items?.find((i) => i.kind === 'string')?.quote;
  return q === "'" || q === '"' ? q : undefined;
}

/**
 * Replace a value in place (keeps the key, layout, comments), quoted safely by the parser's emitter.
 * Without a target dialect the xm form is used: printable ASCII strings, which both tools read alike.
 */
export function replaceNode(node: ValueNode, value: PlainValue, dialect?: Dialect): Edit[] {
  try {
    return [{ start: node.span.start, end: node.span.end, text: formatValue(value, dialect ?? 'xm', quoteOf(node)) }];
  } catch {
    return [];
  }
}

/** Set a key (replace the last assignment's value, or add a line). */
export function setKeyEdits(cfg: ParsedConfig, key: string, value: PlainValue, dialect?: Dialect): Edit[] {
  const a = lastAssignment(cfg, key);
  if (a && a.op === '=') return replaceNode(a.value, value, dialect);
  try {
    return setKey(cfg, key, value, dialect);
  } catch {
    return [];
  }
}

export function renameKey(a: Assignment, newKey: string): Edit[] {
  return [{ start: a.keySpan.start, end: a.keySpan.end, text: newKey }];
}

export function spanAt(span: Span): { line: number; column: number } {
  return { line: span.line, column: span.column };
}

/** Line/column of an offset inside a string literal node (best effort: same line as the literal). */
export function insideNode(node: ValueNode, offsetInValue: number): { line: number; column: number } {
  const prefix = node.quote?.length ?? 1;
  return { line: node.span.line, column: node.span.column + prefix + offsetInValue };
}

/** Directory of a dom0 path, '/boot/' when it has none. */
export function dirOf(path: string | undefined): string {
  if (!path) return '/boot/';
  const i = path.lastIndexOf('/');
  return i >= 0 ? path.slice(0, i + 1) : '/boot/';
}

// ---- boot method ----

export type BootKind = 'gnumach-xen' | 'gnumach-native' | 'pvgrub' | 'linux' | 'bootloader' | 'other' | 'none' | 'unknown';
export type MachFlavour = 'pae' | 'nonpae' | '64';

export interface Boot {
  kind: BootKind;
  kernel?: string;
  kernelNode?: ValueNode;
  /** PAE flavour of a Xen GNU Mach, when its file name says it. */
  flavour?: MachFlavour;
}

export function machFlavour(kernel: string): MachFlavour | undefined {
  if (NONPAE_FLAVOUR.test(kernel)) return 'nonpae';
  if (AMD64_FLAVOUR.test(kernel)) return '64';
  if (PAE_FLAVOUR.test(kernel) || DEBIAN_XEN_486.test(kernel)) return 'pae';
  return undefined;
}

export function classifyBoot(cfg: ParsedConfig): Boot {
  const a = lastAssignment(cfg, 'kernel');
  const kernel = stringValue(cfg, 'kernel');
  if (a && kernel === undefined) return { kind: 'unknown', kernelNode: a.value };
  if (kernel !== undefined && kernel.trim() !== '') {
    const node = a?.value;
    const base = { kernel, ...(node ? { kernelNode: node } : {}) };
    if (PVGRUB_KERNEL.test(kernel)) return { kind: 'pvgrub', ...base };
    if (GNUMACH_KERNEL.test(kernel)) {
      if (!XEN_MARKER.test(kernel)) return { kind: 'gnumach-native', ...base };
      const flavour = machFlavour(kernel);
      return { kind: 'gnumach-xen', ...base, ...(flavour ? { flavour } : {}) };
    }
    if (LINUX_KERNEL.test(kernel)) return { kind: 'linux', ...base };
    return { kind: 'other', ...base };
  }
  const firmware = stringValue(cfg, 'firmware');
  if (firmware !== undefined && PVGRUB_KERNEL.test(firmware)) return { kind: 'pvgrub' };
  if (has(cfg, 'bootloader')) return { kind: 'bootloader' };
  return { kind: 'none' };
}

export function isDirectGnumach(boot: Boot): boolean {
  return boot.kind === 'gnumach-xen' || boot.kind === 'gnumach-native';
}

// ---- comments and the hypervisor they describe ----

export interface Comment {
  line: number;
  text: string;
}

/** Comment text of every line (whole-line and trailing comments; '#' inside quotes is not a comment). */
export function comments(source: string): Comment[] {
  const out: Comment[] = [];
  const lines = source.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    let quote: string | undefined;
    for (let j = 0; j < line.length; j++) {
      const c = line[j];
      if (quote) {
        if (c === '\\') j++;
        else if (c === quote) quote = undefined;
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '#') {
        out.push({ line: i + 1, text: line.slice(j + 1) });
        break;
      }
    }
  }
  return out;
}

export interface StatedHypervisor {
  /** 'pae' = 32-bit PAE, '64' = 64-bit (runs 32-bit PAE PV guests only), 'nonpae' = 32-bit non-PAE. */
  mode: 'pae' | 'nonpae' | '64';
  line: number;
  evidence: string;
}

/** The hypervisor's PAE mode as a comment of the file states it (xen_caps output or plain words). */
export function statedHypervisor(source: string): StatedHypervisor | undefined {
  let phrase: StatedHypervisor | undefined;
  for (const c of comments(source)) {
    const text = c.text.slice(0, 500);
    if (XEN_CAPS_64.test(text)) return { mode: '64', line: c.line, evidence: 'xen-3.0-x86_64' };
    if (XEN_CAPS_PAE.test(text)) return { mode: 'pae', line: c.line, evidence: 'xen-3.0-x86_32p' };
    if (XEN_CAPS_NONPAE.test(text)) return { mode: 'nonpae', line: c.line, evidence: 'xen-3.0-x86_32' };
    if (phrase) continue;
    const m = PAE_HYPERVISOR_PHRASE.exec(text) ?? HYPERVISOR_IS_PHRASE.exec(text);
    if (m) phrase = { mode: m[1] ? 'nonpae' : 'pae', line: c.line, evidence: m[0] };
    else {
      const m64 = HYPERVISOR_64_PHRASE.exec(text);
      if (m64) phrase = { mode: '64', line: c.line, evidence: m64[0] };
    }
  }
  return phrase;
}

// ---- disks ----

export interface DiskEntry {
  /** Position in the list literal it comes from. */
  index: number;
  raw: string;
  spec: DiskSpec;
  node: ValueNode;
  /** GNU Mach's name for the vdev (hda -> hd0), when the vdev is readable. */
  machName?: string;
}

export function machNameOf(vdev: string | undefined, dialect?: 'xm' | 'xl'): string | undefined {
  if (!vdev) return undefined;
  try {
    const name = gnumachDiskName(vdev, dialect) as string | null | undefined;
    return name ?? undefined;
  } catch {
    return undefined;
  }
}

/** The disk list entries (of every `disk =`/`+=` that counts), or undefined when disk is absent or not a readable list. */
export function diskEntries(cfg: ParsedConfig): DiskEntry[] | undefined {
  const all = assignmentsOf(cfg, 'disk').filter((a) => !isIndented(a));
  let start = -1;
  for (let i = all.length - 1; i >= 0; i--) {
    if (all[i]?.op === '=') {
      start = i;
      break;
    }
  }
  const used = start >= 0 ? all.slice(start) : all;
  if (used.length === 0) return undefined;
  const out: DiskEntry[] = [];
  for (const a of used) {
    if (a.value.kind !== 'list' || !a.value.items) return undefined;
    a.value.items.forEach((node, index) => {
      if (node.kind !== 'string' || typeof node.value !== 'string') return;
      const spec = parseDiskSpec(node.value);
      // the toolstack decides how the vdev is encoded, and so which name GNU Mach gives it (hde: hd4 under xm only)
      const machName = machNameOf(spec.vdev, cfg.syntax === 'xm' || cfg.syntax === 'xl' ? cfg.syntax : undefined);
      out.push({ index, raw: node.value, spec, node, ...(machName ? { machName } : {}) });
    });
  }
  return out;
}

// ---- the kernel command line ----

export interface RootArgument {
  /** Where it is: a root= token of extra or cmdline, or the root key (xm/xl prepend root=). */
  where: 'extra' | 'root' | 'cmdline';
  /** The device part (after root=). */
  device: string;
  /** The whole string it lives in, and the token's range there. */
  text: string;
  tokenStart: number;
  tokenEnd: number;
  node: ValueNode;
}

function rootToken(text: string): { start: number; end: number; device: string } | undefined {
  let pos = 0;
  for (const token of text.split(WHITESPACE)) {
    const start = text.indexOf(token, pos);
    pos = start + token.length;
    if (token.startsWith('root=')) return { start, end: pos, device: token.slice(5) };
  }
  return undefined;
}

/** Every root argument GNU Mach would see (xl ignores root/extra when cmdline is set). */
export function rootArguments(cfg: ParsedConfig, dialect?: Dialect): RootArgument[] {
  const out: RootArgument[] = [];
  const keys: ('cmdline' | 'root' | 'extra')[] = dialect !== 'xm' && has(cfg, 'cmdline') ? ['cmdline'] : ['root', 'extra'];
  for (const key of keys) {
    const a = lastAssignment(cfg, key);
    const text = stringValue(cfg, key);
    if (!a || text === undefined) continue;
    if (key === 'root') {
      const trimmed = text.trim();
      if (trimmed === '') continue;
      const first = trimmed.split(WHITESPACE)[0] ?? '';
      const device = first.startsWith('root=') ? first.slice(5) : first;
      const start = text.indexOf(first);
      out.push({ where: 'root', device, text, tokenStart: start, tokenEnd: start + first.length, node: a.value });
    } else {
      const t = rootToken(text);
      if (t) out.push({ where: key, device: t.device, text, tokenStart: t.start, tokenEnd: t.end, node: a.value });
    }
  }
  return out;
}

/** Rewrite the root token of a root argument (keeping the rest of the string). */
export function rewriteRoot(arg: RootArgument, device: string, dialect: Dialect | undefined, dropWords: string[] = []): Edit[] {
  const token = arg.where === 'root' ? device : `root=${device}`;
  let text = arg.text.slice(0, arg.tokenStart) + token + arg.text.slice(arg.tokenEnd);
  if (dropWords.length > 0) {
    text = text
      .split(WHITESPACE)
      .filter((w) => w !== '' && !dropWords.includes(w))
      .join(' ');
  }
  return replaceNode(arg.node, text, dialect);
}

// ---- names ----


/** The closest known name within a small distance, preferring the common ones on ties. */
export function closest(word: string, candidates: Iterable<string>, preferred: readonly string[] = []): string | undefined {
  const w = word.toLowerCase();
  const limit = w.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestD = limit + 1;
  for (const c of candidates) {
    const d = editDistance(w, c, limit);
    if (d < bestD || (d === bestD && best !== undefined && preferred.includes(c) && !preferred.includes(best))) {
      best = c;
      bestD = d;
    }
  }
  return bestD <= limit ? best : undefined;
}

// ---- removing whole statements ----

function lineStartOf(source: string, offset: number): number {
  return source.lastIndexOf('\n', offset - 1) + 1;
}

/**
 * Edits that delete assignments. A statement alone on its line goes with its line (and its trailing
 * comment); one sharing a line (`a = 1; b = 2`) loses only its own text.
 */
export function removeStatements(cfg: ParsedConfig, statements: Assignment[]): Edit[] {
  const src = cfg.source;
  return statements.map((a) => {
    const start = lineStartOf(src, a.span.start);
    const nl = src.indexOf('\n', a.span.end);
    const lineEnd = nl < 0 ? src.length : nl;
    const before = src.slice(start, a.span.start);
    const after = src.slice(a.span.end, lineEnd);
    const aloneOnLine = before.trim() === '' && (after.trim() === '' || after.trim().startsWith('#'));
    if (aloneOnLine) return { start, end: nl < 0 ? src.length : nl + 1, text: '' };
    return { start: a.span.start, end: a.span.end, text: '' };
  });
}

// ---- keys that are present under a wrong spelling ----

const writtenKeysCache = new WeakMap<ParsedConfig, string[]>();

/** Keys the file writes (parsed, or on lines the parser gave up on) that neither tool knows; computed once per parse. */
function unknownWrittenKeys(cfg: ParsedConfig): string[] {
  const cached = writtenKeysCache.get(cfg);
  if (cached) return cached;
  const written = new Set(cfg.assignments.map((a) => a.key));
  const lines = cfg.source.split('\n', 20000);
  for (const line of lines) {
    const m = KEY_ASSIGNMENT_LINE.exec(line.slice(0, 200));
    if (m?.[1]) written.add(m[1]);
  }
  const unknown = [...written].filter((w) => !ALL_KEYS.has(w));
  writtenKeysCache.set(cfg, unknown);
  return unknown;
}

/**
 * A key written with other case or a small typo (Memory, memmory for memory). A "missing key" finding
 * then offers no fix of its own: the spelling rules rename the key, keeping the user's value.
 */
export function misspeltKey(cfg: ParsedConfig, key: string): string | undefined {
  for (const w of unknownWrittenKeys(cfg)) {
    if (w === key || ALL_KEYS.has(w)) continue;
    if (w.toLowerCase() === key || (w.length > 3 && editDistance(w.toLowerCase(), key, 2) <= (key.length <= 4 ? 1 : 2))) return w;
  }
  return undefined;
}
