/** HX6xx: the guest does not get built or GNU Mach does not come up (guest type, kernel, ramdisk, memory, root disk). */
import { GNUMACH_KERNEL_PATH, GUEST_TYPE_NAME, HURD_MODULES_PATH, HURD_ROOT_SYNTAX, INITRD_PATH, LINUX_KERNEL_PATH, LINUX_ROOT_PANIC, PVGRUB_PATH } from '../patterns/logs.js';
import { eventsWithKind, firstWithKind, hasKind, toolstackOf } from '../logs/query.js';
import { cite, listValue, numberValue, setting, stringValue } from '../logs/settings.js';
import { machNameToVdev, machPartition, vdevToMachName } from '../logs/vdev.js';
import type { LogContext } from '../types.js';
import { defineLogRule, GNUMACH_TREE, HURD_XEN_NETWORKING, HURD_XEN_PAGE, once, source, XEN_TREE, XEN_XM_TREE } from './logs-define.js';

const MEMORY_LIMIT_MB = 580;

function kernelCitation(ctx: LogContext): string {
  const kernel = setting(ctx, 'kernel');
  return kernel ? ` The kernel is set on ${cite(kernel)}.` : '';
}

function capsLine(ctx: LogContext): string | undefined {
  return firstWithKind(ctx.events, 'xen-caps')?.data.caps?.trim();
}

