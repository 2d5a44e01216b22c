/**
 * xm -> xl conversion (issue 17): an xm config (Python source, never evaluated) becomes an xl config that libxlu
 * accepts and that means the same. The file is edited in place, so the user's comments and layout stay; every
 * change carries a note, and what cannot be converted without running code is refused with its line and why.
 *
 * Sources: xen-config-keys.md (which keys each tool knows, disk modes, on_* actions); xen.git
 * tools/python/xen/xm/create.py at e04254f7bc (xm's defaults: name from the file name, builder "linux");
 * tools/xl/xl_parse.c and docs/man/xl.cfg.5.pod.in (xl's keys and actions).
 */
import { annotatedDiff } from './fix.js';
import { XL_KEYS, XM_KEYS } from './catalogue/known-keys.js';
import { applyEdits, formatValue, parseConfig, parseDiskSpec, type Assignment, type Edit, type ParsedConfig, type PlainValue } from './config/index.js';

export interface ConvertNote {
  line?: number;
  message: string;
}

export interface ConvertResult {
  /** The xl config, or null when refused. */
  converted: string | null;
  notes: ConvertNote[];
  /** Why the file cannot be converted without running it (or is not an xm config at all). */
  refused: { line: number; reason: string } | null;
  /** Unified diff from the xm file to the xl file (null when nothing changed or refused). */
  diff: string | null;
}

export interface ConvertOptions {
  /** The config's file name: xm named the domain after it when `name` is missing. */
  fileName?: string;
}

/** Actions xl accepts for on_poweroff / on_reboot / on_crash (xl.cfg(5)). */
const XL_ACTIONS = new Set(['destroy', 'restart', 'rename-restart', 'preserve', 'coredump-destroy', 'coredump-restart', 'soft-reset']);
const ACTION_KEYS = new Set(['on_poweroff', 'on_reboot', 'on_crash']);

/**
 * xm keys xl does not read, and what became of them. Keys that xm passed on the Linux kernel command line
 * (ip, gateway, ...) mean nothing to GNU Mach.
 */
const XM_ONLY: Record<string, string> = {
  ip: 'xm put it on the Linux kernel command line (ip=...); GNU Mach does not read it: configure the Hurd\'s network with pfinet inside the guest',
  gateway: 'xm put it on the Linux kernel command line; configure the gateway with pfinet inside the Hurd',
  netmask: 'xm put it on the Linux kernel command line; configure the netmask with pfinet inside the Hurd',
  hostname: 'xm put it on the Linux kernel command line; GNU Mach does not read it',
  interface: 'xm put it on the Linux kernel command line; GNU Mach does not read it',
  dhcp: 'xm put it on the Linux kernel command line; GNU Mach does not read it',
  nfs_server: 'xm put it on the Linux kernel command line (NFS root); the Hurd cannot boot from it',
  nfs_root: 'xm put it on the Linux kernel command line (NFS root); the Hurd cannot boot from it',
  nics: 'deprecated in xm already: one vif entry per interface is how both tools count NICs',
  restart: 'the old xm restart policy; xl uses on_reboot / on_crash',
  cpu: 'xm pinned the first vCPU with it; xl uses cpus = "..."',
  vif2: 'netchannel2 interfaces were never supported by xl',
  vncconsole: 'an xm command-line option, not a domain setting',
  vncviewer: 'an xm command-line option, not a domain setting',
  console_autoconnect: 'an xm command-line option: use xl create -c',
  bootargs: 'xm passed it to the bootloader as one string; xl takes bootloader_args = [ ... ] (a list)',
};

