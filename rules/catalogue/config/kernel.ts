/** HX10x: what `kernel` boots. GNU Mach needs its Xen build (PAE flavour matching the hypervisor) or pv-grub. */
import type { Dialect, Edit, ParsedConfig } from '../../config/types.js';
import type { ConfigRule, FixVariant } from '../../types.js';
import { GRUB_MENU_PATH, PVGRUB2_KERNEL, PYGRUB } from '../../patterns/config.js';
import {
  classifyBoot, dirOf, has, lastAssignment, misspeltKey, replaceNode, setKeyEdits, spanAt, statedHypervisor, stringValue, type Boot,
} from './support.js';
import { GNUMACH_BOOTHDR, HURD_WIKI, HURD_WIKI_2013, PVGRUB_WIKI, PYGRUB_WIKI, XL_CFG } from '../sources.js';
import { defineRule } from '../define.js';

const PAE_IMAGE = 'gnumach-xen-pae';
const NONPAE_IMAGE = 'gnumach-xen-nonpae';
/** (the messages name this path in words) */
const MENU_PATH = '(hd0)/boot/grub/menu.lst';

/** Edits that point `kernel` at a Xen GNU Mach image in the same directory. */
function kernelEdits(cfg: ParsedConfig, boot: Boot, image: string, dialect: Dialect | undefined): Edit[] {
  const path = dirOf(boot.kernel) + image;
  return boot.kernelNode ? replaceNode(boot.kernelNode, path, dialect) : setKeyEdits(cfg, 'kernel', path, dialect);
}

/** The question the bot cannot answer itself: is the hypervisor PAE? One variant per answer. */
function paeQuestion(cfg: ParsedConfig, boot: Boot, dialect: Dialect | undefined): { question: string; variants: FixVariant[] } {
  return {
    question:
      'Is your hypervisor PAE? Run `xl info` (or `xm info`) and look at xen_caps: `xen-3.0-x86_32p` or any 64-bit Xen means PAE; `xen-3.0-x86_32` alone means non-PAE.',
    variants: [
      { label: `PAE or 64-bit hypervisor (xen-3.0-x86_32p): ${PAE_IMAGE}`, edits: kernelEdits(cfg, boot, PAE_IMAGE, dialect) },
      { label: `non-PAE hypervisor (xen-3.0-x86_32): ${NONPAE_IMAGE}`, edits: kernelEdits(cfg, boot, NONPAE_IMAGE, dialect) },
    ],
  };
}

export const kernelMissing: ConfigRule = defineRule({
  meta: {
    id: 'HX101',
    name: 'kernel-missing',
    title: 'No kernel and no bootloader',
    severity: 'error',
    domain: 'kernel',
    target: 'config',
    message: 'No `kernel` is set (and no bootloader): there is nothing to boot.',
    explanation:
      'A PV guest needs `kernel` (or `bootloader`/`firmware`). For the Hurd, `kernel` is either the Xen build of GNU Mach on dom0 (gnumach-xen-pae or gnumach-xen-nonpae, with hurd-modules as ramdisk) or the pv-grub image (Xen >= 4.0).',
    fixable: true,
    docs: { url: HURD_WIKI, section: 'hurd-xen-facts.md #21, #105-107; xl.cfg(5) "Direct Kernel Boot"' },
    knowledge: 'kernel',
    messages: {
      missing:
        'kernel is missing: no `kernel` and no `bootloader`, so there is nothing to boot (xl: "neither kernel nor bootloader specified"). Set kernel = "/boot/gnumach-xen-pae" (PAE hypervisor) or "/boot/gnumach-xen-nonpae" (non-PAE), with ramdisk = "/boot/hurd-modules"; or boot through pv-grub.',
      misspelt: "kernel is missing: '{{key}}' is not the key kernel, so there is no kernel and nothing to boot; write kernel = ... .",
    },
  },
  check({ config, dialect }) {
    const boot = classifyBoot(config);
    if (boot.kind !== 'none' || config.syntax === null) return [];
    const typo = misspeltKey(config, 'kernel');
    const ask = paeQuestion(config, boot, dialect);
    const stated = statedHypervisor(config.source);
    const fix = stated ? kernelEdits(config, boot, stated.mode === 'nonpae' ? NONPAE_IMAGE : PAE_IMAGE, dialect) : undefined;
    return [
      typo ? { messageId: 'misspelt', data: { key: typo } } : { messageId: 'missing', ...(fix ? { fix } : { ask }) },
    ];
  },
});

