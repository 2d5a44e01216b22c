/**
 * The outputs the troubleshooter asks for (issue 16), read as the answer: what dom0's tools print about memory,
 * files, filesystems, volumes, guests and daemons decides between the causes an error left open. Each rule reads
 * the asked output on its own lines; read with the earlier error (an open case) it names the one cause and its fix.
 */
import { domainList } from '../../logs/domain-list.js';
import { commandArgv, commands, linesOf } from '../../logs/query.js';
import { defineRule, once } from '../define.js';
import { HURD_EXT2_EXTENSIONS, HURD_WIKI, HURD_WIKI_PARTITIONS, XEN_TREE } from '../sources.js';


/** `xen_commandline        : ... pv=no-32 ...` (xl info). Bounded: linear. */
const XEN_COMMANDLINE = /^\s{0,8}xen_commandline\s{0,40}:\s{0,8}(?<line>.{0,600})$/;
const PV32_OFF_OPTION = /(?:^|\s)(?<opt>pv=(?:no-32|32=0|no32))(?:\s|,|$)/;
/** `free_memory            : 61` (MB, xl info / xm info). */
const FREE_MEMORY = /^\s{0,8}free_memory\s{0,40}:\s{0,8}(?<mb>\d{1,9})\s*$/;
/** The guest's memory, from a config line or an xl error ("memory = 512", "with 512M"). */
const GUEST_MEMORY = /^\s{0,8}memory\s{0,8}=\s{0,8}['"]?(?<mb>\d{1,6})\b/;
/** `ls: cannot access '/boot/gnumach-xen-pae': No such file or directory` (GNU ls, quoted or not). */
const LS_MISSING = /^ls: cannot access ['‘"]?(?<path>\/[^'’":\s]{1,200})['’"]?: No such file or directory/;
/** `Filesystem OS type:       Linux` (dumpe2fs -h / tune2fs -l). */
const FS_OS_TYPE = /^\s{0,4}Filesystem OS type:\s{1,40}(?<os>\S{1,20})\s*$/;
/** `  inactive          '/dev/vg0/hurd' [10.00 GiB] inherit` (lvscan). */
const LV_INACTIVE = /^\s{0,8}inactive\s{1,40}'(?<lv>\/dev\/[^']{1,200})'/;
/** `Disklabel type: dos` (fdisk -l): the disk carries a partition table. */
const DISKLABEL = /^Disklabel type:\s{1,20}(?<type>dos|gpt|sun|sgi|bsd)\s*$/;
/** An fdisk -l partition row: device (ending in its number), optional boot flag, start sector, ..., id, type. */
const FDISK_ROW = /^(?<device>\/\S{1,200}?)(?<n>\d{1,3})\s{1,40}(?:\*\s{1,40})?(?<start>\d{1,15})\s{1,40}\d{1,15}\s{1,40}\d{1,15}\s{1,40}\S{1,12}\s{1,40}(?<id>[0-9a-f]{1,4})\s{1,40}(?<type>.{1,60})$/;

/** `cat: /sys/hypervisor/type: No such file or directory`: the running kernel is not under Xen. */
const NO_SYS_HYPERVISOR = /\/sys\/hypervisor(?:\/type)?: No such file or directory/;