export const paeMismatch = defineLogRule(
  {
    id: 'HX604',
    name: 'pae-mismatch',
    title: 'The hypervisor does not support the guest type of this GNU Mach (PAE mismatch)',
    severity: 'error',
    message: 'The hypervisor refuses the kernel\'s guest type: PAE and non-PAE (or 32/64-bit) of GNU Mach and Xen do not match.',
    explanation:
      'A PAE GNU Mach declares guest type xen-3.0-x86_32p, a non-PAE one xen-3.0-x86_32; libxc\'s xc_dom_compat_check refuses a guest type that is not in the hypervisor\'s xen_caps. The Hurd wiki: with a PAE hypervisor use gnumach-xen-pae, gnumach-xen-nonpae only with a non-PAE hypervisor. A 64-bit Xen never runs non-PAE 32-bit guests, and since Xen 4.14 it may not run 32-bit PV guests at all (CONFIG_PV32 off, pv=no-32, or CET shadow stacks).',
    source: source(HURD_XEN_PAGE, 'hurd-xen-facts.md #30-#41; seed "Running Hurd with Xen" (Invalid kernel)'),
    knowledge: 'error-pae-mismatch',
  },
  (ctx) => {
    const event = firstWithKind(ctx.events, 'guest-type-unsupported');
    if (!event) return [];
    const guestType = event.data.guestType ?? '';
    const arch = GUEST_TYPE_NAME.exec(guestType)?.groups?.arch;
    const tool = toolstackOf(ctx.events);
    const caps = capsLine(ctx);
    const capsNote = caps ? ` Your hypervisor's xen_caps are: ${caps}.` : '';
    const info = tool === 'xl' ? 'xl info' : 'xm info';
    if (arch === '32') {
      return once({
        line: event.line,
        message: `The hypervisor cannot run a non-PAE 32-bit guest (guest type ${guestType}): this GNU Mach is the non-PAE build (gnumach-xen-nonpae) and the hypervisor is PAE or 64-bit.${capsNote}${kernelCitation(ctx)}`,
        advice: `Use the PAE build of GNU Mach: kernel = "/boot/gnumach-xen-pae" (Debian's i386 gnumach-image-1.8-xen-486 package, /boot/gnumach-1.8-xen-486.gz, is PAE too), or rebuild GNU Mach with --enable-platform=xen, which builds PAE by default. \`${info} | grep xen_caps\` shows what the hypervisor accepts: xen-3.0-x86_32p means PAE. Only a non-PAE hypervisor (Xen 3.2 or older) runs gnumach-xen-nonpae.`,
      });
    }
    if (arch === '32p' && tool === 'xm') {
      return once({
        line: event.line,
        message: `The hypervisor cannot run a 32-bit PAE guest (guest type ${guestType}): this GNU Mach is the PAE build (gnumach-xen-pae) and the hypervisor is a non-PAE one.${capsNote}${kernelCitation(ctx)}`,
        advice: `Check \`xm info | grep xen_caps\`. If it says xen-3.0-x86_32 (a non-PAE hypervisor, Xen 3.2 or older), either boot a PAE hypervisor and dom0 kernel and keep gnumach-xen-pae, or use kernel = "/boot/gnumach-xen-nonpae". If it lists only xen-3.0-x86_64, this 64-bit hypervisor has 32-bit PV guests turned off.`,
      });
    }
    if (arch === '32p' && tool === 'xl') {
      return once({
        line: event.line,
        message: `This Xen does not run 32-bit PV guests (guest type ${guestType} is not in its capabilities), and the 32-bit GNU Mach is one. The hypervisor is 64-bit with 32-bit PV support disabled.${capsNote}`,
        advice: `\`xl info | grep xen_caps\` must list xen-3.0-x86_32p. Since Xen 4.14 32-bit PV can be compiled out (CONFIG_PV32, off by default since 4.16 in builds without the PV shim) or switched off on the Xen command line (pv=no-32 / pv=32=0), and CET shadow stacks force it off. Use a Xen built with CONFIG_PV32=y, boot it without pv=no-32 (on CPUs with CET, with cet=no-shstk), then check xen_caps again. Running the guest inside the PV shim (type = "pvh", pvshim = 1) is the documented alternative, but untested with GNU Mach.`,
      });
    }
    if (arch === '32p') {
      return once({
        line: event.line,
        message: `The hypervisor cannot run this 32-bit PAE GNU Mach (guest type ${guestType}): it is either a non-PAE hypervisor (Xen 3.2 or older) or a 64-bit Xen with 32-bit PV guests disabled (possible since Xen 4.14).${capsNote}${kernelCitation(ctx)}`,
        advice: `Run \`xl info | grep xen_caps\` (or \`xm info\`). If it shows xen-3.0-x86_32, the hypervisor is non-PAE: boot a PAE hypervisor, or use kernel = "/boot/gnumach-xen-nonpae". If it shows only xen-3.0-x86_64, 32-bit PV is off: use a Xen built with CONFIG_PV32=y and boot it without pv=no-32 (with cet=no-shstk on CET CPUs).`,
      });
    }
    return once({
      line: event.line,
      message: `The hypervisor does not support the guest type ${guestType || 'of this kernel'}.${capsNote}${arch === '64' ? ' This is a 64-bit kernel; the usual Hurd on Xen is the 32-bit PAE GNU Mach.' : ''}${kernelCitation(ctx)}`,
      advice: `Compare \`${info} | grep xen_caps\` with the kernel: a 32-bit PAE GNU Mach (gnumach-xen-pae) needs xen-3.0-x86_32p, a non-PAE one xen-3.0-x86_32, a 64-bit one xen-3.0-x86_64. On an amd64 dom0 install the i386 flavour of the Xen GNU Mach for a 32-bit Hurd.`,
    });
  },
);

