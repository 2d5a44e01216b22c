/** HX604-HX609: the toolstack cannot build the guest (guest type, low memory, kernel and ramdisk files, memory). */
import { GNUMACH_KERNEL_PATH, GUEST_TYPE_NAME, HURD_MODULES_PATH, INITRD_PATH, LINUX_KERNEL_PATH, PVGRUB_PATH } from '../../patterns/logs.js';
import { firstWithKind, hasKind, toolstackOf } from '../../logs/query.js';
import { cite, setting, stringValue } from '../../logs/settings.js';
import type { LogContext } from '../../types.js';
import { defineRule, once } from '../define.js';
import { HURD_NETWORKING, HURD_WIKI, XEN_TREE, XEN_XM_TREE } from '../sources.js';

function kernelCitation(ctx: LogContext): string {
  const kernel = setting(ctx, 'kernel');
  return kernel ? ` The kernel is set on ${cite(kernel)}.` : '';
}

function capsLine(ctx: LogContext): string | undefined {
  return firstWithKind(ctx.events, 'xen-caps')?.data.caps?.trim();
}

export const paeMismatch = defineRule({
  meta: {
    id: 'HX604',
    decidedBy: { what: 'the output of `xl info | grep xen_caps` (or `xm info`)', why: 'to tell a GNU Mach of the wrong PAE flavour from a hypervisor that runs no 32-bit PV guest', shownBy: /\bxen_caps\s{0,40}:|\bguest type xen-3\.0-x86_32 not\b|Non PAE-kernel on PAE/ },
    name: 'pae-mismatch',
    title: 'The hypervisor does not support the guest type of this GNU Mach (PAE mismatch)',
    severity: 'error',
    domain: 'log',
    target: 'log',
    message: 'The hypervisor refuses the kernel\'s guest type: PAE and non-PAE (or 32/64-bit) of GNU Mach and Xen do not match.',
    explanation:
      'A PAE GNU Mach declares guest type xen-3.0-x86_32p, a non-PAE one xen-3.0-x86_32; libxc\'s xc_dom_compat_check refuses a guest type that is not in the hypervisor\'s xen_caps. The Hurd wiki: with a PAE hypervisor use gnumach-xen-pae, gnumach-xen-nonpae only with a non-PAE hypervisor. A 64-bit Xen never runs non-PAE 32-bit guests, and since Xen 4.14 it may not run 32-bit PV guests at all (CONFIG_PV32 off, pv=no-32, or CET shadow stacks).',
    docs: { url: HURD_WIKI, section: 'hurd-xen-facts.md #30-#41; seed "Running Hurd with Xen" (Invalid kernel)' },
    knowledge: 'error-pae-mismatch',
    messages: {
      nonPaeKernel: 'The hypervisor cannot run a non-PAE 32-bit guest (guest type {{guestType}}): this GNU Mach is the non-PAE build (gnumach-xen-nonpae) and the hypervisor is PAE or 64-bit.{{caps}}{{fromConfig}}',
      paeKernelOnNonPae: 'The hypervisor cannot run a 32-bit PAE guest (guest type {{guestType}}): this GNU Mach is the PAE build (gnumach-xen-pae) and the hypervisor is a non-PAE one.{{caps}}{{fromConfig}}',
      pv32Disabled: 'This Xen does not run 32-bit PV guests (guest type {{guestType}} is not in its capabilities), and the 32-bit GNU Mach is one. The hypervisor is 64-bit with 32-bit PV support disabled.{{caps}}',
      paeKernel: 'The hypervisor cannot run this 32-bit PAE GNU Mach (guest type {{guestType}}): it is either a non-PAE hypervisor (Xen 3.2 or older) or a 64-bit Xen with 32-bit PV guests disabled (possible since Xen 4.14).{{caps}}{{fromConfig}}',
      unsupported: 'The hypervisor does not support the guest type {{guestType}}.{{caps}}{{bitness}}{{fromConfig}}',
    },
  },
  check(ctx) {
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
        messageId: 'nonPaeKernel',
        data: { guestType, caps: capsNote, fromConfig: kernelCitation(ctx) },
        advice: `Use the PAE build of GNU Mach: kernel = "/boot/gnumach-xen-pae" (Debian's i386 gnumach-image-1.8-xen-486 package, /boot/gnumach-1.8-xen-486.gz, is PAE too), or rebuild GNU Mach with --enable-platform=xen, which builds PAE by default. \`${info} | grep xen_caps\` shows what the hypervisor accepts: xen-3.0-x86_32p means PAE. Only a non-PAE hypervisor (Xen 3.2 or older) runs gnumach-xen-nonpae.`,
      });
    }
    if (arch === '32p' && tool === 'xm') {
      return once({
        line: event.line,
        messageId: 'paeKernelOnNonPae',
        data: { guestType, caps: capsNote, fromConfig: kernelCitation(ctx) },
        advice: `Check \`xm info | grep xen_caps\`. If it says xen-3.0-x86_32 (a non-PAE hypervisor, Xen 3.2 or older), either boot a PAE hypervisor and dom0 kernel and keep gnumach-xen-pae, or use kernel = "/boot/gnumach-xen-nonpae". If it lists only xen-3.0-x86_64, this 64-bit hypervisor has 32-bit PV guests turned off.`,
      });
    }
    if (arch === '32p' && tool === 'xl') {
      return once({
        line: event.line,
        messageId: 'pv32Disabled',
        data: { guestType, caps: capsNote },
        advice: `\`xl info | grep xen_caps\` must list xen-3.0-x86_32p. Since Xen 4.14 32-bit PV can be compiled out (CONFIG_PV32, off by default since 4.16 in builds without the PV shim) or switched off on the Xen command line (pv=no-32 / pv=32=0), and CET shadow stacks force it off. Use a Xen built with CONFIG_PV32=y, boot it without pv=no-32 (on CPUs with CET, with cet=no-shstk), then check xen_caps again. Running the guest inside the PV shim (type = "pvh", pvshim = 1) is the documented alternative, but untested with GNU Mach.`,
      });
    }
    if (arch === '32p') {
      return once({
        line: event.line,
        messageId: 'paeKernel',
        data: { guestType, caps: capsNote, fromConfig: kernelCitation(ctx) },
        advice: `Run \`xl info | grep xen_caps\` (or \`xm info\`). If it shows xen-3.0-x86_32, the hypervisor is non-PAE: boot a PAE hypervisor, or use kernel = "/boot/gnumach-xen-nonpae". If it shows only xen-3.0-x86_64, 32-bit PV is off: use a Xen built with CONFIG_PV32=y and boot it without pv=no-32 (with cet=no-shstk on CET CPUs).`,
      });
    }
    return once({
      line: event.line,
      messageId: 'unsupported',
      data: {
        guestType: guestType || 'of this kernel',
        caps: capsNote,
        bitness: arch === '64' ? ' This is a 64-bit kernel; the usual Hurd on Xen is the 32-bit PAE GNU Mach.' : '',
        fromConfig: kernelCitation(ctx),
      },
      advice: `Compare \`${info} | grep xen_caps\` with the kernel: a 32-bit PAE GNU Mach (gnumach-xen-pae) needs xen-3.0-x86_32p, a non-PAE one xen-3.0-x86_32, a 64-bit one xen-3.0-x86_64. On an amd64 dom0 install the i386 flavour of the Xen GNU Mach for a 32-bit Hurd.`,
    });
  },
});