export const pv32OffOnCommandLine = defineRule({
  meta: {
    id: 'HX690',
    name: 'pv32-off-on-xen-command-line',
    title: "Xen's own command line switches 32-bit PV off (pv=no-32)",
    severity: 'error',
    domain: 'log',
    target: 'log',
    message: 'Xen was booted with pv=no-32: no 32-bit PV guest, so not the 32-bit Hurd, can start on it.',
    explanation:
      'Since Xen 4.14, pv=no-32 (or pv=32=0) on the hypervisor\'s command line turns 32-bit PV guests off. xl then fails with "guest type xen-3.0-x86_32p not supported", or before August 2021 with the misleading "can\'t allocate low memory for domain: Out of memory". xl info prints that command line as xen_commandline.',
    docs: { url: `${XEN_TREE}/docs/misc/xen-command-line.pandoc`, section: 'hurd-xen-facts.md #38, #41 (pv=no-32; the misleading out-of-memory message)' },
    knowledge: 'error-pae-mismatch',
    messages: { onCommandLine: "xen_commandline has {{opt}}: Xen switched 32-bit PV guests off, which is why the 32-bit Hurd cannot start (the 'out of memory' is misleading)." },
    supersedes: ['HX605', 'HX609', 'HX604'],
  },
  check(ctx) {
    for (const { line, text } of linesOf(ctx)) {
      const opt = PV32_OFF_OPTION.exec(XEN_COMMANDLINE.exec(text)?.groups?.line ?? '')?.groups?.opt;
      if (!opt) continue;
      return once({
        line,
        messageId: 'onCommandLine',
        data: { opt },
        advice: `Remove ${opt} from GRUB_CMDLINE_XEN_DEFAULT (or GRUB_CMDLINE_XEN) in /etc/default/grub, run update-grub and reboot; then xl info must list xen-3.0-x86_32p in xen_caps.`,
      });
    }
    return [];
  },
});

export const freeMemoryTooLow = defineRule({
  meta: {
    id: 'HX691',
    name: 'free-memory-too-low',
    title: 'dom0 leaves too little free memory for the guest (xl info free_memory)',
    severity: 'error',
    domain: 'log',
    target: 'log',
    message: "xl info's free_memory is smaller than the guest's memory: Xen cannot give the guest its memory.",
    explanation:
      'Xen does not overcommit: a new guest gets memory that is free in the hypervisor. When dom0 holds nearly all of it (no dom0_mem limit, autoballoon off), free_memory in xl info is small and the guest cannot be built ("can\'t allocate low memory", "not enough memory"). xl.conf recommends dom0_mem with autoballoon off, or autoballoon on so that xl shrinks dom0.',
    docs: { url: `${XEN_TREE}/docs/man/xl.conf.5.pod.in`, section: 'hurd-xen-facts.md #28 (dom0_mem, autoballoon), #121' },
    knowledge: 'error-memory',
    messages: { tooLow: 'free_memory is {{free}} MB, less than the {{need}} MB the guest needs: dom0 holds the memory, so Xen cannot build the guest.' },
    supersedes: ['HX605', 'HX609'],
  },
  check(ctx) {
    let free: { mb: number; line: number } | undefined;
    let need: number | undefined;
    for (const { line, text } of linesOf(ctx)) {
      const f = FREE_MEMORY.exec(text)?.groups?.mb;
      if (f) free = { mb: Number(f), line };
      const m = GUEST_MEMORY.exec(text)?.groups?.mb;
      if (m) need = Number(m);
    }
    // Without the guest's memory in the paste, the smallest guest the Hurd wants (xm's default) decides.
    const wanted = need ?? ctx.config?.values.memory;
    const needMb = typeof wanted === 'number' ? wanted : 128;
    if (!free || free.mb >= needMb) return [];
    return once({
      line: free.line,
      messageId: 'tooLow',
      data: { free: free.mb, need: needMb },
      advice: 'Free memory for it: shrink dom0 now with `xl mem-set 0 <MB>`, or for good boot Xen with dom0_mem=<MB>,max:<MB> (GRUB_CMDLINE_XEN_DEFAULT), or set autoballoon="1" in /etc/xen/xl.conf so xl shrinks dom0 itself.',
    });
  },
});