export const bootMemInit = defineLogRule(
  {
    id: 'HX605',
    name: 'boot-mem-init-failed',
    title: 'libxc could not allocate the guest\'s low memory',
    severity: 'error',
    message: 'xc_dom_boot_mem_init failed: either no 32-bit PV support in a 64-bit Xen (xl before Aug 2021 says it this way), or not enough free memory.',
    explanation:
      'Before August 2021, libxenguest reported a hypervisor without 32-bit PV support (CONFIG_PV32 off, pv=no-32, CET) with the misleading "xc_dom_boot_mem_init: can\'t allocate low memory for domain: Out of memory". In the older xm era the same message means the hypervisor really had no free memory left for the guest.',
    source: source(`${XEN_TREE}/tools/libs/guest/xg_dom_boot.c`, 'hurd-xen-facts.md #41, #121; xen.git commit 1787cc1679'),
    knowledge: 'error-pae-mismatch',
  },
  (ctx) => {
    const event = firstWithKind(ctx.events, 'low-memory-alloc');
    if (!event) return [];
    const tool = toolstackOf(ctx.events);
    const memory = setting(ctx, 'memory');
    const memNote = memory ? ` The guest asks for memory on ${cite(memory)}.` : '';
    if (tool === 'xm') {
      return once({
        line: event.line,
        knowledge: 'error-memory',
        message: `Xen could not allocate the guest's memory: not enough free memory on the host.${memNote}`,
        advice: 'Lower memory = in the config (256-512 MB is plenty for the Hurd, at most 580), check free memory with `xm info` (free_memory), and let dom0 give memory back (a smaller dom0-min-mem in /etc/xen/xend-config.sxp) or boot Xen with dom0_mem=... to keep memory free.',
      });
    }
    return once({
      line: event.line,
      message: `libxc could not allocate the guest's low memory. With xl on a 64-bit Xen this usually means 32-bit PV guests are disabled (older libxenguest reported it this way); otherwise the host is out of free memory.${memNote}`,
      advice: 'Run `xl info | grep -E "xen_caps|free_memory"`: if xen_caps lacks xen-3.0-x86_32p, the 32-bit Hurd cannot run until you boot a Xen with CONFIG_PV32=y and without pv=no-32 (with cet=no-shstk on CET CPUs). If xen_caps is fine, free memory: lower memory = (at most 580 for GNU Mach), or boot Xen with dom0_mem=... and set autoballoon="off" in /etc/xen/xl.conf.',
    });
  },
);

type ImageKind = 'kernel' | 'ramdisk';

function imageKindOfPath(ctx: LogContext, path: string): ImageKind {
  if (stringValue(setting(ctx, 'ramdisk')) === path) return 'ramdisk';
  if (stringValue(setting(ctx, 'kernel')) === path) return 'kernel';
  if (HURD_MODULES_PATH.test(path) || INITRD_PATH.test(path)) return 'ramdisk';
  const declared = firstWithKind(ctx.events, 'dom-file-failed')?.data.what;
  if (declared === 'ramdisk' || declared === 'kernel') return declared;
  return 'kernel';
}

interface MissingImage {
  kind: ImageKind;
  path?: string;
  line: number;
}

function missingImages(ctx: LogContext): MissingImage[] {
  const out: MissingImage[] = [];
  for (const e of ctx.events) {
    if (hasKind(e, 'image-does-not-exist') || hasKind(e, 'cannot-find-image')) {
      const what = (e.data.what ?? '').toLowerCase();
      out.push({ kind: what === 'kernel' ? 'kernel' : 'ramdisk', path: e.data.path, line: e.line });
    } else if (hasKind(e, 'failed-to-open-file') && e.data.path) {
      out.push({ kind: imageKindOfPath(ctx, e.data.path), path: e.data.path, line: e.line });
    } else if (hasKind(e, 'dom-file-failed') && (e.data.reason ?? '').includes('No such file')) {
      out.push({ kind: e.data.what === 'ramdisk' ? 'ramdisk' : 'kernel', line: e.line });
    }
  }
  return out;
}