export const bootMemInit = defineRule({
  meta: {
    id: 'HX605',
    decidedBy: { what: 'the output of `xl info` (its free_memory, xen_caps and xen_commandline lines)', why: 'to tell a dom0 holding all the memory from a hypervisor with 32-bit PV switched off', shownBy: /\b(?:free_memory|xen_commandline)\s{0,40}:/ },
    name: 'boot-mem-init-failed',
    title: 'libxc could not allocate the guest\'s low memory',
    severity: 'error',
    domain: 'log',
    target: 'log',
    message: 'xc_dom_boot_mem_init failed: either no 32-bit PV support in a 64-bit Xen (xl before Aug 2021 says it this way), or not enough free memory.',
    explanation:
      'Before August 2021, libxenguest reported a hypervisor without 32-bit PV support (CONFIG_PV32 off, pv=no-32, CET) with the misleading "xc_dom_boot_mem_init: can\'t allocate low memory for domain: Out of memory". In the older xm era the same message means the hypervisor really had no free memory left for the guest.',
    docs: { url: `${XEN_TREE}/tools/libs/guest/xg_dom_boot.c`, section: 'hurd-xen-facts.md #41, #121; xen.git commit 1787cc1679' },
    knowledge: 'error-pae-mismatch',
    messages: {
      hostOutOfMemory: "Xen could not allocate the guest's memory: not enough free memory on the host.{{fromConfig}}",
      lowMemory: 'libxc could not allocate the guest\'s low memory. With xl on a 64-bit Xen this usually means 32-bit PV guests are disabled (older libxenguest reported it this way); otherwise the host is out of free memory.{{fromConfig}}',
    },
  },
  check(ctx) {
    const event = firstWithKind(ctx.events, 'low-memory-alloc');
    if (!event) return [];
    const tool = toolstackOf(ctx.events);
    const memory = setting(ctx, 'memory');
    const memNote = memory ? ` The guest asks for memory on ${cite(memory)}.` : '';
    if (tool === 'xm') {
      return once({
        line: event.line,
        knowledge: 'error-memory',
        messageId: 'hostOutOfMemory',
        data: { fromConfig: memNote },
        advice: 'Lower memory = in the config (256-512 MB is plenty for the Hurd, at most 580), check free memory with `xm info` (free_memory), and let dom0 give memory back (a smaller dom0-min-mem in /etc/xen/xend-config.sxp) or boot Xen with dom0_mem=... to keep memory free.',
      });
    }
    return once({
      line: event.line,
      messageId: 'lowMemory',
      data: { fromConfig: memNote },
      advice: 'Run `xl info | grep -E "xen_caps|free_memory"`: if xen_caps lacks xen-3.0-x86_32p, the 32-bit Hurd cannot run until you boot a Xen with CONFIG_PV32=y and without pv=no-32 (with cet=no-shstk on CET CPUs). If xen_caps is fine, free memory: lower memory = (at most 580 for GNU Mach), or boot Xen with dom0_mem=... and set autoballoon="off" in /etc/xen/xl.conf.',
    });
  },
});

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

