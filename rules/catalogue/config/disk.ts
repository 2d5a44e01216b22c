/** HX30x: the disk list and each disk spec (xm legacy `uname,vdev,mode` and xl's grammar). */
import type { Dialect, Edit } from '../../config/types.js';
import type { ConfigRule } from '../../types.js';
import { DISK_FIELDS_BY_BLANKS, MACH_NAME_AS_VDEV, MACH_ROOT_DEVICE, VDEV, VDEV_XL_NUMERIC, WHITESPACE } from '../../patterns/config.js';
import {
  classifyBoot, diskEntries, insideNode, isDirectGnumach, lastAssignment, misspeltKey, perDialect, replaceNode, rootArguments, spanAt, type DiskEntry,
} from './support.js';
import { HURD_RO_DISK, HURD_WIKI, XEN_VBD, XL_DISK, XM_CREATE_PY } from '../sources.js';
import { defineRule, type Report } from '../define.js';

const XL_FORMATS = new Set(['raw', 'qcow', 'qcow2', 'vhd', 'qed']);
const XM_MODES = new Set(['r', 'w', 'w!']);
const XL_MODES = new Set(['r', 'ro', 'w', 'rw']);

/** One field of a disk spec and where it sits in the string. */
interface Field {
  text: string;
  start: number;
  end: number;
}

export interface DiskFields {
  form: 'legacy' | 'xl-positional' | 'xl-keyvalue' | 'unreadable';
  fields: Field[];
  target?: Field;
  vdev?: Field;
  access?: Field;
}

function splitFields(raw: string): Field[] {
  const out: Field[] = [];
  let start = 0;
  for (const part of raw.split(',')) {
    const lead = part.length - part.trimStart().length;
    const text = part.trim();
    out.push({ text, start: start + lead, end: start + lead + text.length });
    start += part.length + 1;
  }
  return out;
}

/** Read the fields the way the tools do: xl key=value, xl positional (target,format,vdev,access), or xm's uname,vdev,mode. */
export function diskFields(raw: string): DiskFields {
  const fields = splitFields(raw);
  if (fields.some((f) => f.text.includes('='))) {
    const find = (...keys: string[]): Field | undefined => {
      for (const f of fields) {
        const eq = f.text.indexOf('=');
        if (eq > 0 && keys.includes(f.text.slice(0, eq).trim())) {
          const value = f.text.slice(eq + 1).trim();
          const at = f.start + f.text.indexOf(value, eq);
          return { text: value, start: at, end: at + value.length };
        }
      }
      return undefined;
    };
    const target = find('target');
    const vdev = find('vdev');
    const access = find('access', 'mode');
    return { form: 'xl-keyvalue', fields, ...(target ? { target } : {}), ...(vdev ? { vdev } : {}), ...(access ? { access } : {}) };
  }
  const [first, second, third, fourth] = fields;
  if (!first || first.text === '' || WHITESPACE.test(first.text) || fields.length > 5) return { form: 'unreadable', fields };
  if (second && XL_FORMATS.has(second.text.toLowerCase())) {
    return { form: 'xl-positional', fields, target: first, ...(third ? { vdev: third } : {}), ...(fourth ? { access: fourth } : {}) };
  }
  return { form: 'legacy', fields, target: first, ...(second ? { vdev: second } : {}), ...(third ? { access: third } : {}) };
}

function withField(raw: string, field: Field, text: string): string {
  return raw.slice(0, field.start) + text + raw.slice(field.end);
}

function entryFix(entry: DiskEntry, raw: string, dialect: Dialect | undefined): Edit[] {
  return replaceNode(entry.node, raw, dialect);
}