export const kernelNotOnDom0 = defineRule({
  meta: {
    id: 'HX692',
    name: 'kernel-not-on-dom0',
    title: "The kernel or hurd-modules is not where the config says, on dom0",
    severity: 'error',
    domain: 'log',
    target: 'log',
    message: 'ls says the file the config names is not on dom0: kernel= and ramdisk= are paths on dom0, not in the guest\'s disk.',
    explanation: "Xen's direct kernel boot reads kernel= and ramdisk= from dom0's own filesystem; a GNU Mach and hurd-modules that sit in the Hurd's /boot (or a mounted image) are not found there.",
    docs: { url: HURD_WIKI, section: 'hurd-xen-facts.md #21, #22 (files go into dom0\'s /boot)' },
    knowledge: 'getting-images',
    messages: {
      missing: '{{path}} does not exist on dom0: kernel= and ramdisk= are read from dom0\'s filesystem.',
      elsewhere: '{{path}} does not exist on dom0, but {{dir}} has it: kernel= and ramdisk= are read from dom0\'s own filesystem, not from the Hurd\'s disk.',
    },
    supersedes: ['HX606', 'HX607'],
  },
  check(ctx) {
    const all = linesOf(ctx);
    const missing = all.map((l) => ({ l, path: LS_MISSING.exec(l.text)?.groups?.path })).filter((m) => m.path && /gnumach|hurd-modules|pv-grub|\/boot\//.test(m.path));
    if (missing.length === 0) return [];
    const first = missing[0]!;
    const name = first.path!.replace(/^.*\//, '').replace(/\*$/, '');
    // `ls /mnt/hurd/boot` printed the file's name: that directory has it (its output: the lines up to the next command)
    const cmds = commands(ctx.events);
    const listing = cmds.find((c, i) => {
      if (c.data.program !== 'ls') return false;
      const end = cmds[i + 1]?.line ?? Number.POSITIVE_INFINITY;
      return all.some((l) => l.line > c.line && l.line < end && l.text.split(/\s+/).some((w) => w !== '' && w.startsWith(name) && /gnumach|hurd-modules/.test(w)));
    });
    const dir = listing ? commandArgv(listing).slice(1).find((a) => a.startsWith('/')) : undefined;
    const advice = `Copy the files into dom0's /boot: \`cp ${dir ?? '<where they are>'}/gnumach* ${dir ?? '<where they are>'}/hurd-modules /boot/\` (or point kernel= and ramdisk= at where they are on dom0).`;
    return once(dir ? { line: first.l.line, messageId: 'elsewhere', data: { path: first.path!, dir }, advice } : { line: first.l.line, messageId: 'missing', data: { path: first.path! }, advice });
  },
});

export const filesystemNotForHurd = defineRule({
  meta: {
    id: 'HX693',
    name: 'filesystem-creator-not-hurd',
    title: 'The filesystem was made for Linux (creator OS), not for the Hurd',
    severity: 'error',
    domain: 'log',
    target: 'log',
    message: 'dumpe2fs says the filesystem\'s OS type is not Hurd: it was made without -o hurd, so the Hurd cannot store translators on it.',
    explanation: "The Hurd keeps passive translators, a fourth permission set and the author in ext2 inode fields that only exist when the filesystem's creator OS is Hurd; mke2fs defaults to the OS it runs on, so on Linux it needs -o hurd. settrans then fails with \"Operation not supported\".",
    docs: { url: HURD_EXT2_EXTENSIONS, section: 'hurd-xen-facts.md #80' },
    knowledge: 'partition-filesystem',
    messages: { notHurd: 'The filesystem\'s OS type is {{os}}, not Hurd: it was made without -o hurd, so settrans cannot store translators on it.' },
    supersedes: ['HX658'],
  },
  check(ctx) {
    for (const { line, text } of linesOf(ctx)) {
      const os = FS_OS_TYPE.exec(text)?.groups?.os;
      if (!os || /^hurd$/i.test(os)) continue;
      return once({ line, messageId: 'notHurd', data: { os }, advice: 'Make the filesystem again for the Hurd (after saving what is on it): `mke2fs -o hurd -b 4096 -I 128 <device>` from dom0, then copy the system back (or reinstall with crosshurd).' });
    }
    return [];
  },
});

export const diskHeldByGuest = defineRule({
  meta: {
    id: 'HX694',
    name: 'disk-held-by-guest',
    title: 'Another running guest holds the disk',
    severity: 'error',
    domain: 'log',
    target: 'log',
    message: 'The disk is in use by another guest that xm list / xl list shows running.',
    explanation: "Xen's block hotplug script refuses a device that another domain already has writable (\"is mounted in a guest domain\"); dom0's own mount table does not show it. The other guest must let it go first.",
    docs: { url: `${XEN_TREE}/tools/hotplug/Linux/block`, section: 'hurd-xen-facts.md (disks: one writer per device)' },
    knowledge: 'disk',
    messages: { heldBy: 'The disk is held by the running guest {{names}}: only one guest may have it writable.' },
    triggers: ['mounted-in-domain', 'device-in-use'],
  },
  check(ctx) {
    const guests = domainList(ctx.text).filter((d) => d.id !== 0 && !/^domain-0$/i.test(d.name));
    if (guests.length === 0) return [];
    const names = guests.map((g) => g.name).join(', ');
    return once({ messageId: 'heldBy', data: { names }, advice: `Shut it down first (\`xm shutdown ${guests[0]!.name}\`, or \`xm destroy ${guests[0]!.name}\` if it hangs; xl alike), or give this guest another disk.` });
  },
});

export const volumeInactive = defineRule({
  meta: {
    id: 'HX695',
    name: 'logical-volume-inactive',
    title: 'The logical volume of the disk is not active',
    severity: 'error',
    domain: 'log',
    target: 'log',
    message: 'lvscan shows the volume inactive: its /dev path does not exist until it is activated.',
    explanation: 'LVM creates /dev/<vg>/<lv> only for active volumes; after a reboot a volume group that was not activated at boot leaves its volumes inactive, and xl finds no such file.',
    docs: { url: `${XEN_TREE}/tools/libs/light/libxl_device.c`, section: 'hurd-xen-facts.md (disk targets on dom0: phy: devices)' },
    knowledge: 'disk',
    messages: { inactive: '{{lv}} is inactive, so its device file does not exist and the guest\'s disk cannot be found.' },
  },
  check(ctx) {
    for (const { line, text } of linesOf(ctx)) {
      const lv = LV_INACTIVE.exec(text)?.groups?.lv;
      if (lv) return once({ line, messageId: 'inactive', data: { lv }, advice: `Activate it: \`lvchange -ay ${lv}\` (or the whole group: \`vgchange -ay ${lv.split('/')[2] ?? '<vg>'}\`), and check that the volume group is activated at boot.` });
    }
    return [];
  },
});

export const dom0NotUnderXen = defineRule({
  meta: {
    id: 'HX696',
    name: 'dom0-not-under-xen',
    title: 'dom0 runs without the Xen hypervisor',
    severity: 'error',
    domain: 'log',
    target: 'log',
    message: 'There is no /sys/hypervisor: this Linux was booted on bare metal, not as dom0 under Xen, so xl has no hypervisor to talk to.',
    explanation: 'Installing the Xen packages adds a GRUB entry that boots the hypervisor with Linux as dom0; the machine still boots the plain entry until that one is chosen. Under Xen, /sys/hypervisor/type says xen and xl info works.',
    docs: { url: `${XEN_TREE}/docs/man/xl.1.pod.in`, section: 'hurd-xen-facts.md #27 (xl needs xencommons, root, a running hypervisor)' },
    knowledge: 'toolstack',
    messages: { bareMetal: 'There is no /sys/hypervisor: Linux runs on bare metal, not under Xen, so xl cannot reach a hypervisor.' },
  },
  check(ctx) {
    for (const { line, text } of linesOf(ctx)) {
      if (NO_SYS_HYPERVISOR.test(text)) {
        return once({ line, messageId: 'bareMetal', advice: 'Reboot and pick the GRUB entry "... with Xen hypervisor" (make it the default with GRUB_DEFAULT in /etc/default/grub and update-grub); then `cat /sys/hypervisor/type` says xen.' });
      }
    }
    return [];
  },
});

export const xenconsoledNotRunning = defineRule({
  meta: {
    id: 'HX697',
    name: 'xenconsoled-not-running',
    title: 'xenconsoled is not running',
    severity: 'error',
    domain: 'log',
    target: 'log',
    message: 'pgrep finds no xenconsoled: the console daemon is not running, so no guest console can be read.',
    explanation: 'xl console and xl create -c talk to the guest console through xenconsoled, one of the xencommons daemons (with xenstored). When it is not running, xenconsole cannot find the guest\'s tty in xenstore.',
    docs: { url: `${XEN_TREE}/docs/man/xl.1.pod.in`, section: 'hurd-xen-facts.md #27 (xencommons: xenstored, xenconsoled)' },
    knowledge: 'error-console',
    messages: { notRunning: 'xenconsoled is not running (pgrep found nothing): nothing serves the guest consoles.' },
  },
  check(ctx) {
    const cmds = commands(ctx.events);
    for (const [i, c] of cmds.entries()) {
      const argv = commandArgv(c);
      if (!['pgrep', 'pidof'].includes(c.data.program ?? '') || !argv.some((a) => /^xenconsoled$/.test(a))) continue;
      // nothing printed: the next line of the paste is the next prompt (or the paste ends)
      const next = cmds[i + 1];
      const printed = ctx.events.some((e) => e.line > c.line && (next === undefined || e.line < next.line) && e.type !== 'command' && e.text.trim() !== '');
      if (!printed) return once({ line: c.line, messageId: 'notRunning', advice: 'Start the Xen daemons: `systemctl start xencommons` (or `/etc/init.d/xencommons start`; on old systems `xenconsoled`), and enable them at boot.' });
    }
    return [];
  },
});

export const partitionedDisk = defineRule({
  meta: {
    id: 'HX698',
    name: 'disk-has-partition-table',
    title: 'The guest\'s disk is a whole disk with a partition table',
    severity: 'error',
    domain: 'log',
    target: 'log',
    message: 'fdisk shows a partition table: the disk the guest gets is the whole image, and its ext2 filesystem is in a partition.',
    explanation:
      'GNU Mach sees the exported image or device as one disk (hd0 for hda). When that disk holds a partition table, root=device:hd0 points at its first sectors (the table), where ext2fs finds no filesystem ("bad magic number"). The wiki\'s Partitions section names a partition of it as part:N:device:hd0 (the parted store); exporting the partition itself as the vdev works too.',
    docs: { url: HURD_WIKI_PARTITIONS, section: 'hurd-xen-facts.md #15 (root=part:N:device:hd0), #93-#96 (disk names)' },
    knowledge: 'root-device',
    messages: { table: 'The disk has a {{type}} partition table; the Linux (ext2) partition is number {{n}}, starting at sector {{start}}: root=device:hd0 names the whole disk, not that partition.' },
    supersedes: ['HX650'],
  },
  check(ctx) {
    let type: string | undefined;
    for (const { line, text } of linesOf(ctx)) {
      type ??= DISKLABEL.exec(text)?.groups?.type;
      const row = type ? FDISK_ROW.exec(text.trim())?.groups : undefined;
      if (!row || row.id !== '83') continue;
      return once({
        line,
        messageId: 'table',
        data: { type: type!, n: row.n!, start: row.start! },
        advice: `Name the partition: extra = "root=part:${row.n}:device:hd0" (the Hurd's parted store, as the wiki's Partitions section shows), or export only the partition as the disk (a loop device at offset ${Number(row.start) * 512}: \`losetup -o ${Number(row.start) * 512} -f --show ${row.device}\`, then phy: that device as hda).`,
      });
    }
    return [];
  },
});

export const secondLookLogRules = [pv32OffOnCommandLine, freeMemoryTooLow, kernelNotOnDom0, filesystemNotForHurd, diskHeldByGuest, volumeInactive, dom0NotUnderXen, xenconsoledNotRunning, partitionedDisk];