export const kernelLinux: ConfigRule = defineRule({
  meta: {
    id: 'HX102',
    name: 'kernel-linux',
    title: 'kernel is a Linux kernel',
    severity: 'error',
    domain: 'kernel',
    target: 'config',
    message: '`kernel` points at a Linux kernel (vmlinuz); the Hurd boots GNU Mach.',
    explanation:
      'A Hurd guest boots the GNU Mach microkernel built for Xen (gnumach-xen-pae / gnumach-xen-nonpae, Debian: gnumach-1.8-xen-486.gz) with hurd-modules as ramdisk, or pv-grub. A Linux vmlinuz boots Linux, not the Hurd.',
    fixable: true,
    docs: { url: HURD_WIKI, section: 'hurd-xen-facts.md #30, #44-47, #105' },
    knowledge: 'kernel',
    messages: {
      linux: 'kernel = "{{kernel}}" is a Linux kernel (vmlinuz), not GNU Mach: a Hurd guest needs the Xen build of GNU Mach, gnumach-xen-pae on a PAE hypervisor or gnumach-xen-nonpae on a non-PAE one, plus ramdisk = "/boot/hurd-modules".',
    },
  },
  check({ config, dialect }) {
    const boot = classifyBoot(config);
    if (boot.kind !== 'linux') return [];
    const a = lastAssignment(config, 'kernel');
    const stated = statedHypervisor(config.source);
    const fix = stated ? kernelEdits(config, boot, stated.mode === 'nonpae' ? NONPAE_IMAGE : PAE_IMAGE, dialect) : undefined;
    return [
      {
        messageId: 'linux',
        data: { kernel: boot.kernel },
        ...(a ? { at: spanAt(a.value.span) } : {}),
        ...(fix ? { fix } : { ask: paeQuestion(config, boot, dialect) }),
      },
    ];
  },
});

export const kernelNotXen: ConfigRule = defineRule({
  meta: {
    id: 'HX103',
    name: 'kernel-not-xen',
    title: 'GNU Mach image is not the Xen build',
    severity: 'error',
    domain: 'kernel',
    target: 'config',
    message: '`kernel` is a normal (non-Xen) GNU Mach: it has no Xen ELF notes and cannot boot as a PV guest.',
    explanation:
      'The GNU Mach of a Debian GNU/Hurd install (/boot/gnumach.gz, gnumach-1.8-486.gz) is built for PC hardware and carries no Xen notes, so Xen reports "no loader found" or "not a Xen ELF". Use the Xen build: gnumach-xen-pae / gnumach-xen-nonpae, or Debian\'s gnumach-image-1.8-xen-486 (/boot/gnumach-1.8-xen-486.gz, a PAE build).',
    fixable: true,
    docs: { url: HURD_WIKI_2013, section: 'hurd-xen-facts.md #46-51 (IRC 2013: the debian-hurd image kernel has no Xen note)' },
    knowledge: 'error-not-xen-kernel',
    messages: {
      notXen: 'kernel = "{{kernel}}" is not a Xen build of GNU Mach (no "xen" in the image, no Xen ELF notes: "no loader found"). Use gnumach-xen-pae (PAE hypervisor, or Debian\'s gnumach-1.8-xen-486.gz) or gnumach-xen-nonpae (non-PAE hypervisor).',
    },
  },
  check({ config, dialect }) {
    const boot = classifyBoot(config);
    if (boot.kind !== 'gnumach-native') return [];
    const a = lastAssignment(config, 'kernel');
    const stated = statedHypervisor(config.source);
    const fix = stated ? kernelEdits(config, boot, stated.mode === 'nonpae' ? NONPAE_IMAGE : PAE_IMAGE, dialect) : undefined;
    return [
      {
        messageId: 'notXen',
        data: { kernel: boot.kernel },
        ...(a ? { at: spanAt(a.value.span) } : {}),
        ...(fix ? { fix } : { ask: paeQuestion(config, boot, dialect) }),
      },
    ];
  },
});