export const diskNotList: ConfigRule = defineRule({
  meta: {
    id: 'HX301',
    name: 'disk-not-list',
    title: 'disk is not a list',
    severity: 'error',
    domain: 'disk',
    target: 'config',
    message: "disk must be a list of strings: disk = [ 'phy:sda4,hda,w' ].",
    explanation:
      'Both toolstacks want disk as a list, one string per disk. Given a bare string, xm iterates over its characters ("Invalid disk specifier") and xl warns that disk should be a list and attaches no disk, so GNU Mach finds no root device.',
    fixable: true,
    docs: { url: XL_DISK, section: 'xl.cfg(5) disk=[ "DISK_SPEC_STRING", ... ]; create.py preprocess_disk' },
    knowledge: 'disk',
    messages: {
      notList: 'disk = {{disk}} is a string, not a list: xm fails with "Invalid disk specifier" and xl attaches no disk. Put it in brackets: disk = [ {{disk}} ].',
    },
  },
  check({ config, dialect }) {
    const a = lastAssignment(config, 'disk');
    if (!a || a.value.kind !== 'string' || typeof a.value.value !== 'string') return [];
    return [
      {
        at: spanAt(a.value.span),
        messageId: 'notList',
        data: { disk: a.value.raw },
        fix: replaceNode(a.value, [a.value.value], dialect),
      },
    ];
  },
});

export const diskBadFields: ConfigRule = defineRule({
  meta: {
    id: 'HX302',
    name: 'disk-bad-fields',
    title: 'disk spec cannot be split into target, vdev and mode',
    severity: 'error',
    domain: 'disk',
    target: 'config',
    message: "A disk spec must be comma-separated fields: 'phy:sda4,hda,w' (target, vdev, mode).",
    explanation:
      "xm wants 3 to 5 comma fields (uname, vdev, mode[, backend[, protocol]]), else \"Invalid disk specifier\"; xl reads target,format,vdev,access positionally or key=value pairs and needs a vdev. Fields separated by blanks ('phy:sda4 hda w') or a spec without vdev is refused by both.",
    fixable: true,
    docs: { url: XL_DISK, section: 'xl-disk-configuration(5); create.py preprocess_disk; hurd-xen-facts.md #187-189' },
    knowledge: 'disk',
    messages: {
      blanks:
        'disk spec \'{{spec}}\' separates its fields with blanks: it cannot be split into target, vdev and mode (xm: "Invalid disk specifier"; xl: no vdev). Use commas: \'{{fixed}}\'.',
      unreadable: "disk spec '{{spec}}' cannot be split into target, vdev and mode: write 'phy:<device>,<vdev>,w', e.g. 'phy:sda4,hda,w'.",
    },
  },
  check({ config, dialect }) {
    const out: Report<'blanks' | 'unreadable'>[] = [];
    for (const entry of diskEntries(config) ?? []) {
      const d = diskFields(entry.raw);
      if (d.form !== 'unreadable' && d.vdev && d.vdev.text !== '') continue;
      const blanks = DISK_FIELDS_BY_BLANKS.exec(entry.raw.slice(0, 512));
      const fixed = blanks ? `${blanks[1]},${blanks[2]},${blanks[3]}` : undefined;
      out.push({
        at: spanAt(entry.node.span),
        ...(fixed ? { messageId: 'blanks', data: { spec: entry.raw, fixed } } : { messageId: 'unreadable', data: { spec: entry.raw } }),
        ...(fixed ? { fix: entryFix(entry, fixed, dialect) } : {}),
      });
    }
    return out;
  },
});

export const diskMissingMode: ConfigRule = defineRule({
  meta: {
    id: 'HX303',
    name: 'disk-missing-mode',
    title: 'disk spec without mode',
    severity: 'error',
    domain: 'disk',
    target: 'config',
    message: "The disk spec has no mode: write 'phy:sda4,hda,w' (xm needs the third field).",
    explanation:
      "xm's disk spec is uname,vdev,mode with 3 to 5 fields; 'phy:sda4,hda' has two, and xm refuses it. xl's newer grammar defaults the access to rw, so there it is only a lint. The Hurd root wants mode w.",
    fixable: true,
    docs: { url: XM_CREATE_PY, section: 'create.py preprocess_disk; xl-disk-configuration(5) access' },
    knowledge: 'disk',
    messages: {
      noMode: 'disk spec \'{{spec}}\' has no mode field: xm needs uname,vdev,mode and refuses it; xl would default to rw. Add the mode w: \'{{trimmed}},w\'.',
    },
  },
  check({ config, dialect }) {
    const out: Report<'noMode'>[] = [];
    for (const entry of diskEntries(config) ?? []) {
      const d = diskFields(entry.raw);
      if (d.form !== 'legacy' || d.fields.length !== 2 || !d.vdev || d.vdev.text === '') continue;
      out.push({
        at: spanAt(entry.node.span),
        severity: perDialect(dialect, { xm: 'error', xl: 'warning', either: 'error' }),
        messageId: 'noMode',
        data: { spec: entry.raw, trimmed: entry.raw.trimEnd() },
        fix: entryFix(entry, `${entry.raw.trimEnd()},w`, dialect),
      });
    }
    return out;
  },
});

