/** HX11x: the ramdisk. Direct GNU Mach boot needs hurd-modules; pv-grub needs none. */
import type { ConfigRule } from '../../types.js';
import { GRUB_MENU_FILE, HURD_MODULES, LINUX_INITRD } from '../../patterns/config.js';
import {
  assignmentsOf, classifyBoot, dirOf, isDirectGnumach, lastAssignment, misspeltKey, removeStatements, replaceNode, setKeyEdits, spanAt, stringValue,
} from './support.js';
import { HURD_WIKI, HURD_WIKI_2011, XM_PVGRUB_EXAMPLE } from '../sources.js';
import { defineRule } from '../define.js';

export const ramdiskMissing: ConfigRule = defineRule({
  meta: {
    id: 'HX111',
    name: 'ramdisk-missing',
    title: 'Direct GNU Mach boot without hurd-modules',
    severity: 'error',
    domain: 'ramdisk',
    target: 'config',
    message: 'Booting GNU Mach directly needs ramdisk = "/boot/hurd-modules" (the Hurd bootstrap modules).',
    explanation:
      "Xen's direct kernel boot passes one kernel and one ramdisk, not a multiboot module list, so the Hurd's bootstrap servers (ext2fs.static and exec) travel in the hurd-modules image given as ramdisk. Without it GNU Mach stops with \"panic: No bootstrap code loaded with the kernel!\".",
    fixable: true,
    docs: { url: HURD_WIKI, section: 'hurd-xen-facts.md #69-74, #105' },
    knowledge: 'hurd-modules',
    messages: {
      missing: 'kernel = "{{kernel}}" boots GNU Mach directly but no ramdisk is set: add ramdisk = "{{path}}" (the hurd-modules bootstrap image), else GNU Mach panics with "No bootstrap code loaded with the kernel!".',
    },
  },
  check({ config, dialect }) {
    const boot = classifyBoot(config);
    if (!isDirectGnumach(boot) || config.syntax === null) return [];
    const a = lastAssignment(config, 'ramdisk');
    const value = stringValue(config, 'ramdisk');
    if (a && value === undefined) return []; // computed by Python: cannot judge
    if (value !== undefined && value.trim() !== '') return [];
    const path = dirOf(boot.kernel) + 'hurd-modules';
    const typo = a ? undefined : misspeltKey(config, 'ramdisk');
    return [
      {
        ...(a ? { at: spanAt(a.value.span) } : {}),
        messageId: 'missing',
        data: { kernel: boot.kernel, path },
        ...(typo ? {} : { fix: setKeyEdits(config, 'ramdisk', path, dialect) }),
      },
    ];
  },
});

export const ramdiskNotHurdModules: ConfigRule = defineRule({
  meta: {
    id: 'HX112',
    name: 'ramdisk-not-hurd-modules',
    title: 'ramdisk is not hurd-modules',
    severity: 'error',
    domain: 'ramdisk',
    target: 'config',
    message: 'With direct GNU Mach boot the ramdisk must be hurd-modules, not a Linux initrd.',
    explanation:
      'GNU Mach reads the module list of the Hurd bootstrap (ext2fs.static, exec) from the start of the ramdisk. A Linux initrd/initramfs has no such list, so the Hurd cannot start. Use the hurd-modules image (downloaded, or rebuilt for your libc with build_hurd-modules).',
    fixable: true,
    docs: { url: HURD_WIKI, section: 'hurd-xen-facts.md #69-73' },
    knowledge: 'hurd-modules',
    messages: {
      linuxInitrd: 'ramdisk = "{{ramdisk}}" is a Linux initrd; GNU Mach booted directly needs the Hurd bootstrap image hurd-modules there (ramdisk = "{{path}}").',
      notHurdModules:
        'ramdisk = "{{ramdisk}}" does not look like hurd-modules; GNU Mach booted directly needs the hurd-modules bootstrap image (ramdisk = "{{path}}") unless this file is one renamed.',
    },
  },
  check({ config, dialect }) {
    const boot = classifyBoot(config);
    if (!isDirectGnumach(boot)) return [];
    const a = lastAssignment(config, 'ramdisk');
    const value = stringValue(config, 'ramdisk');
    if (!a || value === undefined || value.trim() === '' || HURD_MODULES.test(value)) return [];
    const linux = LINUX_INITRD.test(value);
    const path = dirOf(value) + 'hurd-modules';
    return [
      {
        at: spanAt(a.value.span),
        severity: linux ? 'error' : 'warning',
        messageId: linux ? 'linuxInitrd' : 'notHurdModules',
        data: { ramdisk: value, path },
        fix: replaceNode(a.value, path, dialect),
      },
    ];
  },
});

