/** HX610-HX615, HX632, HX820, HX859: GNU Mach does not come up (memory, root disk, bootstrap modules, old kernels, a Linux kernel). */
import { GNUMACH_KERNEL_PATH, HURD_MODULES_PATH, HURD_ROOT_SYNTAX, BOOTSTRAP_AT_EXEC, BOOTSTRAP_AT_FS, BOOT_PROGRESS, ERRORISH, PROSE_ABOUT_ERRORS, HURD_STARTUP_NOT_FOUND, LINUX_KERNEL_PATH, LINUX_ROOT_PANIC, PVGRUB_MENTION, ROOT_DEVICE_OPTION } from '../../patterns/logs.js';
import { eventsWithKind, firstWithKind, hasKind } from '../../logs/query.js';
import { pasteLines } from '../../logs/lines.js';
import { cite, listValue, numberValue, setting, stringValue } from '../../logs/settings.js';
import { machNameToVdev, machPartition, vdevToMachName } from '../../logs/vdev.js';
import type { LogContext } from '../../types.js';
import { defineRule, once } from '../define.js';
import { GNUMACH_TREE, HURD_BLOCK_ASSERT, HURD_WIKI, HURD_WIKI_2013, HURD_WIKI_580 } from '../sources.js';

const MEMORY_LIMIT_MB = 580;

const XEN_GUEST_KINDS = ['running-on', 'mach-vbd', 'mach-vif', 'using-config', 'parsing-config', 'started-domain'];

/** Whether the paste shows a Xen guest: xm/xl output, GNU Mach's Xen banner or Xen disks, or a config alongside. */
function underXen(ctx: LogContext): boolean {
  if (setting(ctx, 'memory') !== undefined || setting(ctx, 'kernel') !== undefined) return true;
  return ctx.events.some((e) => XEN_GUEST_KINDS.some((k) => hasKind(e, k)) || (e.type === 'command' && (e.data.program === 'xm' || e.data.program === 'xl')));
}

export const memoryTruncated = defineRule({
  meta: {
    id: 'HX610',
    name: 'memory-truncated',
    title: 'GNU Mach got more memory than it can map (over 580 MB)',
    severity: 'warning',
    domain: 'log',
    target: 'log',
    message: 'The guest has more memory than GNU Mach can use at boot: give it at most 580 MB (memory = 512 is a good value).',
    explanation:
      'The Hurd wiki (2009-2015) says not to give the Hurd domU more than 580 MB: GNU Mach cannot easily map more at boot. GNU Mach prints "Truncating memory size to <N>MiB" when the domain has more than it maps; the rest is wasted or the boot misbehaves.',
    docs: { url: HURD_WIKI_580, section: 'hurd-xen-facts.md #114-#116' },
    knowledge: 'memory',
    messages: {
      overLimitTruncated:
        'The guest has {{given}} MiB of memory, more than the 580 MB GNU Mach can map at boot; GNU Mach truncated it to {{truncatedTo}} MiB.{{fromConfig}}',
      overLimit: 'The guest has {{given}} MiB of memory, more than the 580 MB GNU Mach can map at boot.{{fromConfig}}',
      truncated: 'The guest has more memory than the 580 MB GNU Mach can map at boot; GNU Mach truncated it to {{truncatedTo}} MiB.{{fromConfig}}',
      overLimitUnknown: 'The guest has more memory than the 580 MB GNU Mach can map at boot.{{fromConfig}}',
    },
  },
  check(ctx) {
    const truncated = firstWithKind(ctx.events, 'truncating-memory');
    // GNU Mach prints the same AT386 line on bare metal and in QEMU, where more than 580 MB is fine:
    // the memory only counts against the Xen limit when the paste shows a Xen guest.
    const physical = underXen(ctx)
      ? eventsWithKind(ctx.events, 'physical-memory')
          .map((e) => ({ e, mib: Math.round(Number.parseInt(e.data.to ?? '0', 16) / (1024 * 1024)) }))
          .find((p) => p.mib > MEMORY_LIMIT_MB)
      : undefined;
    if (!truncated && !physical) return [];
    const memory = setting(ctx, 'memory');
    const configured = numberValue(memory);
    const given = physical?.mib ?? configured;
    const messageId = given !== undefined ? (truncated ? 'overLimitTruncated' : 'overLimit') : truncated ? 'truncated' : 'overLimitUnknown';
    return once({
      line: (truncated ?? physical?.e)?.line,
      messageId,
      data: { given, truncatedTo: truncated?.data.mib, fromConfig: memory ? ` The memory is set on ${cite(memory)}.` : '' },
      advice: 'Set memory = 512 (anything up to 580) in the config and create the guest again.',
    });
  },
});