/** Xen's own pvgrub, loaded by firmware = "pvgrub32" / "pvgrub64" (Xen 4.10+). */
const FIRMWARE_PVGRUB = /\/pvgrub(?:32|64)\.bin$/;

export const kernelNotFound = defineRule({
  meta: {
    id: 'HX606',
    decidedBy: { what: 'the output of `ls -l` on the kernel path in dom0, and where the file really is', why: 'xl reads kernel= on dom0, not in the guest\'s disk', shownBy: /\bls: cannot access\b|^[-l][rwxsStT-]{9}[.+@]?\s/m },
    name: 'kernel-not-found',
    title: 'The kernel file does not exist on dom0',
    severity: 'error',
    domain: 'log',
    target: 'log',
    message: 'The kernel= path does not exist on dom0: copy the Xen build of GNU Mach there or fix the path.',
    explanation:
      'kernel= and ramdisk= are paths on dom0, read by the toolstack before the guest exists; they are not paths inside the Hurd disk. xm says "Kernel image does not exist: <path>", xl says "failed to open file \'<path>\'" and "xc_dom_kernel_file failed".',
    docs: { url: `${XEN_XM_TREE}/tools/python/xen/xend/image.py`, section: 'hurd-xen-facts.md #21, #22, #133, #169' },
    knowledge: 'error-kernel-missing',
    triggers: ['image-does-not-exist', 'cannot-find-image', 'failed-to-open-file', 'dom-file-failed'],
    messages: {
      missing: 'The kernel file `{{path}}` does not exist on dom0, so the guest cannot be built.{{fromConfig}}',
      missingNoPath: 'The kernel file does not exist on dom0, so the guest cannot be built.{{fromConfig}}',
    },
  },
  check(ctx) {
    const miss = missingImages(ctx).find((m) => m.kind === 'kernel');
    if (!miss) return [];
    const kernel = setting(ctx, 'kernel');
    const path = miss.path ?? stringValue(kernel);
    const pvgrub = path !== undefined && PVGRUB_PATH.test(path);
    // firmware = "pvgrub32" / "pvgrub64" (xl, Xen 4.10+) loads pvgrub32.bin / pvgrub64.bin from Xen's firmware directory
    const firmware = path !== undefined && FIRMWARE_PVGRUB.test(path);
    return once({
      line: miss.line,
      messageId: path ? 'missing' : 'missingNoPath',
      data: { path, fromConfig: kernel ? ` It is named on ${cite(kernel)}.` : '' },
      advice: firmware
        ? 'firmware = "pvgrub32" makes xl load pvgrub32.bin from Xen\'s firmware directory, and this Xen has none there: build Xen with its pvgrub (or install your distribution\'s build of it), or set kernel = to a pvgrub2 image you have, such as Debian grub-xen-bin\'s /usr/lib/grub-xen/grub-i386-xen.bin (the 32-bit PAE GNU Mach needs the 32-bit one).'
        : pvgrub
        ? 'Put pv-grub.gz where kernel= points (it is not packaged by Debian; the Hurd wiki links a build) or fix the path; check with `ls -l /boot/`.'
        : 'kernel= is a path on dom0, not inside the Hurd disk. Copy the Xen build of GNU Mach there (gnumach-xen-pae from the Hurd wiki\'s binaries, or install Debian\'s gnumach-image-1.8-xen-486 package, which puts /boot/gnumach-1.8-xen-486.gz in place) and make kernel= name it exactly; `ls -l /boot/gnumach*` shows what is there.',
    });
  },
});