export const ramdiskWithPvgrub: ConfigRule = defineRule({
  meta: {
    id: 'HX113',
    name: 'ramdisk-with-pvgrub',
    title: 'pv-grub boot with a ramdisk',
    severity: 'error',
    domain: 'ramdisk',
    target: 'config',
    message: 'pv-grub loads the Hurd modules from the guest disk itself: remove `ramdisk`.',
    explanation:
      "With pv-grub (Xen >= 4.0) GRUB inside the domain reads menu.lst and loads GNU Mach and the Hurd modules from the guest disk, so no hurd-modules is needed. Xen's xmexample.pv-grub documents `ramdisk` for pv-grub as an optional menu.lst provided from dom0, so a hurd-modules image given there would be read as a GRUB menu.",
    fixable: true,
    docs: { url: XM_PVGRUB_EXAMPLE, section: 'xmexample.pv-grub; hurd-xen-facts.md #75, #107, #157' },
    knowledge: 'pv-grub',
    messages: {
      menuFromDom0: 'ramdisk = "{{ramdisk}}" with pv-grub: pv-grub reads it as a menu.lst provided from dom0 (fine if intended; usually extra names the menu on the guest disk).',
      notNeeded:
        'kernel is pv-grub, which needs no ramdisk: pv-grub loads GNU Mach and the Hurd modules from the guest disk, and takes ramdisk = "{{ramdisk}}" for a menu.lst. Remove the ramdisk line (hurd-modules is only for direct gnumach boot).',
    },
  },
  check({ config }) {
    const boot = classifyBoot(config);
    if (boot.kind !== 'pvgrub') return [];
    const a = lastAssignment(config, 'ramdisk');
    const value = stringValue(config, 'ramdisk');
    if (!a || value === undefined || value.trim() === '') return [];
    const menu = GRUB_MENU_FILE.test(value);
    const fix = removeStatements(config, assignmentsOf(config, 'ramdisk'));
    return [
      {
        at: spanAt(a.value.span),
        severity: menu ? 'info' : HURD_MODULES.test(value) ? 'error' : 'warning',
        messageId: menu ? 'menuFromDom0' : 'notNeeded',
        data: { ramdisk: value },
        ...(menu ? {} : { fix }),
      },
    ];
  },
});

export const hurdModulesLibc: ConfigRule = defineRule({
  meta: {
    id: 'HX114',
    name: 'hurd-modules-libc',
    title: 'hurd-modules must match the guest libc',
    severity: 'info',
    domain: 'ramdisk',
    target: 'config',
    message: 'hurd-modules is built against one libc version; the Hurd system on the disk must have the same one.',
    explanation:
      'The downloadable hurd-modules was built from particular Debian packages (first hurd 20070606-2 with libc0.3 2.6.1-1), and the installed Hurd must run a matching libc. The current wiki advises rebuilding hurd-modules with the build_hurd-modules script against your own system, or using pv-grub, which loads the modules from the guest disk.',
    fixable: false,
    docs: { url: HURD_WIKI_2011, section: 'hurd-xen-facts.md #72-73' },
    knowledge: 'hurd-modules',
    messages: {
      libc: 'ramdisk = "{{ramdisk}}": hurd-modules carries ext2fs and exec linked for one libc; if the Hurd fails early after boot, rebuild hurd-modules for the libc installed on the guest (build_hurd-modules) or switch to pv-grub.',
    },
  },
  check({ config }) {
    const boot = classifyBoot(config);
    const value = stringValue(config, 'ramdisk');
    const a = lastAssignment(config, 'ramdisk');
    if (!isDirectGnumach(boot) || !a || value === undefined || !HURD_MODULES.test(value)) return [];
    return [
      {
        at: spanAt(a.value.span),
        messageId: 'libc',
        data: { ramdisk: value },
      },
    ];
  },
});

export const ramdiskRules: ConfigRule[] = [ramdiskMissing, ramdiskNotHurdModules, ramdiskWithPvgrub, hurdModulesLibc];