function configuredVdevs(ctx: LogContext): string[] {
  const out: string[] = [];
  for (const spec of listValue(setting(ctx, 'disk'))) {
    const fields = spec.split(',').map((f) => f.trim());
    const keyed = fields.find((f) => f.startsWith('vdev='));
    const vdev = keyed ? keyed.slice(5) : fields.length >= 3 && !spec.includes('=') ? fields[fields.length >= 4 ? 2 : 1] : undefined;
    if (vdev) out.push(vdev.split(':')[0] ?? vdev);
  }
  return out;
}

export const rootNotFound = defineRule({
  meta: {
    id: 'HX611',
    name: 'root-device-not-found',
    title: 'The root device named by root=device: does not exist in GNU Mach',
    severity: 'error',
    domain: 'log',
    target: 'log',
    message: 'GNU Mach has no disk by the name in root=device:..., so ext2fs cannot start: make root= match the vdev (hda -> hd0, sda -> sd0, xvda -> xvd0).',
    explanation:
      'GNU Mach names each Xen virtual disk after its vdev: hda -> hd0, hdb -> hd1, sda -> sd0, xvda -> xvd0, a partition vdev hda1 -> hd0s1. The root=device:NAME option (in extra) must use that name; otherwise ext2fs fails with "device:hd0: No such device or address". Whole-disk VBDs are not partitioned by GNU Mach: export the partition itself or use root=part:N:device:hd0.',
    docs: { url: `${GNUMACH_TREE}/xen/block.c`, section: 'hurd-xen-facts.md #93-#103' },
    knowledge: 'error-root-not-found',
    messages: {
      notFound: 'GNU Mach has no disk called `{{device}}`, so ext2fs cannot open the root filesystem (root=device:{{device}}).{{fromConfig}}',
      notFoundSeen: 'GNU Mach has no disk called `{{device}}`, so ext2fs cannot open the root filesystem (root=device:{{device}}). At boot it found: {{disks}}.{{fromConfig}}',
      notFoundExported:
        'GNU Mach has no disk called `{{device}}`, so ext2fs cannot open the root filesystem (root=device:{{device}}). The disk line exports {{disks}}.{{fromConfig}}',
    },
  },
  check(ctx) {
    const event = firstWithKind(ctx.events, 'root-device-error');
    if (!event) return [];
    const wanted = event.data.device ?? '';
    const seen = eventsWithKind(ctx.events, 'mach-vbd').map((e) => e.data.name ?? '').filter((n) => n !== '');
    const vdevs = configuredVdevs(ctx);
    const available = seen.length > 0 ? seen : vdevs.map((v) => vdevToMachName(v)).filter((n): n is string => n !== undefined);
    const disk = setting(ctx, 'disk');
    const extra = setting(ctx, 'extra');
    const fromConfig = disk ? ` (disk: ${cite(disk)}${extra ? `; root: ${cite(extra)}` : ''}.)` : '';
    const report =
      seen.length > 0
        ? { messageId: 'notFoundSeen' as const, data: { device: wanted, disks: seen.map((n) => `${n} (vdev ${machNameToVdev(n) ?? '?'})`).join(', '), fromConfig } }
        : vdevs.length > 0
          ? { messageId: 'notFoundExported' as const, data: { device: wanted, disks: vdevs.map((v) => `${v}, which GNU Mach calls ${vdevToMachName(v) ?? '?'}`).join('; '), fromConfig } }
          : { messageId: 'notFound' as const, data: { device: wanted, fromConfig } };
    const target = available[0];
    const wantedVdev = machNameToVdev(wanted);
    const wholeDisk = target ?? wanted.replace(/s\d+$/, '');
    const partitionHint =
      machPartition(wanted) !== undefined && (!target || machPartition(target) === undefined)
        ? ` ${wanted} names a partition inside a disk, and GNU Mach does not split a whole-disk VBD (a disk image) into partitions: export the partition itself as its own vdev (${wantedVdev ?? 'hda1'}) or boot with root=part:${machPartition(wanted)}:device:${wholeDisk}.`
        : '';
    const advice = target
      ? `Either set extra = "root=device:${target}" to match the disk, or change the vdev in the disk line to ${wantedVdev ?? 'hda'} so that GNU Mach calls it ${wanted}.${partitionHint} Naming: hda -> hd0, hdb -> hd1, sda -> sd0, xvda -> xvd0, hda1 -> hd0s1.`
      : `Make root=device: use GNU Mach's name of the vdev in your disk line: hda -> hd0, hdb -> hd1, sda -> sd0, xvda -> xvd0, hda1 -> hd0s1 (the wiki's sample: disk = ['phy:sda4,hda,w'] with extra = "root=device:hd0"). GNU Mach prints each disk it finds at boot as "<name>: dom0's VBD ...".${partitionHint}`;
    return once({ line: event.line, ...report, advice });
  },
});

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth'];