export const ramdiskNotFound = defineRule({
  meta: {
    id: 'HX607',
    decidedBy: { what: 'the output of `ls -l` on the ramdisk path in dom0, and where hurd-modules really is', why: 'xl reads ramdisk= on dom0, not in the guest\'s disk', shownBy: /\bls: cannot access\b|^[-l][rwxsStT-]{9}[.+@]?\s/m },
    name: 'ramdisk-not-found',
    title: 'The ramdisk (hurd-modules) does not exist on dom0',
    severity: 'error',
    domain: 'log',
    target: 'log',
    message: 'The ramdisk= path does not exist on dom0: copy hurd-modules there or fix the path.',
    explanation:
      'Direct boot of GNU Mach needs hurd-modules as ramdisk: it carries the Hurd\'s bootstrap modules (ext2fs and exec). Like kernel=, the path is read on dom0. xm says "Cannot find ramdisk", xl "failed to open file" and "xc_dom_ramdisk_file failed". With pv-grub no ramdisk is needed.',
    docs: { url: HURD_WIKI, section: 'hurd-xen-facts.md #21, #22, #69, #73, #157' },
    knowledge: 'error-kernel-missing',
    triggers: ['image-does-not-exist', 'cannot-find-image', 'failed-to-open-file', 'dom-file-failed'],
    messages: {
      missing: 'The ramdisk file `{{path}}` does not exist on dom0, so the guest cannot be built.{{fromConfig}}',
      missingNoPath: 'The ramdisk file does not exist on dom0, so the guest cannot be built.{{fromConfig}}',
    },
  },
  check(ctx) {
    const miss = missingImages(ctx).find((m) => m.kind === 'ramdisk');
    if (!miss) return [];
    const ramdisk = setting(ctx, 'ramdisk');
    const path = miss.path ?? stringValue(ramdisk);
    const kernel = stringValue(setting(ctx, 'kernel'));
    const pvgrub = kernel !== undefined && PVGRUB_PATH.test(kernel);
    return once({
      line: miss.line,
      messageId: path ? 'missing' : 'missingNoPath',
      data: { path, fromConfig: ramdisk ? ` It is named on ${cite(ramdisk)}.` : '' },
      advice: pvgrub
        ? 'This config boots pv-grub, which needs no ramdisk: remove the ramdisk line.'
        : 'ramdisk= is a path on dom0. Copy hurd-modules (the Hurd bootstrap modules for direct gnumach boot) to /boot, ideally rebuilt against your Hurd system\'s libc with the build_hurd-modules script, and check the path with `ls -l /boot/hurd-modules`. Booting with pv-grub instead makes hurd-modules unnecessary.',
    });
  },
});

