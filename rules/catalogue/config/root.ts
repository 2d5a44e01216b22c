/** HX31x: GNU Mach's root device on the kernel command line (extra / root / cmdline) against the disks. */
import type { Dialect, Edit } from '../../config/types.js';
import type { ConfigRule, FixVariant } from '../../types.js';
import { LINUX_ROOT, MACH_PARTITION_SUFFIX, MACH_ROOT_DEVICE } from '../../patterns/config.js';
import {
  classifyBoot, diskEntries, isDirectGnumach, isOpaque, lastAssignment, misspeltKey, replaceNode, rewriteRoot, rootArguments, setKeyEdits, spanAt, stringValue, type DiskEntry, type RootArgument,
} from './support.js';
import { GNUMACH_BLOCK_C, HURD_WIKI, HURD_WIKI_2013, XL_PARSE_C } from '../sources.js';
import { defineRule, type Report } from '../define.js';

/** The Mach name the root should use: the disk whose vdev matches a Linux device name, else the first disk. */
function likelyRootDisk(entries: DiskEntry[] | undefined, linuxDevice?: string): DiskEntry | undefined {
  const named = entries?.filter((e) => e.machName);
  if (!named || named.length === 0) return undefined;
  if (linuxDevice) {
    const base = linuxDevice.replace('/dev/', '');
    const same = named.find((e) => e.spec.vdev === base);
    if (same) return same;
  }
  return named[0];
}

export const rootMissing: ConfigRule = defineRule({
  meta: {
    id: 'HX311',
    name: 'root-missing',
    title: 'GNU Mach gets no root device',
    severity: 'error',
    domain: 'boot',
    target: 'config',
    message: 'No root= for GNU Mach: add extra = "root=device:hd0" (the Mach name of the root disk).',
    explanation:
      'With direct boot, GNU Mach learns its root filesystem from the kernel command line: extra = "root=device:hd0" (or root = "device:hd0", which the tools turn into root=device:hd0). Without it the Hurd does not know where its root is.',
    fixable: true,
    docs: { url: HURD_WIKI, section: 'hurd-xen-facts.md #93, #105, #110-111' },
    knowledge: 'root-device',
    messages: {
      missing: 'root is missing: GNU Mach is booted directly but neither extra nor root gives it root={{device}}; add extra = "root={{device}}".',
      missingWithDisk:
        'root is missing: GNU Mach is booted directly but neither extra nor root gives it root={{device}} (your disk \'{{spec}}\' is {{name}} for GNU Mach); add extra = "root={{device}}".',
    },
  },
  check({ config, dialect }) {
    const boot = classifyBoot(config);
    if (!isDirectGnumach(boot) || config.syntax === null || misspeltKey(config, 'extra')) return [];
    if (isOpaque(config, 'extra') || isOpaque(config, 'root') || isOpaque(config, 'cmdline')) return [];
    if (rootArguments(config, dialect).length > 0) return [];
    const disk = likelyRootDisk(diskEntries(config));
    const device = `device:${disk?.machName ?? 'hd0'}`;
    const key = dialect !== 'xm' && lastAssignment(config, 'cmdline') ? 'cmdline' : 'extra';
    const a = lastAssignment(config, key);
    const current = stringValue(config, key);
    const fix: Edit[] =
      a && current !== undefined
        ? replaceNode(a.value, current.trim() === '' ? `root=${device}` : `root=${device} ${current.trim()}`, dialect)
        : setKeyEdits(config, 'extra', `root=${device}`, dialect);
    return [
      {
        ...(a ? { at: spanAt(a.value.span) } : {}),
        ...(disk ? { messageId: 'missingWithDisk', data: { device, spec: disk.raw, name: disk.machName } } : { messageId: 'missing', data: { device } }),
        fix,
      },
    ];
  },
});

export const rootLinuxStyle: ConfigRule = defineRule({
  meta: {
    id: 'HX312',
    name: 'root-linux-style',
    title: 'Linux-style root device',
    severity: 'error',
    domain: 'boot',
    target: 'config',
    message: 'GNU Mach does not understand root=/dev/hda1: the Hurd wants root=device:hd0.',
    explanation:
      'xm and xl turn root = "X" into root=X on the kernel command line, next to extra. GNU Mach names Xen disks after their vdev (hda -> hd0, hda1 -> hd0s1, sda -> sd0, xvda -> xvd0) and expects root=device:<name>; Linux names like /dev/hda1, UUID= or the "ro" flag mean nothing to it.',
    fixable: true,
    docs: { url: HURD_WIKI, section: 'hurd-xen-facts.md #93-98, #111; xl_parse.c parse_cmdline (' + XL_PARSE_C + ')' },
    knowledge: 'root-device',
    messages: {
      linuxRoot: '{{setting}} gives a Linux-style root ({{device}}); GNU Mach wants root=device:{{name}}, e.g. extra = "root=device:{{name}}".',
      linuxRootOfDisk:
        '{{setting}} gives a Linux-style root ({{device}}); GNU Mach wants root=device:{{name}} (the Mach name of vdev {{vdev}}), e.g. extra = "root=device:{{name}}".',
    },
  },
  check({ config, dialect }) {
    // A Linux kernel is HX102's finding, but its Linux root stays wrong once the kernel is GNU Mach: say so too.
    if (classifyBoot(config).kind === 'pvgrub') return [];
    const out: Report<'linuxRoot' | 'linuxRootOfDisk'>[] = [];
    const entries = diskEntries(config);
    for (const arg of rootArguments(config, dialect)) {
      if (MACH_ROOT_DEVICE.test(arg.device)) continue;
      const linux = LINUX_ROOT.test(arg.device);
      const disk = likelyRootDisk(entries, linux ? arg.device : undefined);
      const name = disk?.machName ?? 'hd0';
      const shown = arg.where === 'root' ? `root = "${arg.text}"` : `${arg.where} = "${arg.text}"`;
      out.push({
        at: spanAt(arg.node.span),
        ...(disk ? { messageId: 'linuxRootOfDisk', data: { setting: shown, device: arg.device, name, vdev: disk.spec.vdev } } : { messageId: 'linuxRoot', data: { setting: shown, device: arg.device, name } }),
        fix: rewriteRoot(arg, `device:${name}`, dialect, ['ro', 'rw']),
      });
    }
    return out;
  },
});