export const rootOnDataDisk = defineRule({
  meta: {
    id: 'HX820',
    name: 'root-on-data-disk',
    title: 'root= names a disk that holds no Hurd system (not the first disk)',
    severity: 'error',
    domain: 'log',
    target: 'log',
    message: 'ext2fs mounted the disk root=device: names, but it holds no Hurd: root= points at another disk of the disk line than the one with the installed system (usually the first, hd0).',
    explanation:
      'GNU Mach names the disks after their vdevs (hda -> hd0, hdb -> hd1) and ext2fs mounts the one root=device: names, then starts /hurd/startup from it. A second disk (data, swap) has no such program, so libdiskfs prints "Cannot find startup program". The wiki\'s sample puts the system on the first disk, hda, with root=device:hd0.',
    docs: { url: HURD_WIKI, section: 'hurd-xen-facts.md #93-#99, #105' },
    knowledge: 'root-device',
    messages: {
      notFirst:
        'root=device:{{device}} names the {{ordinal}} disk of your disk line ({{spec}}), and ext2fs found no Hurd on it ("Cannot find startup program"). The system is usually on the first disk, {{first}} ({{firstSpec}}).',
    },
  },
  check(ctx) {
    const missing = ctx.events.find((e) => HURD_STARTUP_NOT_FOUND.test(e.text));
    const extra = setting(ctx, 'extra');
    const device = ROOT_DEVICE_OPTION.exec(stringValue(extra) ?? '')?.groups?.name;
    if (!missing || !device) return [];
    const specs = listValue(setting(ctx, 'disk'));
    const names = configuredVdevs(ctx).map((v) => vdevToMachName(v));
    const at = names.indexOf(device.replace(/s\d{1,2}$/, ''));
    if (at <= 0 || names[0] === undefined) return [];
    return once({
      line: missing.line,
      messageId: 'notFirst',
      data: { device, ordinal: ORDINALS[at] ?? `#${at + 1}`, spec: specs[at] ?? '', first: names[0], firstSpec: specs[0] ?? '' },
      advice: `Set extra = "root=device:${names[0]}" (the disk that holds the installed Hurd) and keep the other disk for data; if the system really is on ${device}, install it there first (crosshurd).`,
    });
  },
});