export const notXenKernel = defineRule({
  meta: {
    id: 'HX608',
    decidedBy: { what: 'the output of `file` on the kernel named in your config', why: 'to tell a Linux or plain (non-Xen) GNU Mach from a web page or a 64-bit image', shownBy: /:\s{1,20}(?:ELF|gzip compressed|HTML document|ASCII text|data)\b/ },
    name: 'not-xen-kernel',
    title: 'The kernel is not a Xen (PV) image',
    severity: 'error',
    domain: 'log',
    target: 'log',
    message: 'The kernel file is not a Xen PV kernel (no Xen ELF notes): use the Xen build of GNU Mach.',
    explanation:
      'libxc looks for a loader that recognises the kernel file; "xc_dom_find_loader: no loader found" (or "Not a Xen-ELF image") means the file is not a Xen PV ELF: a normal GNU Mach for PCs, a compressed Linux vmlinuz, or no kernel at all. GNU Mach must be built with --enable-platform=xen; its image carries Xen ELF notes (GUEST_OS "GNU Mach").',
    docs: { url: HURD_WIKI, section: 'hurd-xen-facts.md #50, #51, #54, #133' },
    knowledge: 'error-not-xen-kernel',
    messages: {
      notXen: 'The kernel is not a Xen PV kernel image: libxc found no loader (no Xen ELF notes) for it.{{fromConfig}}',
      linuxKernel: 'The kernel is not a Xen PV kernel image: libxc found no loader (no Xen ELF notes) for it. `{{path}}` looks like a Linux kernel, not GNU Mach.{{fromConfig}}',
      pcGnumach:
        'The kernel is not a Xen PV kernel image: libxc found no loader (no Xen ELF notes) for it. `{{path}}` looks like the ordinary (PC) GNU Mach, which cannot boot under Xen.{{fromConfig}}',
      swapped:
        'The kernel is not a Xen PV kernel image: kernel= names `{{path}}`, the hurd-modules ramdisk, so kernel and ramdisk are swapped.{{fromConfig}}',
    },
  },
  check(ctx) {
    const event = firstWithKind(ctx.events, 'no-loader') ?? firstWithKind(ctx.events, 'not-xen-elf');
    if (!event) return [];
    const kernel = setting(ctx, 'kernel');
    const path = stringValue(kernel);
    let messageId: 'notXen' | 'linuxKernel' | 'pcGnumach' | 'swapped' = 'notXen';
    // (kernel = "/boot/hurd-modules": the two lines' values were exchanged)
    if (path && /hurd-modules/i.test(path)) messageId = 'swapped';
    else if (path && LINUX_KERNEL_PATH.test(path) && !GNUMACH_KERNEL_PATH.test(path)) messageId = 'linuxKernel';
    else if (path && GNUMACH_KERNEL_PATH.test(path) && !path.includes('xen')) messageId = 'pcGnumach';
    return once({
      line: event.line,
      messageId,
      data: { path, fromConfig: kernel ? ` It is set on ${cite(kernel)}.` : '' },
      advice: messageId === 'swapped'
        ? 'Swap the two values back: kernel = the Xen GNU Mach (e.g. "/boot/gnumach-xen-pae"), ramdisk = "/boot/hurd-modules".'
        : 'For the Hurd, kernel= must be the Xen build of GNU Mach: gnumach-xen-pae (or Debian\'s gnumach-1.8-xen-486.gz from the gnumach-image-1.8-xen-486 package), built with --enable-platform=xen. The gnumach-*.gz of a normal Hurd install and a Linux vmlinuz have no Xen notes. `readelf -n <file>` shows the Xen notes of a real Xen kernel; a gzip-compressed file must be a Xen ELF inside.',
    });
  },
});