export function convertXmToXl(source: string, opts: ConvertOptions = {}): ConvertResult {
  const parsed = parseConfig(source);
  const notes: ConvertNote[] = [];
  if (!parsed.xm.ok) {
    if (parsed.xl.ok) return identity(source, 'This is already an xl config (xm would not read it as Python): nothing to convert.');
    const e = parsed.xm.error;
    return refusal(e?.line ?? 1, `not a valid xm config: ${e?.message ?? 'Python syntax error'}`);
  }
  // A file both tools read, written for xl (xl-only keys, xl's disk syntax): converting it changes nothing.
  const xlSigns = parsed.xl.ok ? xlOnlySigns(parsed) : [];
  if (xlSigns.length > 0) return identity(source, `This is already an xl config (it uses ${xlSigns.slice(0, 3).join(', ')}): nothing to convert.`);
  // Statements the parser did not evaluate: constants True/False/None are data; anything else would have to run.
  const constants = new Map<number, PlainValue | null>();
  for (const n of parsed.notEvaluated) {
    const constant = pythonConstant(n.text);
    if (constant !== undefined) constants.set(n.line, constant);
    else return refusal(n.line, `${n.reason}: \`${n.text.trim().slice(0, 80)}\` would have to run to know its value, and nothing here is ever run`);
  }

  const edits: Edit[] = [];
  const lastOf = new Map<string, Assignment>();
  for (const a of parsed.assignments) lastOf.set(a.key, a);
  const used = helperNamesUsed(parsed);
  let typeWritten = false;

  for (const a of parsed.assignments) {
    const line = a.span.line;
    const known = XM_KEYS.has(a.key) || XL_KEYS.has(a.key);
    // Assignments xm overrode: only the last one counts, in both tools.
    if (lastOf.get(a.key) !== a) {
      if (known) {
        edits.push(removeLine(source, a));
        notes.push({ line, message: `\`${a.key}\` is set again on line ${lastOf.get(a.key)!.span.line}: removed this earlier assignment (both tools use the last one).` });
      }
      continue;
    }
    if (!known) {
      if (used.has(a.key)) {
        edits.push(removeLine(source, a));
        notes.push({ line, message: `helper variable \`${a.key}\` removed: its value is written into the settings that used it.` });
      } else notes.push({ line, message: `\`${a.key}\` is not a key xm or xl knows (both ignore it): kept as it is; check the spelling.` });
      continue;
    }
    const constant = constants.get(line);
    let value: PlainValue | undefined | null = constants.has(line) ? constant : a.value.value;
    if (value === null) {
      edits.push(removeLine(source, a));
      notes.push({ line, message: `\`${a.key} = None\` means "not set": removed.` });
      continue;
    }
    if (value === undefined) return refusal(line, `the value of \`${a.key}\` is not a constant: \`${a.value.raw.slice(0, 80)}\``);

    let key = a.key;
    if (key === 'builder') {
      const b = String(value).toLowerCase();
      if (b !== 'linux' && b !== 'hvm' && b !== 'generic') {
        edits.push(removeLine(source, a));
        notes.push({ line, message: `builder = "${String(value)}" has no xl equivalent: removed (xl builds a PV guest by default).` });
        continue;
      }
      key = 'type';
      value = b === 'hvm' ? 'hvm' : 'pv';
      typeWritten = true;
      notes.push({ line, message: `builder = "${String(a.value.value)}" is type = "${value}" in xl (builder is only a deprecated alias there).` });
    } else if (key === 'bootargs' && typeof value === 'string') {
      key = 'bootloader_args';
      value = [value];
      notes.push({ line, message: XM_ONLY.bootargs! });
    } else if (!XL_KEYS.has(key) || XM_ONLY[key] !== undefined) {
      edits.push(removeLine(source, a));
      notes.push({ line, message: `\`${key}\` removed: xl does not read it${XM_ONLY[key] ? ` (${XM_ONLY[key]})` : ' (an xm-only setting)'}.` });
      continue;
    } else if (key === 'disk' && Array.isArray(value)) {
      value = value.map((spec) => (typeof spec === 'string' ? diskForXl(spec, line, notes) : spec));
    } else if (key === 'vif' && Array.isArray(value)) {
      value = value.map((spec) => (typeof spec === 'string' ? vifForXl(spec, line, notes) : spec));
    } else if (ACTION_KEYS.has(key) && typeof value === 'string' && !XL_ACTIONS.has(value)) {
      edits.push(removeLine(source, a));
      notes.push({ line, message: `${key} = "${value}" is no action xl knows (${[...XL_ACTIONS].join(', ')}): removed, so xl's default applies.` });
      continue;
    } else if (typeof value === 'number' && constants.has(line)) {
      notes.push({ line, message: `Python's ${a.value.raw.trim()} is ${value} in xl.` });
    }

    let written: string;
    try {
      // the user's own quote character (a list's from its first item)
      written = formatValue(value, 'xl', a.value.quote ?? a.value.items?.[0]?.quote ?? '"');
    } catch (e) {
      return refusal(line, `the value of \`${a.key}\` cannot be written in xl's syntax (${(e as Error).message})`);
    }
    const replacement = `${key} = ${written}`;
    if (key === a.key && (written === a.value.raw || readsTheSameInXl(source.slice(a.span.start, a.span.end), key, value))) continue;
    if (a.value.kind === 'expression' && key === a.key && !constants.has(line)) {
      notes.push({ line, message: `\`${a.value.raw.trim().slice(0, 60)}\` written out as its value, ${written.slice(0, 80)} (xl does not compute).` });
    }
    edits.push({ start: a.span.start, end: a.span.end, text: replacement });
  }

  if (!lastOf.has('name')) {
    const name = domainName(opts.fileName);
    edits.push({ start: source.length, end: source.length, text: `${source.length > 0 && !source.endsWith('\n') ? '\n' : ''}name = ${formatValue(name, 'xl')}\n` });
    notes.push({
      message: opts.fileName
        ? `added name = "${name}": xm named the domain after its file, xl needs the name in the file.`
        : `added name = "${name}": xl needs a name in the file (xm took the file name); change it if your domain is called otherwise.`,
    });
  }
  void typeWritten;

  const converted = edits.length === 0 ? source : applyEdits(source, edits);
  const check = parseConfig(converted);
  if (!check.xl.ok) {
    // Should not happen (a property test converts the corpus and mutated configs); refuse rather than hand back a file xl rejects.
    return refusal(check.xl.error?.line ?? 1, `the converted file would not parse as xl (${check.xl.error?.message ?? 'syntax'}); convert it by hand`);
  }
  if (converted === source) return identity(source, parsed.xl.ok ? 'This config is already valid for xl and means the same there: nothing to change.' : 'Nothing to change.');
  notes.sort((x, y) => (x.line ?? Number.MAX_SAFE_INTEGER) - (y.line ?? Number.MAX_SAFE_INTEGER));
  return { converted, notes, refused: null, diff: annotatedDiff(source, converted, [], (opts.fileName ?? 'hurd').split(/[\\/]/).pop() || 'hurd') };
}