export const kernelNotFound = defineLogRule(
  {
    id: 'HX606',
    name: 'kernel-not-found',
    title: 'The kernel file does not exist on dom0',
    severity: 'error',
    message: 'The kernel= path does not exist on dom0: copy the Xen build of GNU Mach there or fix the path.',
    explanation:
      'kernel= and ramdisk= are paths on dom0, read by the toolstack before the guest exists; they are not paths inside the Hurd disk. xm says "Kernel image does not exist: <path>", xl says "failed to open file \'<path>\'" and "xc_dom_kernel_file failed".',
    source: source(`${XEN_XM_TREE}/tools/python/xen/xend/image.py`, 'hurd-xen-facts.md #21, #22, #133'),
    knowledge: 'error-kernel-missing',
    triggers: ['image-does-not-exist', 'cannot-find-image', 'failed-to-open-file', 'dom-file-failed'],
  },
  (ctx) => {
    const miss = missingImages(ctx).find((m) => m.kind === 'kernel');
    if (!miss) return [];
    const kernel = setting(ctx, 'kernel');
    const path = miss.path ?? stringValue(kernel);
    const pvgrub = path !== undefined && PVGRUB_PATH.test(path);
    return once({
      line: miss.line,
      message: `The kernel file ${path ? `\`${path}\` ` : ''}does not exist on dom0, so the guest cannot be built.${kernel ? ` It is named on ${cite(kernel)}.` : ''}`,
      advice: pvgrub
        ? 'Put pv-grub.gz where kernel= points (it is not packaged by Debian; the Hurd wiki links a build) or fix the path; check with `ls -l /boot/`.'
        : 'kernel= is a path on dom0, not inside the Hurd disk. Copy the Xen build of GNU Mach there (gnumach-xen-pae from the Hurd wiki\'s binaries, or install Debian\'s gnumach-image-1.8-xen-486 package, which puts /boot/gnumach-1.8-xen-486.gz in place) and make kernel= name it exactly; `ls -l /boot/gnumach*` shows what is there.',
    });
  },
);

export const ramdiskNotFound = defineLogRule(
  {
    id: 'HX607',
    name: 'ramdisk-not-found',
    title: 'The ramdisk (hurd-modules) does not exist on dom0',
    severity: 'error',
    message: 'The ramdisk= path does not exist on dom0: copy hurd-modules there or fix the path.',
    explanation:
      'Direct boot of GNU Mach needs hurd-modules as ramdisk: it carries the Hurd\'s bootstrap modules (ext2fs and exec). Like kernel=, the path is read on dom0. xm says "Cannot find ramdisk", xl "failed to open file" and "xc_dom_ramdisk_file failed". With pv-grub no ramdisk is needed.',
    source: source(HURD_XEN_PAGE, 'hurd-xen-facts.md #21, #22, #69, #73, #157'),
    knowledge: 'error-kernel-missing',
    triggers: ['image-does-not-exist', 'cannot-find-image', 'failed-to-open-file', 'dom-file-failed'],
  },
  (ctx) => {
    const miss = missingImages(ctx).find((m) => m.kind === 'ramdisk');
    if (!miss) return [];
    const ramdisk = setting(ctx, 'ramdisk');
    const path = miss.path ?? stringValue(ramdisk);
    const kernel = stringValue(setting(ctx, 'kernel'));
    const pvgrub = kernel !== undefined && PVGRUB_PATH.test(kernel);
    return once({
      line: miss.line,
      message: `The ramdisk file ${path ? `\`${path}\` ` : ''}does not exist on dom0, so the guest cannot be built.${ramdisk ? ` It is named on ${cite(ramdisk)}.` : ''}`,
      advice: pvgrub
        ? 'This config boots pv-grub, which needs no ramdisk: remove the ramdisk line.'
        : 'ramdisk= is a path on dom0. Copy hurd-modules (the Hurd bootstrap modules for direct gnumach boot) to /boot, ideally rebuilt against your Hurd system\'s libc with the build_hurd-modules script, and check the path with `ls -l /boot/hurd-modules`. Booting with pv-grub instead makes hurd-modules unnecessary.',
    });
  },
);

export const notXenKernel = defineLogRule(
  {
    id: 'HX608',
    name: 'not-xen-kernel',
    title: 'The kernel is not a Xen (PV) image',
    severity: 'error',
    message: 'The kernel file is not a Xen PV kernel (no Xen ELF notes): use the Xen build of GNU Mach.',
    explanation:
      'libxc looks for a loader that recognises the kernel file; "xc_dom_find_loader: no loader found" (or "Not a Xen-ELF image") means the file is not a Xen PV ELF: a normal GNU Mach for PCs, a compressed Linux vmlinuz, or no kernel at all. GNU Mach must be built with --enable-platform=xen; its image carries Xen ELF notes (GUEST_OS "GNU Mach").',
    source: source(HURD_XEN_PAGE, 'hurd-xen-facts.md #50, #51, #54, #133'),
    knowledge: 'error-not-xen-kernel',
  },
  (ctx) => {
    const event = firstWithKind(ctx.events, 'no-loader') ?? firstWithKind(ctx.events, 'not-xen-elf');
    if (!event) return [];
    const kernel = setting(ctx, 'kernel');
    const path = stringValue(kernel);
    let what = '';
    if (path && LINUX_KERNEL_PATH.test(path) && !GNUMACH_KERNEL_PATH.test(path)) what = ` \`${path}\` looks like a Linux kernel, not GNU Mach.`;
    else if (path && GNUMACH_KERNEL_PATH.test(path) && !path.includes('xen')) what = ` \`${path}\` looks like the ordinary (PC) GNU Mach, which cannot boot under Xen.`;
    return once({
      line: event.line,
      message: `The kernel is not a Xen PV kernel image: libxc found no loader (no Xen ELF notes) for it.${what}${kernel ? ` It is set on ${cite(kernel)}.` : ''}`,
      advice:
        'For the Hurd, kernel= must be the Xen build of GNU Mach: gnumach-xen-pae (or Debian\'s gnumach-1.8-xen-486.gz from the gnumach-image-1.8-xen-486 package), built with --enable-platform=xen. The gnumach-*.gz of a normal Hurd install and a Linux vmlinuz have no Xen notes. `readelf -n <file>` shows the Xen notes of a real Xen kernel; a gzip-compressed file must be a Xen ELF inside.',
    });
  },
);

export const dom0Memory = defineLogRule(
  {
    id: 'HX609',
    name: 'dom0-memory',
    title: 'Not enough free memory for the guest',
    severity: 'error',
    message: 'There is not enough free memory for the guest and dom0 may not balloon down further: lower memory= or free memory from dom0.',
    explanation:
      'xend makes room for a new guest by shrinking (ballooning) dom0, but not below dom0-min-mem from /etc/xen/xend-config.sxp; xl does the same under autoballoon. When the guest\'s memory does not fit, creation fails. Xen does not overcommit: guest memory plus Xen\'s own must fit in physical RAM.',
    source: source(HURD_XEN_NETWORKING, 'hurd-xen-facts.md #28, #121; xen-config-keys.md "Toolstack-wide settings" (dom0-min-mem, autoballoon)'),
    knowledge: 'error-memory',
  },
  (ctx) => {
    const event = firstWithKind(ctx.events, 'dom0-min-mem') ?? firstWithKind(ctx.events, 'not-enough-memory');
    if (!event || firstWithKind(ctx.events, 'low-memory-alloc')) return [];
    const need = Number(event.data.need ?? NaN);
    const min = Number(event.data.min ?? NaN);
    const memory = setting(ctx, 'memory');
    let message = 'Not enough free memory for the guest';
    if (Number.isFinite(need) && Number.isFinite(min)) {
      message += `: it needs ${Math.round(need / 1024)} MiB and dom0 may not balloon below dom0-min-mem (${Math.round(min / 1024)} MiB).`;
    } else message += ': dom0 could not free enough memory for it.';
    if (memory) message += ` The guest's memory is set on ${cite(memory)}.`;
    const tool = toolstackOf(ctx.events);
    const advice =
      'Lower memory = in the config (the Hurd runs well with 256-512 MB and should not get more than 580), or free memory for guests: ' +
      (tool === 'xl'
        ? 'boot Xen with a fixed dom0_mem=... and set autoballoon="off" in /etc/xen/xl.conf; `xl info` shows free_memory.'
        : 'lower (dom0-min-mem ...) in /etc/xen/xend-config.sxp and restart xend, or boot Xen with a fixed dom0_mem=...; `xm info` shows free_memory and `xm list` what the other domains take.');
    return once({ line: event.line, message, advice });
  },
);

const XEN_GUEST_KINDS = ['running-on', 'mach-vbd', 'mach-vif', 'using-config', 'parsing-config', 'started-domain'];

/** Whether the paste shows a Xen guest: xm/xl output, GNU Mach's Xen banner or Xen disks, or a config alongside. */
function underXen(ctx: LogContext): boolean {
  if (setting(ctx, 'memory') !== undefined || setting(ctx, 'kernel') !== undefined) return true;
  return ctx.events.some((e) => XEN_GUEST_KINDS.some((k) => hasKind(e, k)) || (e.type === 'command' && (e.data.program === 'xm' || e.data.program === 'xl')));
}

export const memoryTruncated = defineLogRule(
  {
    id: 'HX610',
    name: 'memory-truncated',
    title: 'GNU Mach got more memory than it can map (over 580 MB)',
    severity: 'warning',
    message: 'The guest has more memory than GNU Mach can use at boot: give it at most 580 MB (memory = 512 is a good value).',
    explanation:
      'The Hurd wiki (2009-2015) says not to give the Hurd domU more than 580 MB: GNU Mach cannot easily map more at boot. GNU Mach prints "Truncating memory size to <N>MiB" when the domain has more than it maps; the rest is wasted or the boot misbehaves.',
    source: source('https://darnassus.sceen.net/cgit/hurd-web.git/plain/microkernel/mach/gnumach/ports/xen.mdwn?id=17c03d4ac934b2cf184e477c62abe355e37842cb', 'hurd-xen-facts.md #114-#116'),
    knowledge: 'memory',
  },
  (ctx) => {
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
    let message = given !== undefined ? `The guest has ${given} MiB of memory, more than the 580 MB GNU Mach can map at boot` : 'The guest has more memory than the 580 MB GNU Mach can map at boot';
    message += truncated ? `; GNU Mach truncated it to ${truncated.data.mib} MiB.` : '.';
    if (memory) message += ` The memory is set on ${cite(memory)}.`;
    return once({
      line: (truncated ?? physical?.e)?.line,
      message,
      advice: 'Set memory = 512 (anything up to 580) in the config and create the guest again.',
    });
  },
);

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

export const rootNotFound = defineLogRule(
  {
    id: 'HX611',
    name: 'root-device-not-found',
    title: 'The root device named by root=device: does not exist in GNU Mach',
    severity: 'error',
    message: 'GNU Mach has no disk by the name in root=device:..., so ext2fs cannot start: make root= match the vdev (hda -> hd0, sda -> sd0, xvda -> xvd0).',
    explanation:
      'GNU Mach names each Xen virtual disk after its vdev: hda -> hd0, hdb -> hd1, sda -> sd0, xvda -> xvd0, a partition vdev hda1 -> hd0s1. The root=device:NAME option (in extra) must use that name; otherwise ext2fs fails with "device:hd0: No such device or address". Whole-disk VBDs are not partitioned by GNU Mach: export the partition itself or use root=part:N:device:hd0.',
    source: source(`${GNUMACH_TREE}/xen/block.c`, 'hurd-xen-facts.md #93-#103'),
    knowledge: 'error-root-not-found',
  },
  (ctx) => {
    const event = firstWithKind(ctx.events, 'root-device-error');
    if (!event) return [];
    const wanted = event.data.device ?? '';
    const seen = eventsWithKind(ctx.events, 'mach-vbd').map((e) => e.data.name ?? '').filter((n) => n !== '');
    const vdevs = configuredVdevs(ctx);
    const available = seen.length > 0 ? seen : vdevs.map((v) => vdevToMachName(v)).filter((n): n is string => n !== undefined);
    let message = `GNU Mach has no disk called \`${wanted}\`, so ext2fs cannot open the root filesystem (root=device:${wanted}).`;
    if (seen.length > 0) message += ` At boot it found: ${seen.map((n) => `${n} (vdev ${machNameToVdev(n) ?? '?'})`).join(', ')}.`;
    else if (vdevs.length > 0) message += ` The disk line exports ${vdevs.map((v) => `${v}, which GNU Mach calls ${vdevToMachName(v) ?? '?'}`).join('; ')}.`;
    const disk = setting(ctx, 'disk');
    const extra = setting(ctx, 'extra');
    if (disk) message += ` (disk: ${cite(disk)}${extra ? `; root: ${cite(extra)}` : ''}.)`;
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
    return once({ line: event.line, message, advice });
  },
);

export const noBootstrapModules = defineLogRule(
  {
    id: 'HX612',
    name: 'no-bootstrap-modules',
    title: 'GNU Mach started without the Hurd bootstrap modules (no ramdisk)',
    severity: 'error',
    message: 'GNU Mach got no bootstrap modules: direct boot needs ramdisk = "/boot/hurd-modules".',
    explanation:
      'With direct kernel boot Xen passes one kernel and one ramdisk; the Hurd\'s bootstrap modules (ext2fs, exec) come in hurd-modules as the ramdisk. Without it GNU Mach stops with "No bootstrap code loaded with the kernel!". pv-grub loads the modules from the guest disk instead.',
    source: source(`${GNUMACH_TREE}/kern/bootstrap.c`, 'hurd-xen-facts.md #69, #74, #75'),
    knowledge: 'hurd-modules',
  },
  (ctx) => {
    const event = firstWithKind(ctx.events, 'no-bootstrap');
    if (!event) return [];
    const ramdisk = setting(ctx, 'ramdisk');
    return once({
      line: event.line,
      message: `GNU Mach started without the Hurd's bootstrap modules, so it has nothing to run.${ramdisk ? ` The ramdisk is set on ${cite(ramdisk)}: check that it really is hurd-modules.` : ' The config gives no ramdisk.'}`,
      advice: 'For direct boot add ramdisk = "/boot/hurd-modules" (copied to dom0\'s /boot, matching your Hurd\'s libc), or boot through pv-grub (kernel = "/boot/pv-grub.gz", extra = "(hd0)/boot/grub/menu.lst"), which loads the modules from the guest disk.',
    });
  },
);

export const machAsDom0 = defineLogRule(
  {
    id: 'HX613',
    name: 'mach-as-dom0',
    title: 'GNU Mach was booted as dom0',
    severity: 'error',
    message: 'GNU Mach only runs as a Xen guest (domU), never as dom0.',
    explanation: 'GNU Mach refuses to run with Xen\'s privileged flag ("Mach can\'t run as dom0."). The dom0 must be another system, GNU/Linux in every documented setup; the Hurd is then started as a domU with xm/xl create.',
    source: source(`${GNUMACH_TREE}/i386/i386at/model_dep.c`, 'hurd-xen-facts.md #19, #20'),
    knowledge: 'overview',
  },
  (ctx) => {
    const event = firstWithKind(ctx.events, 'mach-as-dom0');
    if (!event) return [];
    return once({
      line: event.line,
      message: 'GNU Mach was started as dom0, which it refuses: it only runs as a Xen guest.',
      advice: 'Boot Xen with a GNU/Linux dom0 (the Xen entry of GRUB loads xen.gz plus a Linux kernel), then start the Hurd from dom0 with `xm create -c hurd` or `xl create -c /etc/xen/hurd`.',
    });
  },
);

export const oldGnumachClock = defineLogRule(
  {
    id: 'HX614',
    name: 'old-gnumach-clock',
    title: 'GNU Mach loops on "nsec < lastnsec" (old Xen clock bug)',
    severity: 'warning',
    message: 'This GNU Mach has the Xen clock overflow bug fixed in November 2013: use a newer GNU Mach.',
    explanation: 'GNU Mach commit e2dde67c (2013-11-09) fixed an overflow in the Xen clock computation that made fast machines loop printing "warning: nsec 0x... < lastnsec 0x...".',
    source: source('https://darnassus.sceen.net/cgit/hurd-web.git/plain/microkernel/mach/gnumach/ports/xen.mdwn?id=c4ad3f73033c7e0511c3e7df961e1232cc503478', 'hurd-xen-facts.md #67'),
    knowledge: 'building-gnumach',
  },
  (ctx) => {
    const event = firstWithKind(ctx.events, 'xen-clock-warning');
    if (!event) return [];
    return once({
      line: event.line,
      message: 'GNU Mach keeps printing "nsec < lastnsec": this kernel predates the fix of the Xen clock overflow (November 2013).',
      advice: 'Use a GNU Mach built after that fix: Debian\'s gnumach-image-1.8-xen-486 package, or build current GNU Mach with --enable-platform=xen.',
    });
  },
);

export const oldGnumachBlock = defineLogRule(
  {
    id: 'HX615',
    name: 'old-gnumach-block-assert',
    title: 'GNU Mach\'s Xen block driver assertion copy->size <= PAGE_SIZE',
    severity: 'warning',
    message: 'This assertion comes from an old GNU Mach Xen block driver that could not handle large unaligned writes: use a newer GNU Mach.',
    explanation: 'In 2009 mkfs.ext2 inside a Xen domU hit "Assertion copy->size <= PAGE_SIZE failed in xen/block.c"; current GNU Mach no longer has that assertion.',
    source: source('https://www.gnu.org/software/hurd/open_issues/xen_crash_copy-size_le_page_size.html', 'hurd-xen-facts.md #91'),
    knowledge: 'building-gnumach',
  },
  (ctx) => {
    const event = firstWithKind(ctx.events, 'xen-block-assertion');
    if (!event) return [];
    return once({
      line: event.line,
      message: 'GNU Mach\'s Xen block driver failed its copy->size <= PAGE_SIZE assertion: a bug of old GNU Mach versions with large unaligned writes.',
      advice: 'Upgrade GNU Mach (Debian\'s gnumach-image-1.8-xen-486, or a current build with --enable-platform=xen); the assertion is gone from current xen/block.c.',
    });
  },
);

export const linuxBootedForHurd = defineLogRule(
  {
    id: 'HX632',
    name: 'linux-kernel-booted',
    title: 'A Linux kernel booted where GNU Mach was meant to',
    severity: 'error',
    message: 'The guest booted a Linux kernel, which cannot use the Hurd\'s root=device:hd0: kernel= must be the Xen build of GNU Mach.',
    explanation:
      'Xen boots whatever PV kernel kernel= names. A Linux Xen kernel (vmlinuz-*-xen-*) starts happily, then fails to mount root, because root=device:hd0 is the Hurd\'s syntax and the ramdisk is not an initrd. The Hurd needs GNU Mach (gnumach-xen-pae) with hurd-modules as ramdisk.',
    source: source(HURD_XEN_PAGE, 'hurd-xen-facts.md #50, #51, #54'),
    knowledge: 'kernel',
  },
  (ctx) => {
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
      message: `A Linux kernel booted instead of GNU Mach, and Linux cannot mount the Hurd's root (root=device:..., hurd-modules).${linuxKernel && kernel ? ` kernel= on ${cite(kernel)} is \`${path}\`, a Linux kernel.` : ''}`,
      advice: 'Point kernel= at the Xen build of GNU Mach (kernel = "/boot/gnumach-xen-pae", or Debian\'s /boot/gnumach-1.8-xen-486.gz from gnumach-image-1.8-xen-486), keep ramdisk = "/boot/hurd-modules" and extra = "root=device:hd0" (or hd0s1 for a partition), then create the guest again.',
    });
  },
);

export const bootRules = [
  paeMismatch,
  bootMemInit,
  kernelNotFound,
  ramdiskNotFound,
  notXenKernel,
  dom0Memory,
  memoryTruncated,
  rootNotFound,
  noBootstrapModules,
  machAsDom0,
  oldGnumachClock,
  oldGnumachBlock,
  linuxBootedForHurd,
];
