/**
 * HX686: GNU Mach's boot line shows a disk exported read-only. GNU Mach prints each Xen disk as
 * "hd0: dom0's VBD 768 (sda4,r) 10240MB" (xen/block.c hyp_block_init): the mode is w only when the backend's mode
 * is w and the disk is not marked VDISK_READONLY. A Hurd root on such a disk cannot be written ("Read-only file
 * system", e2fsck's short writes), whatever the Hurd does.
 */
import { eventsWithKind } from '../../logs/query.js';
import { cite, setting, stringValue } from '../../logs/settings.js';
import { defineRule } from '../define.js';
import { GNUMACH_TREE } from '../sources.js';

/** The Mach disk name in root=device:NAME or root=part:N:device:NAME of extra. Literal prefix, bounded name: linear. */
const ROOT_DEVICE = /root=(?:part:\d{1,3}:)?device:(?<name>(?:hd|sd|xvd)\d{1,3}(?:s\d{1,3})?)/;

export const vbdReadOnly = defineRule({
  meta: {
    id: 'HX686',
    name: 'vbd-read-only',
    title: 'GNU Mach got a disk read-only (mode r)',
    severity: 'error',
    domain: 'log',
    target: 'log',
    message: 'Xen exports a disk of the Hurd read-only (GNU Mach shows it as ",r"): use mode w in the disk line for the root disk.',
    explanation:
      'GNU Mach prints each disk it finds as "<name>: dom0\'s VBD <n> (<backend>,<mode>) <size>MB"; the mode is w only when the backend exports the disk writable and does not mark it read-only. The Hurd needs its root filesystem writable: on a read-only VBD, ext2fs mounts it read-only and writes fail ("Read-only file system", "short write"). The mode comes from the disk line (phy:sda4,hda,r) or from a read-only device in dom0.',
    docs: { url: `${GNUMACH_TREE}/xen/block.c`, section: 'hurd-xen-facts.md #92, #189; the mode GNU Mach prints in its "dom0\'s VBD" line' },
    knowledge: 'disk',
    messages: {
      rootReadOnly: 'GNU Mach got the root disk {{name}} read-only ({{backend}},r): the Hurd cannot write its own filesystem.{{fromConfig}}',
    },
    yieldsTo: ['HX671'],
  },
  check(ctx) {
    const disks = eventsWithKind(ctx.events, 'mach-vbd');
    const extra = setting(ctx, 'extra');
    const root = ROOT_DEVICE.exec(stringValue(extra) ?? '')?.groups?.name?.replace(/s\d{1,3}$/, '');
    // the root disk: the one root=device: names, or else the first disk GNU Mach found (a read-only second disk,
    // a CD image or data only read, is fine)
    const rootDisk = root !== undefined ? disks.find((e) => (e.data.name ?? '').replace(/s\d{1,3}$/, '') === root) : disks[0];
    if (!rootDisk || (rootDisk.data.mode ?? '').trim() !== 'r') return [];
    const disk = setting(ctx, 'disk');
    const backend = rootDisk.data.backend ?? 'sda4';
    return [
      {
        messageId: 'rootReadOnly',
        data: { name: rootDisk.data.name ?? 'hd0', backend, fromConfig: disk ? ` The disk line is on ${cite(disk)}.` : '' },
        line: rootDisk.line,
        advice: `Export it writable: mode w at the end of its disk entry (e.g. disk = ['phy:${backend},hda,w'], access=rw in xl's key=value form), and check on dom0 that the device itself is not read-only (blockdev --getro).`,
      },
    ];
  },
});