/** What only an xl config has: keys xm did not know, disks in xl's own syntax. */
function xlOnlySigns(parsed: ParsedConfig): string[] {
  const signs = parsed.assignments.filter((a) => XL_KEYS.has(a.key) && !XM_KEYS.has(a.key)).map((a) => `\`${a.key}\``);
  const disks = parsed.values.disk;
  for (const spec of Array.isArray(disks) ? disks : []) {
    if (typeof spec === 'string' && parseDiskSpec(spec).form === 'xl') {
      signs.push(`xl's disk syntax ('${spec.slice(0, 40)}')`);
      break;
    }
  }
  return signs;
}

/** Whether xl reads the statement as written to this value already (only its spacing would change). */
function readsTheSameInXl(statement: string, key: string, value: PlainValue): boolean {
  const alone = parseConfig(`${statement}\n`);
  return alone.xl.ok && JSON.stringify(alone.valuesByDialect?.xl?.[key] ?? alone.values[key]) === JSON.stringify(value);
}

function identity(source: string, message: string): ConvertResult {
  return { converted: source, notes: [{ message }], refused: null, diff: null };
}

function refusal(line: number, reason: string): ConvertResult {
  return { converted: null, notes: [], refused: { line, reason }, diff: null };
}

/** `True`, `False`, `None` written alone: Python constants, not code. */
function pythonConstant(statement: string): PlainValue | null | undefined {
  const code = statement.split('#', 1)[0]!;
  const eq = code.indexOf('=');
  if (eq < 0) return undefined;
  const value = code.slice(eq + 1).trim();
  return value === 'None' ? null : value === 'True' ? 1 : value === 'False' ? 0 : undefined;
}