export const kernelPaeMismatch: ConfigRule = defineRule({
  meta: {
    id: 'HX104',
    name: 'kernel-pae-mismatch',
    title: 'GNU Mach PAE flavour does not match the hypervisor',
    severity: 'error',
    domain: 'kernel',
    target: 'config',
    message: 'The GNU Mach flavour (PAE / non-PAE) does not match the hypervisor the file says it runs on.',
    explanation:
      'A PAE GNU Mach declares guest type xen-3.0-x86_32p, a non-PAE one xen-3.0-x86_32; Xen only starts guest types listed in its xen_caps ("xc_dom_compat_check: guest type ... not supported by xen kernel"). Use gnumach-xen-pae with a PAE or 64-bit hypervisor and gnumach-xen-nonpae only with a non-PAE one. The rule only speaks when a comment of the file states the hypervisor (xen_caps).',
    fixable: true,
    docs: { url: HURD_WIKI, section: 'hurd-xen-facts.md #30-35; gnumach i386/xen/xen_boothdr.S (' + GNUMACH_BOOTHDR + ')' },
    knowledge: 'error-pae-mismatch',
    messages: {
      nonPaeKernel: 'kernel = "{{kernel}}" is the non-PAE GNU Mach, but line {{line}} says this is {{hypervisor}}: Xen refuses it ("xc_dom_compat_check: guest type xen-3.0-x86_32 not supported"). Use the PAE build, gnumach-xen-pae.',
      paeKernel: 'kernel = "{{kernel}}" is a PAE GNU Mach, but line {{line}} says this is {{hypervisor}}: Xen refuses it ("guest type xen-3.0-x86_32p not supported"). Use gnumach-xen-nonpae on a non-PAE hypervisor (or run a PAE hypervisor).',
    },
  },
  check({ config, dialect }) {
    const boot = classifyBoot(config);
    if (boot.kind !== 'gnumach-xen' || !boot.flavour || !boot.kernel) return [];
    const stated = statedHypervisor(config.source);
    if (!stated) return [];
    const a = lastAssignment(config, 'kernel');
    const at = a ? { at: spanAt(a.value.span) } : {};
    const hv =
      stated.mode === 'nonpae'
        ? 'a non-PAE hypervisor (xen_caps: xen-3.0-x86_32)'
        : stated.mode === '64'
          ? 'a 64-bit hypervisor (it runs only PAE 32-bit PV guests, xen-3.0-x86_32p)'
          : 'a PAE hypervisor (xen_caps: xen-3.0-x86_32p)';
    if (boot.flavour === 'nonpae' && stated.mode !== 'nonpae') {
      return [
        {
          ...at,
          messageId: 'nonPaeKernel',
          data: { kernel: boot.kernel, line: stated.line, hypervisor: hv },
          fix: kernelEdits(config, boot, PAE_IMAGE, dialect),
        },
      ];
    }
    if ((boot.flavour === 'pae' || boot.flavour === '64') && stated.mode === 'nonpae') {
      return [
        {
          ...at,
          messageId: 'paeKernel',
          data: { kernel: boot.kernel, line: stated.line, hypervisor: hv },
          fix: kernelEdits(config, boot, NONPAE_IMAGE, dialect),
        },
      ];
    }
    return [];
  },
});

export const pvgrubExtraNotMenu: ConfigRule = defineRule({
  meta: {
    id: 'HX105',
    name: 'pvgrub-extra-not-menu',
    title: 'pv-grub needs the GRUB menu path in extra',
    severity: 'error',
    domain: 'boot',
    target: 'config',
    message: 'With pv-grub as kernel, `extra` must be the GRUB path of the menu, e.g. "(hd0)/boot/grub/menu.lst".',
    explanation:
      'pv-grub (Xen >= 4.0) runs GRUB legacy inside the domain; `extra` tells it which menu.lst to read from the guest disk, in GRUB naming: "(hd0)/boot/grub/menu.lst" when the VBD is the filesystem itself, "(hd0,0)/boot/grub/menu.lst" for a partition inside it. GNU Mach\'s root=device:hd0 belongs in that menu.lst, not in extra.',
    fixable: true,
    docs: { url: HURD_WIKI, section: 'hurd-xen-facts.md #107, #157, #160' },
    knowledge: 'pv-grub',
    messages: {
      noExtra: 'kernel = "{{kernel}}" is pv-grub but there is no extra: give pv-grub the GRUB path of the menu, extra = "(hd0)/boot/grub/menu.lst".',
      notMenu: 'kernel is pv-grub, so extra must be the GRUB path of the menu such as "(hd0)/boot/grub/menu.lst" (or "(hd0,0)/boot/grub/menu.lst"), not "{{extra}}"; root=device:hd0 goes on the GNU Mach line of that menu.lst.',
    },
  },
  check({ config, dialect }) {
    const boot = classifyBoot(config);
    if (boot.kind !== 'pvgrub' || boot.kernel === undefined) return [];
    // menu.lst in extra is pv-grub (GRUB legacy)'s convention; pvgrub2 finds the guest's grub.cfg through its embedded config (https://xenproject.org/2015/01/07/using-grub-2-as-a-bootloader-for-xen-pv-guests/).
    if (PVGRUB2_KERNEL.test(boot.kernel)) return [];
    const a = lastAssignment(config, 'extra');
    const extra = stringValue(config, 'extra');
    if (!a) {
      return [
        {
          severity: 'warning',
          messageId: 'noExtra',
          data: { kernel: boot.kernel },
          fix: setKeyEdits(config, 'extra', MENU_PATH, dialect),
        },
      ];
    }
    if (extra === undefined || GRUB_MENU_PATH.test(extra.trim())) return [];
    return [
      {
        at: spanAt(a.value.span),
        messageId: 'notMenu',
        data: { extra },
        fix: replaceNode(a.value, MENU_PATH, dialect),
      },
    ];
  },
});