export const bootstopsAtExec = defineRule({
  meta: {
    id: 'HX859',
    name: 'boot-stops-at-exec',
    title: 'The boot stops silently when the exec server starts (hurd-modules and libc)',
    severity: 'warning',
    domain: 'log',
    target: 'log',
    message: 'The Hurd\'s bootstrap got as far as starting the exec server from hurd-modules and then said nothing more: that exec server and its ld.so were most likely built for another glibc than the one installed (a downloaded hurd-modules on a newer system).',
    explanation:
      'With a direct boot, hurd-modules carries ext2fs.static and ld.so running /hurd/exec; ld.so then loads the guest\'s own libc. The wiki says hurd-modules has to come from the same libc as the installed system (glibc 2.6 or later in 2009); when they differ the exec server never comes up, and the boot line ends at "exec" without "startup proc auth". Our inference from the boot order; a relocation error, when printed, says it outright (HX689).',
    docs: { url: HURD_WIKI, section: 'hurd-xen-facts.md #11, #73, #75, #76' },
    knowledge: 'hurd-modules',
    messages: {
      stops: 'The boot stops right after "{{line}}": ext2fs runs, but the exec server that hurd-modules starts never comes up; hurd-modules was most likely built against another glibc than the system you installed.',
    },
  },
  check(ctx) {
    // The last console line of the paste is the bootstrap line ending at "exec" (what follows, if anything, is the
    // asker's account of the hang, not console output of a later step). One step earlier, the line ending at the
    // root filesystem's name, counts when the paste says hurd-modules is in use: the exec server it carries never
    // came up at all.
    const lines = ctx.lines ?? pasteLines(ctx.text);
    let last: { line: number; text: string } | undefined;
    for (let i = lines.length - 1; i >= 0; i--) {
      const text = lines[i]!.text;
      if (BOOTSTRAP_AT_EXEC.test(text) || (BOOTSTRAP_AT_FS.test(text) && HURD_MODULES_PATH.test(ctx.text))) {
        last = lines[i];
        break;
      }
      if (BOOT_PROGRESS.test(text) || (ERRORISH.test(text) && !PROSE_ABOUT_ERRORS.test(text))) return [];
    }
    if (!last) return [];
    // (pv-grub loads the guest's own modules: no hurd-modules to mismatch)
    if (PVGRUB_MENTION.test(stringValue(setting(ctx, 'kernel')) ?? '') || PVGRUB_MENTION.test(ctx.text)) return [];
    return once({
      line: last.line,
      messageId: 'stops',
      data: { line: last.text.trim().slice(0, 120) },
      advice: 'Rebuild hurd-modules from the installed system with the build_hurd-modules script, so that its ld.so and exec match the guest\'s libc; or boot through pv-grub, which loads the modules from the guest\'s own disk and needs no hurd-modules.',
    });
  },
});

export const noBootstrapModules = defineRule({
  meta: {
    id: 'HX612',
    name: 'no-bootstrap-modules',
    title: 'GNU Mach started without the Hurd bootstrap modules (no ramdisk)',
    severity: 'error',
    domain: 'log',
    target: 'log',
    message: 'GNU Mach got no bootstrap modules: direct boot needs ramdisk = "/boot/hurd-modules".',
    explanation:
      'With direct kernel boot Xen passes one kernel and one ramdisk; the Hurd\'s bootstrap modules (ext2fs, exec) come in hurd-modules as the ramdisk. Without it GNU Mach stops with "No bootstrap code loaded with the kernel!". pv-grub loads the modules from the guest disk instead.',
    docs: { url: `${GNUMACH_TREE}/kern/bootstrap.c`, section: 'hurd-xen-facts.md #69, #74, #75' },
    knowledge: 'hurd-modules',
    messages: {
      notModules: "GNU Mach started without the Hurd's bootstrap modules, so it has nothing to run. The ramdisk is set on {{setting}}: check that it really is hurd-modules.",
      noRamdisk: "GNU Mach started without the Hurd's bootstrap modules, so it has nothing to run. The config gives no ramdisk.",
    },
  },
  check(ctx) {
    const event = firstWithKind(ctx.events, 'no-bootstrap');
    if (!event) return [];
    const ramdisk = setting(ctx, 'ramdisk');
    return once({
      line: event.line,
      ...(ramdisk ? { messageId: 'notModules', data: { setting: cite(ramdisk) } } : { messageId: 'noRamdisk' }),
      advice: 'For direct boot add ramdisk = "/boot/hurd-modules" (copied to dom0\'s /boot, matching your Hurd\'s libc), or boot through pv-grub (kernel = "/boot/pv-grub.gz", extra = "(hd0)/boot/grub/menu.lst"), which loads the modules from the guest disk.',
    });
  },
});