export const diskBadMode: ConfigRule = defineRule({
  meta: {
    id: 'HX304',
    name: 'disk-bad-mode',
    title: 'unknown disk access mode',
    severity: 'error',
    domain: 'disk',
    target: 'config',
    message: 'The disk mode/access is not one the toolstack knows: xm takes r, w, w!; xl takes r, ro, w, rw.',
    explanation:
      'xm accepts the modes r (read-only), w (read-write) and w! (write, shared between domains); xl accepts r/ro and w/rw and rejects anything else ("unknown value for access"); xl has no w!. The Hurd root disk needs w: a read-only disk gives short-write errors.',
    fixable: true,
    docs: { url: XL_DISK, section: 'xl-disk-configuration(5) access; libxlu_disk_l.l; create.py/blkif.py modes' },
    knowledge: 'disk',
    messages: {
      xmOnly: 'disk mode \'{{mode}}\' in \'{{spec}}\': xm accepts it (write even when another domain has the disk), xl refuses it (xl has r/ro and w/rw only). Write \'w\' if you run xl, and never give one writable disk to two running guests.',
      xlOnly: 'disk mode \'{{mode}}\' in \'{{spec}}\' is xl syntax only; xm wants r or w (write \'w\' for a file both tools read).',
      invalid: 'disk mode/access \'{{mode}}\' in \'{{spec}}\' is not valid{{sharedNote}}: allowed are {{allowed}}. Use mode `{{wanted}}` (the Hurd root must be writable): \'{{fixed}}\'.',
    },
  },
  check({ config, dialect }) {
    const out: Report<'xmOnly' | 'xlOnly' | 'invalid'>[] = [];
    for (const entry of diskEntries(config) ?? []) {
      const d = diskFields(entry.raw);
      const access = d.access;
      if (!access || d.form === 'unreadable') continue;
      const mode = access.text;
      const okXm = XM_MODES.has(mode);
      const okXl = XL_MODES.has(mode);
      if (dialect === 'xm' ? okXm : dialect === 'xl' ? okXl : okXm || okXl) {
        // Both verdicts side by side when the file does not say which tool runs it: xm's w! is refused by xl.
        if (dialect === undefined && okXm && !okXl) {
          out.push({
            at: insideNode(entry.node, access.start),
            severity: 'warning',
            messageId: 'xmOnly',
            data: { mode, spec: entry.raw },
            fix: entryFix(entry, withField(entry.raw, access, 'w'), dialect),
          });
        }
        if (dialect === undefined && okXl && !okXm) {
          out.push({
            at: insideNode(entry.node, access.start),
            severity: 'info',
            messageId: 'xlOnly',
            data: { mode, spec: entry.raw },
            fix: entryFix(entry, withField(entry.raw, access, mode.startsWith('r') && mode !== 'rw' ? 'r' : 'w'), dialect),
          });
        }
        continue;
      }
      const wanted = mode === 'ro' ? 'r' : 'w';
      const allowed = dialect === 'xm' ? 'r, w, w!' : dialect === 'xl' ? 'r, ro, w, rw' : 'r or w (xm also w!, xl also ro/rw)';
      const sharedNote = mode === 'w!' && dialect === 'xl' ? ' (xl does not support w!: a disk cannot be written by two domains)' : '';
      out.push({
        at: insideNode(entry.node, access.start),
        messageId: 'invalid',
        data: { mode, spec: entry.raw, sharedNote, allowed, wanted, fixed: withField(entry.raw, access, wanted) },
        fix: entryFix(entry, withField(entry.raw, access, wanted), dialect),
      });
    }
    return out;
  },
});