export const bootloaderPygrub: ConfigRule = defineRule({
  meta: {
    id: 'HX106',
    name: 'bootloader-pygrub',
    title: 'pygrub cannot boot the Hurd',
    severity: 'warning',
    domain: 'kernel',
    target: 'config',
    message: 'pygrub hands Xen one kernel and one ramdisk, not the multiboot modules the Hurd needs: use pv-grub or direct boot.',
    explanation:
      'pygrub reads the guest\'s menu from dom0 and returns only kernel, ramdisk and command line to the toolstack, so the Hurd\'s module lines (ext2fs.static, exec) are lost. The Hurd boots with pv-grub/pvgrub2 as `kernel`, or directly with GNU Mach + hurd-modules (an inference from how pygrub works; no Hurd page suggests pygrub).',
    fixable: false,
    docs: { url: PYGRUB_WIKI, section: 'hurd-xen-facts.md #163' },
    knowledge: 'pv-grub',
    messages: {
      pygrub: 'bootloader = "{{loader}}": pygrub cannot pass the Hurd\'s multiboot modules; use kernel = "/boot/pv-grub.gz" with extra = "(hd0)/boot/grub/menu.lst" (Xen >= 4.0), or direct boot with gnumach-xen-pae + hurd-modules.',
    },
  },
  check({ config }) {
    const loader = stringValue(config, 'bootloader');
    const a = lastAssignment(config, 'bootloader');
    if (!a || loader === undefined || !PYGRUB.test(loader) || has(config, 'kernel')) return [];
    return [
      {
        at: spanAt(a.value.span),
        messageId: 'pygrub',
        data: { loader },
      },
    ];
  },
});

export const kernelUnrecognised: ConfigRule = defineRule({
  meta: {
    id: 'HX107',
    name: 'kernel-unrecognised',
    title: 'kernel is neither GNU Mach nor pv-grub',
    severity: 'info',
    domain: 'kernel',
    target: 'config',
    message: 'The kernel file name is neither a GNU Mach image nor pv-grub; check it is the Xen build of GNU Mach.',
    explanation:
      'The bot recognises GNU Mach images by "gnumach" in the name and pv-grub by "pv-grub"/"pvgrub". A renamed image may be fine; this is only a reminder that a Hurd guest boots gnumach-xen-pae/-nonpae or pv-grub.',
    fixable: false,
    docs: { url: HURD_WIKI, section: 'hurd-xen-facts.md #44-47, #105-107' },
    knowledge: 'kernel',
    messages: {
      unrecognised: 'kernel = "{{kernel}}" is not recognisably GNU Mach (gnumach-xen-pae / gnumach-xen-nonpae) or pv-grub; make sure it is the Xen build of GNU Mach.',
    },
  },
  check({ config }) {
    const boot = classifyBoot(config);
    if (boot.kind !== 'other') return [];
    const a = lastAssignment(config, 'kernel');
    return [
      {
        ...(a ? { at: spanAt(a.value.span) } : {}),
        messageId: 'unrecognised',
        data: { kernel: boot.kernel },
      },
    ];
  },
});