export const machAsDom0 = defineRule({
  meta: {
    id: 'HX613',
    name: 'mach-as-dom0',
    title: 'GNU Mach was booted as dom0',
    severity: 'error',
    domain: 'log',
    target: 'log',
    message: 'GNU Mach only runs as a Xen guest (domU), never as dom0.',
    explanation: 'GNU Mach refuses to run with Xen\'s privileged flag ("Mach can\'t run as dom0."). The dom0 must be another system, GNU/Linux in every documented setup; the Hurd is then started as a domU with xm/xl create.',
    docs: { url: `${GNUMACH_TREE}/i386/i386at/model_dep.c`, section: 'hurd-xen-facts.md #19, #20' },
    knowledge: 'overview',
    messages: {
      asDom0: 'GNU Mach was started as dom0, which it refuses: it only runs as a Xen guest.',
    },
  },
  check(ctx) {
    const event = firstWithKind(ctx.events, 'mach-as-dom0');
    if (!event) return [];
    return once({
      line: event.line,
      messageId: 'asDom0',
      advice: 'Boot Xen with a GNU/Linux dom0 (the Xen entry of GRUB loads xen.gz plus a Linux kernel), then start the Hurd from dom0 with `xm create -c hurd` or `xl create -c /etc/xen/hurd`.',
    });
  },
});

export const oldGnumachClock = defineRule({
  meta: {
    id: 'HX614',
    name: 'old-gnumach-clock',
    title: 'GNU Mach loops on "nsec < lastnsec" (old Xen clock bug)',
    severity: 'warning',
    domain: 'log',
    target: 'log',
    message: 'This GNU Mach has the Xen clock overflow bug fixed in November 2013: use a newer GNU Mach.',
    explanation: 'GNU Mach commit e2dde67c (2013-11-09) fixed an overflow in the Xen clock computation that made fast machines loop printing "warning: nsec 0x... < lastnsec 0x...".',
    docs: { url: HURD_WIKI_2013, section: 'hurd-xen-facts.md #67' },
    knowledge: 'building-gnumach',
    messages: {
      clockOverflow: 'GNU Mach keeps printing "nsec < lastnsec": this kernel predates the Xen clock overflow fixed in November 2013 (GNU Mach commit e2dde67c).',
    },
  },
  check(ctx) {
    const event = firstWithKind(ctx.events, 'xen-clock-warning');
    if (!event) return [];
    return once({
      line: event.line,
      messageId: 'clockOverflow',
      advice: 'Upgrade to a GNU Mach built after that fix: Debian\'s gnumach-image-1.8-xen-486 package, or build current GNU Mach with --enable-platform=xen.',
    });
  },
});