/** Names (not Xen keys) that other assignments' expressions read: helper variables folded into their users. */
function helperNamesUsed(parsed: ParsedConfig): Set<string> {
  const used = new Set<string>();
  const names = new Set(parsed.assignments.map((a) => a.key).filter((k) => !XM_KEYS.has(k) && !XL_KEYS.has(k)));
  if (names.size === 0) return used;
  for (const a of parsed.assignments) {
    if (a.value.kind !== 'expression' && a.value.kind !== 'list' && a.value.kind !== 'tuple') continue;
    for (const word of a.value.raw.match(/[A-Za-z_]\w{0,63}/g) ?? []) if (names.has(word) && word !== a.key) used.add(word);
  }
  return used;
}

/** The statement's whole line when it stands alone on it (so no blank line is left), else the statement only. */
function removeLine(source: string, a: Assignment): Edit {
  const lineStart = source.lastIndexOf('\n', a.span.start - 1) + 1;
  let lineEnd = source.indexOf('\n', a.span.end);
  if (lineEnd < 0) lineEnd = source.length;
  const before = source.slice(lineStart, a.span.start);
  const after = source.slice(a.span.end, lineEnd);
  if (before.trim() === '' && /^\s*(?:#.*)?\r?$/.test(after)) return { start: lineStart, end: Math.min(lineEnd + 1, source.length), text: '' };
  return { start: a.span.start, end: a.span.end, text: '' };
}

/** An xm disk spec as libxlu's disk parser reads it: the legacy form stays; `w!` has no xl equivalent. */
function diskForXl(spec: string, line: number, notes: ConvertNote[]): string {
  const d = parseDiskSpec(spec);
  if (d.access === 'w!' && d.positions.access) {
    const [s, e] = d.positions.access;
    notes.push({
      line,
      message: `disk '${spec}': xm's w! (write access even when another domain has the disk) does not exist in xl: written as w. Never give one writable disk to two running guests.`,
    });
    return spec.slice(0, s) + 'w' + spec.slice(e);
  }
  if (d.errors.length > 0) notes.push({ line, message: `disk '${spec}': ${d.errors[0]!.message}; kept as it is, check it with \`xl -N create\`.` });
  return spec;
}

/** A vif spec with its `key=value` pairs tidied (no spaces around commas and =), as xl's examples write them. */
function vifForXl(spec: string, line: number, notes: ConvertNote[]): string {
  const tidy = spec
    .split(',')
    .map((part) => {
      const eq = part.indexOf('=');
      return eq < 0 ? part.trim() : `${part.slice(0, eq).trim()}=${part.slice(eq + 1).trim()}`;
    })
    .filter((part, i, all) => part !== '' || all.length === 1)
    .join(',');
  if (tidy !== spec) notes.push({ line, message: `vif '${spec}' written as '${tidy}'.` });
  return tidy;
}

/** xm's default name: the config file's name (create.py: os.path.basename of the file, without .cfg in practice). */
function domainName(fileName: string | undefined): string {
  const base = (fileName ?? '').split(/[\\/]/).pop() ?? '';
  const name = base.replace(/\.(?:cfg|conf|xm|xl)$/i, '').replace(/[^A-Za-z0-9_.-]/g, '');
  return name !== '' && name !== '-' ? name : 'hurd';
}