/** hd0 -> hda, sd1 -> sdb, xvd0s2 -> xvda2: what the user probably meant when writing a Mach name as vdev. */
export function vdevForMachName(name: string): string | undefined {
  const m = MACH_NAME_AS_VDEV.exec(name);
  if (!m) return undefined;
  const n = Number(m[2]);
  if (n > 25) return undefined;
  return `${m[1]}${String.fromCharCode(97 + n)}${m[3] ?? ''}`;
}

export const diskVdevInvalid: ConfigRule = defineRule({
  meta: {
    id: 'HX305',
    name: 'disk-vdev-invalid',
    title: 'vdev is not a Xen virtual disk name',
    severity: 'error',
    domain: 'disk',
    target: 'config',
    message: 'The vdev must be a Xen virtual disk name such as hda, sda or xvda (GNU Mach then calls it hd0, sd0, xvd0).',
    explanation:
      'Xen names virtual disks hdX (4 disks), sdX and xvdX (optionally with a partition number, hda1). GNU Mach derives its own device name from it: hda -> hd0, hda1 -> hd0s1, sda -> sd0, xvda -> xvd0. A Mach name such as hd0 is not a valid vdev; it belongs in root=device:hd0.',
    fixable: true,
    docs: { url: XEN_VBD, section: 'xen-vbd-interface(7); gnumach xen/block.c; hurd-xen-facts.md #94-99' },
    knowledge: 'disk',
    messages: {
      machName:
        "vdev '{{name}}' in '{{spec}}' is GNU Mach's name, not a Xen vdev: write vdev {{vdev}} (GNU Mach will call it {{name}}, so root=device:{{name}} stays right).",
      notVdev: "vdev '{{name}}' in '{{spec}}' is not a Xen virtual disk name: use hda, sda or xvda (GNU Mach names them hd0, sd0, xvd0).",
    },
  },
  check({ config, dialect }) {
    const out: Report<'machName' | 'notVdev'>[] = [];
    for (const entry of diskEntries(config) ?? []) {
      const d = diskFields(entry.raw);
      const vdev = d.vdev;
      if (!vdev || vdev.text === '' || d.form === 'unreadable') continue;
      // xm's legacy ioemu:hda prefix is dropped by the toolstacks; :cdrom/:disk is a devtype suffix (hdc:cdrom).
      const bare = vdev.text.startsWith('ioemu:') ? vdev.text.slice(6) : vdev.text;
      const name = bare.includes(':') ? bare.slice(0, bare.indexOf(':')) : bare;
      if (VDEV.test(name) || (dialect !== 'xm' && VDEV_XL_NUMERIC.test(name))) continue;
      const suggestion = vdevForMachName(name);
      out.push({
        at: insideNode(entry.node, vdev.start),
        ...(suggestion ? { messageId: 'machName', data: { name, spec: entry.raw, vdev: suggestion } } : { messageId: 'notVdev', data: { name, spec: entry.raw } }),
        ...(suggestion ? { fix: entryFix(entry, withField(entry.raw, vdev, suggestion), dialect) } : {}),
      });
    }
    return out;
  },
});