export const firmwarePvgrub64: ConfigRule = defineRule({
  meta: {
    id: 'HX108',
    name: 'firmware-pvgrub64',
    title: 'pvgrub64 cannot load a 32-bit GNU Mach',
    severity: 'warning',
    domain: 'kernel',
    target: 'config',
    message: 'firmware = "pvgrub64" loads only 64-bit kernels; the 32-bit PAE GNU Mach needs "pvgrub32".',
    explanation:
      'xl (Xen >= 4.10) boots PV guests through firmware = "pvgrub32" or "pvgrub64"; GRUB\'s i386-xen loader only takes PAE 32-bit kernels and x86_64-xen only 64-bit ones, so the usual 32-bit Hurd needs pvgrub32.',
    fixable: true,
    docs: { url: XL_CFG, section: 'xl.cfg(5) firmware; hurd-xen-facts.md #167, #169' },
    knowledge: 'pv-grub',
    messages: {
      pvgrub64: 'firmware = "pvgrub64" only loads 64-bit kernels; a 32-bit (PAE) GNU Mach needs firmware = "pvgrub32" (keep pvgrub64 only for the 64-bit Xen GNU Mach).',
    },
  },
  check({ config, dialect }) {
    const a = lastAssignment(config, 'firmware');
    const fw = stringValue(config, 'firmware');
    if (!a || fw !== 'pvgrub64') return [];
    return [
      {
        at: spanAt(a.value.span),
        messageId: 'pvgrub64',
        fix: replaceNode(a.value, 'pvgrub32', dialect),
      },
    ];
  },
});

/** A 64-bit loader build in a kernel path: pv-grub-x86_64.gz, grub-x86_64-xen.bin, pvboot-x86_64.elf. */
const LOADER_64 = /pv-?grub-x86_64|grub-x86_64-xen|pvboot-x86_64/i;
/** Its 32-bit counterpart, in the same directory. */
function loader32(path: string): string {
  return path.replace(/pv(-?)grub-x86_64/i, 'pv$1grub-x86_32').replace(/grub-x86_64-xen/i, 'grub-i386-xen').replace(/pvboot-x86_64/i, 'pvboot-i386');
}

export const pvgrubLoader64: ConfigRule = defineRule({
  meta: {
    id: 'HX109',
    name: 'pvgrub-loader-64bit',
    title: 'A 64-bit pv-grub or pvgrub2 image cannot load the 32-bit GNU Mach',
    severity: 'warning',
    domain: 'kernel',
    target: 'config',
    message: 'kernel names the 64-bit build of pv-grub/pvgrub2, which loads only 64-bit kernels; the 32-bit PAE GNU Mach needs the 32-bit (x86_32 / i386) one.',
    explanation:
      "pv-grub and GRUB 2's Xen port come in one build per guest bitness: pv-grub-x86_32.gz and grub-i386-xen.bin load 32-bit PAE kernels, pv-grub-x86_64.gz and grub-x86_64-xen.bin only 64-bit ones (GRUB says \"incompatible architecture\"). The Hurd's usual gnumach-xen is a 32-bit PAE kernel, whatever the dom0's bitness.",
    fixable: true,
    docs: { url: PVGRUB_WIKI, section: 'Xen wiki PvGrub; grub-core/loader/i386/xen.c; hurd-xen-facts.md #164, #167, #168' },
    knowledge: 'pv-grub',
    messages: {
      loader64: 'kernel = "{{kernel}}" is the 64-bit pv-grub/pvgrub2, which only loads 64-bit kernels: the 32-bit (PAE) GNU Mach needs the 32-bit build, "{{kernel32}}" (keep the x86_64 one only for the 64-bit Xen GNU Mach).',
    },
  },
  check({ config, dialect }) {
    const boot = classifyBoot(config);
    if (boot.kind !== 'pvgrub' || boot.kernel === undefined || !LOADER_64.test(boot.kernel)) return [];
    const kernel32 = loader32(boot.kernel);
    const a = lastAssignment(config, 'kernel');
    return [
      {
        ...(a ? { at: spanAt(a.value.span) } : {}),
        messageId: 'loader64',
        data: { kernel: boot.kernel, kernel32 },
        ...(boot.kernelNode ? { fix: replaceNode(boot.kernelNode, kernel32, dialect) } : {}),
      },
    ];
  },
});

export const kernelRules: ConfigRule[] = [
  kernelMissing,
  kernelLinux,
  kernelNotXen,
  kernelPaeMismatch,
  pvgrubExtraNotMenu,
  bootloaderPygrub,
  kernelUnrecognised,
  firmwarePvgrub64,
  pvgrubLoader64,
];