export const dom0Memory = defineRule({
  meta: {
    id: 'HX609',
    name: 'dom0-memory',
    title: 'Not enough free memory for the guest',
    severity: 'error',
    domain: 'log',
    target: 'log',
    message: 'There is not enough free memory for the guest and dom0 may not balloon down further: lower memory= or free memory from dom0.',
    explanation:
      'xend makes room for a new guest by shrinking (ballooning) dom0, but not below dom0-min-mem from /etc/xen/xend-config.sxp; xl does the same under autoballoon. When the guest\'s memory does not fit, creation fails. Xen does not overcommit: guest memory plus Xen\'s own must fit in physical RAM.',
    docs: { url: HURD_NETWORKING, section: 'hurd-xen-facts.md #28, #121; xen-config-keys.md "Toolstack-wide settings" (dom0-min-mem, autoballoon)' },
    knowledge: 'error-memory',
    messages: {
      balloonLimit: 'Not enough free memory for the guest: it needs {{need}} MiB and dom0 may not balloon below dom0-min-mem ({{min}} MiB).{{fromConfig}}',
      dom0CannotFree: 'Not enough free memory for the guest: dom0 could not free enough memory for it.{{fromConfig}}',
      ballooningOff:
        'Not enough free memory for the guest, and xend may not take any from dom0: dom0 ballooning is switched off (enable-dom0-ballooning no in xend-config.sxp).{{fromConfig}}',
    },
  },
  check(ctx) {
    const event = firstWithKind(ctx.events, 'dom0-min-mem') ?? firstWithKind(ctx.events, 'not-enough-memory');
    if (!event || firstWithKind(ctx.events, 'low-memory-alloc')) return [];
    const need = Number(event.data.need ?? NaN);
    const min = Number(event.data.min ?? NaN);
    const memory = setting(ctx, 'memory');
    const fromConfig = memory ? ` The guest's memory is set on ${cite(memory)}.` : '';
    // xend 4.x: "Not enough free memory and enable-dom0-ballooning is False, so I cannot release any more."
    const ballooningOff = /enable-dom0-ballooning is False/i.test(event.text);
    const report = ballooningOff
      ? { messageId: 'ballooningOff' as const, data: { fromConfig } }
      : Number.isFinite(need) && Number.isFinite(min)
        ? { messageId: 'balloonLimit' as const, data: { need: Math.round(need / 1024), min: Math.round(min / 1024), fromConfig } }
        : { messageId: 'dom0CannotFree' as const, data: { fromConfig } };
    const tool = toolstackOf(ctx.events);
    if (ballooningOff) {
      return once({
        line: event.line,
        ...report,
        advice:
          'Either let xend balloon dom0 down, (enable-dom0-ballooning yes) in /etc/xen/xend-config.sxp and restart xend, or leave it off and boot Xen with a dom0_mem=... small enough to leave the guest its memory; or lower memory = in the config (the Hurd runs well with 256-512 MB). `xm info` shows free_memory.',
      });
    }
    const advice =
      'Lower memory = in the config (the Hurd runs well with 256-512 MB and should not get more than 580), or free memory for guests: ' +
      (tool === 'xl'
        ? 'boot Xen with a fixed dom0_mem=... and set autoballoon="off" in /etc/xen/xl.conf; `xl info` shows free_memory.'
        : 'lower (dom0-min-mem ...) in /etc/xen/xend-config.sxp and restart xend, or boot Xen with a fixed dom0_mem=...; `xm info` shows free_memory and `xm list` what the other domains take.');
    return once({ line: event.line, ...report, advice });
  },
});

export const buildLogRules = [paeMismatch, bootMemInit, kernelNotFound, ramdiskNotFound, notXenKernel, dom0Memory];