export const rootDeviceMismatch: ConfigRule = defineRule({
  meta: {
    id: 'HX313',
    name: 'root-device-mismatch',
    title: 'root=device: names no configured disk',
    severity: 'error',
    domain: 'boot',
    target: 'config',
    message: 'root=device:X names no configured disk: GNU Mach names Xen disks after the vdev (hda -> hd0, sda -> sd0, xvda -> xvd0).',
    explanation:
      'GNU Mach derives disk names from the vdev of each disk line: hda -> hd0, hdb -> hd1, hda1 -> hd0s1, sda -> sd0, xvda -> xvd0, xvda2 -> xvd0s2. A root device that matches none fails at boot ("device:hd0: No such device or address"). Whole-disk VBDs are not partitioned by GNU Mach: for a partition inside hda use root=part:N:device:hd0 or export the partition itself as hda1 (hd0s1).',
    fixable: true,
    docs: { url: GNUMACH_BLOCK_C, section: 'gnumach xen/block.c; hurd-xen-facts.md #94-101; ' + HURD_WIKI_2013 },
    knowledge: 'root-device',
    messages: {
      wholeDisk:
        'root=device:{{device}} names no configured disk: the vdev is {{vdev}}, a whole disk that GNU Mach calls {{name}} and does not partition. Use root={{target}}, or export the partition itself as vdev {{vdev}}{{n}} (hd0s{{n}}).',
      onlyDisk:
        'root={{prefix}}device:{{device}} names no configured disk: GNU Mach names Xen disks after the vdev, and the only disk has vdev {{vdev}}, which it calls {{name}}. Use root={{prefix}}device:{{name}} (or change the vdev: hda would be hd0).',
      whichDisk: 'root={{prefix}}device:{{device}} names no configured disk; GNU Mach names them after the vdev ({{list}}). Point root at the disk holding the Hurd root.',
    },
  },
  check({ config, dialect }) {
    const boot = classifyBoot(config);
    if (boot.kind === 'pvgrub' || boot.kind === 'linux') return [];
    const entries = diskEntries(config);
    if (!entries || entries.length === 0) return [];
    const known = entries.filter((e) => e.machName);
    if (known.length !== entries.length) return []; // some vdev unreadable: cannot tell
    const names = known.map((e) => e.machName!);
    const out: MismatchReport[] = [];
    for (const arg of rootArguments(config, dialect)) {
      const m = MACH_ROOT_DEVICE.exec(arg.device);
      if (!m) continue;
      const part = m[1];
      const device = m[2]!;
      if (names.includes(device)) continue;
      out.push(mismatch(arg, device, part, known, dialect));
    }
    return out;
  },
});

type MismatchReport = Report<'wholeDisk' | 'onlyDisk' | 'whichDisk'>;

function mismatch(arg: RootArgument, device: string, part: string | undefined, disks: DiskEntry[], dialect: Dialect | undefined): MismatchReport {
  const list = disks.map((e) => `${e.spec.vdev} -> ${e.machName}`).join(', ');
  const at = spanAt(arg.node.span);
  // root=device:hd0s1 with hda exported whole: GNU Mach does not partition a Xen VBD.
  const whole = MACH_PARTITION_SUFFIX.test(device) ? disks.find((e) => device.startsWith(`${e.machName}s`)) : undefined;
  if (whole && !part) {
    const n = device.slice(whole.machName!.length + 1);
    const target = `part:${n}:device:${whole.machName}`;
    return {
      at,
      messageId: 'wholeDisk',
      data: { device, vdev: whole.spec.vdev, name: whole.machName, target, n },
      fix: rewriteRoot(arg, target, dialect),
    };
  }
  const prefix = part ? `part:${part}:` : '';
  if (disks.length === 1) {
    const only = disks[0]!;
    return {
      at,
      messageId: 'onlyDisk',
      data: { prefix, device, vdev: only.spec.vdev, name: only.machName },
      fix: rewriteRoot(arg, `${prefix}device:${only.machName}`, dialect),
    };
  }
  const variants: FixVariant[] = disks.map((e) => ({
    label: `root is on '${e.raw}' (${e.spec.vdev}, GNU Mach ${e.machName})`,
    edits: rewriteRoot(arg, `${prefix}device:${e.machName}`, dialect),
  }));
  return {
    at,
    messageId: 'whichDisk',
    data: { prefix, device, list },
    ask: { question: 'Which disk holds the Hurd root filesystem?', variants },
  };
}

export const rootRules: ConfigRule[] = [rootMissing, rootLinuxStyle, rootDeviceMismatch];