export const oldGnumachBlock = defineRule({
  meta: {
    id: 'HX615',
    name: 'old-gnumach-block-assert',
    title: 'GNU Mach\'s Xen block driver assertion copy->size <= PAGE_SIZE',
    severity: 'warning',
    domain: 'log',
    target: 'log',
    message: 'This assertion comes from an old GNU Mach Xen block driver that could not handle large unaligned writes: use a newer GNU Mach.',
    explanation: 'In 2009 mkfs.ext2 inside a Xen domU hit "Assertion copy->size <= PAGE_SIZE failed in xen/block.c"; current GNU Mach no longer has that assertion.',
    docs: { url: HURD_BLOCK_ASSERT, section: 'hurd-xen-facts.md #91' },
    knowledge: 'building-gnumach',
    messages: {
      blockAssert: 'GNU Mach\'s Xen block driver failed its copy->size <= PAGE_SIZE assertion: a bug of old GNU Mach versions with large unaligned writes.',
    },
  },
  check(ctx) {
    const event = firstWithKind(ctx.events, 'xen-block-assertion');
    if (!event) return [];
    return once({
      line: event.line,
      messageId: 'blockAssert',
      advice: 'Upgrade GNU Mach (Debian\'s gnumach-image-1.8-xen-486, or a current build with --enable-platform=xen); the assertion is gone from current xen/block.c.',
    });
  },
});

export const linuxBootedForHurd = defineRule({
  meta: {
    id: 'HX632',
    name: 'linux-kernel-booted',
    title: 'A Linux kernel booted where GNU Mach was meant to',
    severity: 'error',
    domain: 'log',
    target: 'log',
    message: 'The guest booted a Linux kernel, which cannot use the Hurd\'s root=device:hd0: kernel= must be the Xen build of GNU Mach.',
    explanation:
      'Xen boots whatever PV kernel kernel= names. A Linux Xen kernel (vmlinuz-*-xen-*) starts happily, then fails to mount root, because root=device:hd0 is the Hurd\'s syntax and the ramdisk is not an initrd. The Hurd needs GNU Mach (gnumach-xen-pae) with hurd-modules as ramdisk.',
    docs: { url: HURD_WIKI, section: 'hurd-xen-facts.md #50, #51, #54' },
    knowledge: 'kernel',
    messages: {
      linuxBooted: "A Linux kernel booted instead of GNU Mach, and Linux cannot mount the Hurd's root (root=device:..., hurd-modules).",
      linuxConfigured:
        "A Linux kernel booted instead of GNU Mach, and Linux cannot mount the Hurd's root (root=device:..., hurd-modules). kernel= on {{setting}} is `{{path}}`, a Linux kernel.",
    },
  },
  check(ctx) {
    const panic = ctx.events.find((e) => e.type !== 'command' && e.type !== 'config-line' && LINUX_ROOT_PANIC.test(e.text));
    if (!panic) return [];
    const kernel = setting(ctx, 'kernel');
    const path = stringValue(kernel);
    const linuxKernel = path !== undefined && LINUX_KERNEL_PATH.test(path) && !GNUMACH_KERNEL_PATH.test(path);
    const hurdRoot = ctx.events.some((e) => e.type !== 'command' && HURD_ROOT_SYNTAX.test(e.text));
    const hurdRamdisk = HURD_MODULES_PATH.test(stringValue(setting(ctx, 'ramdisk')) ?? '');
    // A Linux guest that lost its root is none of our business; only a Hurd setup booting Linux is.
    if (!hurdRoot && !hurdRamdisk) return [];
    return once({
      line: panic.line,
      ...(linuxKernel && kernel ? { messageId: 'linuxConfigured', data: { setting: cite(kernel), path } } : { messageId: 'linuxBooted' }),
      advice: 'Point kernel= at the Xen build of GNU Mach (kernel = "/boot/gnumach-xen-pae", or Debian\'s /boot/gnumach-1.8-xen-486.gz from gnumach-image-1.8-xen-486), keep ramdisk = "/boot/hurd-modules" and extra = "root=device:hd0" (or hd0s1 for a partition), then create the guest again.',
    });
  },
});

export const bootLogRules = [memoryTruncated, rootNotFound, rootOnDataDisk, bootstopsAtExec, noBootstrapModules, machAsDom0, oldGnumachClock, oldGnumachBlock, linuxBootedForHurd];