export const diskDuplicateVdev: ConfigRule = defineRule({
  meta: {
    id: 'HX306',
    name: 'disk-duplicate-vdev',
    title: 'two disks with the same vdev',
    severity: 'error',
    domain: 'disk',
    target: 'config',
    message: 'Two disks use the same vdev; each disk needs its own (hda, hdb, ...).',
    explanation:
      'The vdev is the disk\'s identity in the guest (its xenstore device number); two disks cannot share one. The usual Hurd layout is the root as hda (hd0) and swap as hdb (hd1).',
    fixable: false,
    docs: { url: XEN_VBD, section: 'xen-vbd-interface(7); hurd-xen-facts.md #113' },
    knowledge: 'disk',
    messages: {
      duplicate: 'vdev {{vdev}} is used twice (\'{{first}}\' and \'{{second}}\'); give the second disk its own vdev (e.g. hdb, which GNU Mach calls hd1).',
    },
  },
  check({ config }) {
    const seen = new Map<string, DiskEntry>();
    const out: Report<'duplicate'>[] = [];
    for (const entry of diskEntries(config) ?? []) {
      const vdev = diskFields(entry.raw).vdev?.text;
      if (!vdev) continue;
      const first = seen.get(vdev);
      if (first) {
        out.push({
          at: spanAt(entry.node.span),
          messageId: 'duplicate',
          data: { vdev, first: first.raw, second: entry.raw },
        });
      } else seen.set(vdev, entry);
    }
    return out;
  },
});

export const diskMissing: ConfigRule = defineRule({
  meta: {
    id: 'HX307',
    name: 'disk-missing',
    title: 'no disk for the Hurd',
    severity: 'error',
    domain: 'disk',
    target: 'config',
    message: "No disk is configured: the Hurd needs its root filesystem, e.g. disk = [ 'phy:sda4,hda,w' ].",
    explanation:
      "GNU Mach boots from an already-installed GNU/Hurd filesystem exported as a Xen virtual disk. Without a disk line there is no root device (root=device:hd0 names nothing).",
    fixable: false,
    docs: { url: HURD_WIKI, section: 'hurd-xen-facts.md #77, #93, #105' },
    knowledge: 'disk',
    messages: {
      missing: 'no disk is configured: add the Hurd root filesystem, e.g. disk = [ \'phy:sda4,hda,w\' ] (GNU Mach calls vdev hda hd0, so root=device:hd0).',
    },
  },
  check({ config }) {
    const boot = classifyBoot(config);
    if (!(isDirectGnumach(boot) || boot.kind === 'pvgrub') || config.syntax === null) return [];
    if (lastAssignment(config, 'disk') || misspeltKey(config, 'disk')) return [];
    return [
      {
        messageId: 'missing',
      },
    ];
  },
});

export const diskRootReadOnly: ConfigRule = defineRule({
  meta: {
    id: 'HX308',
    name: 'disk-root-readonly',
    title: 'root disk exported read-only',
    severity: 'warning',
    domain: 'disk',
    target: 'config',
    message: 'The disk holding the Hurd root is exported read-only (mode r): the Hurd needs it writable (w).',
    explanation:
      'The Hurd mounts its root filesystem read-write; on a disk exported with mode r, e2fsck and the filesystem report short writes. Export the root disk with mode w.',
    fixable: true,
    docs: { url: HURD_RO_DISK, section: 'open_issues/xen_domu_with_ro_hd; hurd-xen-facts.md #92' },
    knowledge: 'disk',
    messages: {
      readOnly: 'the root disk \'{{spec}}\' ({{device}}) is exported read-only (mode {{mode}}); the Hurd root must be writable: use mode w.',
    },
  },
  check({ config, dialect }) {
    const entries = diskEntries(config);
    if (!entries) return [];
    const out: Report<'readOnly'>[] = [];
    for (const arg of rootArguments(config)) {
      const dev = MACH_ROOT_DEVICE.exec(arg.device)?.[2];
      const entry = entries.find((e) => e.machName === dev);
      const access = entry ? diskFields(entry.raw).access : undefined;
      if (!entry || !access || (access.text !== 'r' && access.text !== 'ro')) continue;
      out.push({
        at: insideNode(entry.node, access.start),
        messageId: 'readOnly',
        data: { spec: entry.raw, device: dev, mode: access.text },
        fix: entryFix(entry, withField(entry.raw, access, 'w'), dialect),
      });
    }
    return out;
  },
});

export const diskRules: ConfigRule[] = [
  diskNotList,
  diskBadFields,
  diskMissingMode,
  diskBadMode,
  diskVdevInvalid,
  diskDuplicateVdev,
  diskMissing,
  diskRootReadOnly,
];
