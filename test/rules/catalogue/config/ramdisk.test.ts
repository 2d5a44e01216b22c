import { testRule, hurd } from '../../../support/rule-tester.js';
import { hurdModulesLibc, ramdiskMissing, ramdiskNotHurdModules, ramdiskWithPvgrub } from '../../../../rules/catalogue/config/ramdisk.js';

const PVGRUB = { kernel: '"/boot/pv-grub.gz"', extra: '"(hd0)/boot/grub/menu.lst"' };

testRule(ramdiskMissing, {
  valid: [hurd(), hurd({ ...PVGRUB, ramdisk: null }), hurd({ kernel: '"/boot/vmlinuz"', ramdisk: null })],
  invalid: [
    { code: hurd({ ramdisk: null }), errors: [{ messageId: 'missing', severity: 'error', mentions: ['hurd-modules', 'No bootstrap code'] }] },
    { name: 'empty ramdisk string', code: hurd({ ramdisk: '""' }), errors: [{ messageId: 'missing', line: 3 }], output: hurd() },
    { name: 'keeps the kernel directory', code: hurd({ kernel: '"/srv/hurd/gnumach-xen-pae"', ramdisk: '""' }), errors: [{ messageId: 'missing' }], output: hurd({ kernel: '"/srv/hurd/gnumach-xen-pae"', ramdisk: '"/srv/hurd/hurd-modules"' }) },
  ],
});

testRule(ramdiskNotHurdModules, {
  valid: [hurd(), hurd({ ramdisk: '"/boot/hurd-modules-2.13"' }), hurd({ ...PVGRUB, ramdisk: null })],
  invalid: [
    { code: hurd({ ramdisk: '"/boot/initrd.img-2.6.26-2-xen-686"' }), errors: [{ messageId: 'linuxInitrd', line: 3, severity: 'error', mentions: ['initrd', 'hurd-modules'] }], output: hurd() },
    { name: 'an unknown file name is only a warning', code: hurd({ ramdisk: '"/boot/modules.img"' }), errors: [{ messageId: 'notHurdModules', severity: 'warning', mentions: ['hurd-modules'] }] },
  ],
});

testRule(ramdiskWithPvgrub, {
  valid: [hurd(), hurd({ ...PVGRUB, ramdisk: null }), hurd({ ...PVGRUB, ramdisk: '""' })],
  invalid: [
    { code: hurd({ ...PVGRUB }), errors: [{ messageId: 'notNeeded', line: 3, severity: 'error', mentions: ['pv-grub', 'no ramdisk', 'menu.lst'] }], output: hurd({ ...PVGRUB, ramdisk: null }) },
    { name: 'a provided menu.lst is legitimate', code: hurd({ ...PVGRUB, ramdisk: '"/etc/xen/hurd-menu.lst"' }), errors: [{ messageId: 'menuFromDom0', severity: 'info' }], output: null },
  ],
});

testRule(hurdModulesLibc, {
  valid: [hurd({ ramdisk: null }), hurd({ ...PVGRUB, ramdisk: null })],
  invalid: [{ code: hurd(), errors: [{ messageId: 'libc', severity: 'info', mentions: ['libc', 'build_hurd-modules'] }], output: null }],
});
