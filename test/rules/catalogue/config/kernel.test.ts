import { testRule, hurd } from '../../../support/rule-tester.js';
import {
  bootloaderPygrub, firmwarePvgrub64, kernelLinux, kernelMissing, kernelNotXen, kernelPaeMismatch, kernelUnrecognised,
  pvgrubExtraNotMenu, pvgrubLoader64,
} from '../../../../rules/catalogue/config/kernel.js';

const PVGRUB = hurd({ kernel: '"/boot/pv-grub.gz"', ramdisk: null, extra: '"(hd0)/boot/grub/menu.lst"' });
const NONPAE_HV = '# hypervisor is the non-PAE build (xen_caps : xen-3.0-x86_32)';
const PAE_HV = '# xl info: xen_caps : xen-3.0-x86_32p';

testRule(kernelMissing, {
  valid: [hurd(), PVGRUB, hurd({ kernel: null, bootloader: '"/usr/bin/pygrub"' })],
  invalid: [
    { name: 'no kernel, hypervisor unknown: asks PAE or not', code: hurd({ kernel: null }), errors: [{ messageId: 'missing', severity: 'error', mentions: ['kernel', 'missing', 'gnumach-xen-pae', 'gnumach-xen-nonpae'], variants: 2 }], output: null },
    { name: 'no kernel, the file states a non-PAE hypervisor', code: hurd({ kernel: null }, [NONPAE_HV]), errors: [{ messageId: 'missing', mentions: ['nothing to boot'] }] },
  ],
});

testRule(kernelLinux, {
  valid: [hurd(), PVGRUB, hurd({ kernel: '"/boot/gnumach-1.8-xen-486.gz"' })],
  invalid: [
    { code: hurd({ kernel: '"/boot/vmlinuz-2.6.26-2-xen-686"' }), errors: [{ messageId: 'linux', line: 2, severity: 'error', mentions: ['vmlinuz', 'GNU Mach', 'gnumach-xen-pae'], variants: 2 }], output: null },
    {
      name: 'the stated PAE hypervisor picks the image',
      code: hurd({ kernel: '"/boot/vmlinuz-2.6.32-5-xen-686"' }, [PAE_HV]),
      errors: [{ messageId: 'linux', line: 3 }],
      output: hurd({ kernel: '"/boot/gnumach-xen-pae"' }, [PAE_HV]),
    },
  ],
});

testRule(kernelNotXen, {
  valid: [hurd(), hurd({ kernel: '"/boot/gnumach-1.8-xen-486.gz"' }), hurd({ kernel: '"/boot/gnumach-xen-nonpae"' })],
  invalid: [
    { code: hurd({ kernel: '"/boot/gnumach.gz"' }), errors: [{ messageId: 'notXen', severity: 'error', mentions: ['not a Xen build', 'gnumach-xen-pae'], variants: 2 }], output: null },
    { code: hurd({ kernel: '"/boot/gnumach-1.8-486.gz"' }, [NONPAE_HV]), errors: [{ messageId: 'notXen', mentions: ['gnumach-1.8-486.gz'] }], output: hurd({ kernel: '"/boot/gnumach-xen-nonpae"' }, [NONPAE_HV]) },
  ],
});

testRule(kernelPaeMismatch, {
  valid: [
    { name: 'no comment: nothing can be inferred', code: hurd({ kernel: '"/boot/gnumach-xen-nonpae"' }) },
    hurd({ kernel: '"/boot/gnumach-xen-nonpae"' }, [NONPAE_HV]),
    hurd({}, [PAE_HV]),
    hurd({}, ['# 64-bit Xen 4.17, xen_caps: xen-3.0-x86_64 hvm-3.0-x86_32p xen-3.0-x86_32p']),
    hurd({ kernel: '"/boot/gnumach-1.8-xen-486.gz"' }, [PAE_HV]),
  ],
  invalid: [
    { name: 'PAE image on a non-PAE hypervisor', code: hurd({}, [NONPAE_HV]), errors: [{ messageId: 'paeKernel', line: 3, mentions: ['pae', 'gnumach-xen-nonpae', 'xen-3.0-x86_32'] }], output: hurd({ kernel: '"/boot/gnumach-xen-nonpae"' }, [NONPAE_HV]) },
    { name: 'non-PAE image on a PAE hypervisor', code: hurd({ kernel: '"/boot/gnumach-xen-nonpae"' }, [PAE_HV]), errors: [{ messageId: 'nonPaeKernel', mentions: ['gnumach-xen-pae', 'xc_dom_compat_check'] }], output: hurd({}, [PAE_HV]) },
    { name: 'non-PAE image on a 64-bit hypervisor', code: hurd({ kernel: '"/srv/xen/gnumach-xen-nonpae"' }, ['# dom0 runs a 64-bit hypervisor']), errors: [{ messageId: 'nonPaeKernel', mentions: ['64-bit'] }], output: hurd({ kernel: '"/srv/xen/gnumach-xen-pae"' }, ['# dom0 runs a 64-bit hypervisor']) },
    { name: 'Debian xen-486 (a PAE build) on non-PAE', code: hurd({ kernel: '"/boot/gnumach-1.8-xen-486.gz"' }, [NONPAE_HV]), errors: [{ messageId: 'paeKernel', mentions: ['gnumach-xen-nonpae'] }] },
  ],
});

testRule(pvgrubExtraNotMenu, {
  valid: [
    PVGRUB,
    hurd(),
    hurd({ kernel: '"/boot/pv-grub.gz"', ramdisk: null, extra: '"(hd0,1)/boot/grub/menu.lst"' }),
    { name: "pvgrub2 finds grub.cfg itself: no menu.lst in extra", code: hurd({ kernel: '"/usr/lib/grub-xen/grub-i386-xen.bin"', ramdisk: null, extra: null }) },
  ],
  invalid: [
    { code: hurd({ kernel: '"/boot/pv-grub.gz"', ramdisk: null }), errors: [{ messageId: 'notMenu', severity: 'error', mentions: ['(hd0)/boot/grub/menu.lst', 'root=device:hd0'] }], output: hurd({ kernel: '"/boot/pv-grub.gz"', ramdisk: null, extra: '"(hd0)/boot/grub/menu.lst"' }) },
    { name: 'no extra at all', code: hurd({ kernel: '"/boot/pv-grub.gz"', ramdisk: null, extra: null }), errors: [{ messageId: 'noExtra', severity: 'warning', mentions: ['menu'] }] },
  ],
});

testRule(bootloaderPygrub, {
  valid: [hurd(), PVGRUB],
  invalid: [{ code: hurd({ kernel: null, ramdisk: null, bootloader: '"/usr/bin/pygrub"' }), errors: [{ messageId: 'pygrub', severity: 'warning', mentions: ['pygrub', 'pv-grub', 'modules'] }], output: null }],
});

testRule(kernelUnrecognised, {
  valid: [hurd(), PVGRUB, hurd({ kernel: '"/boot/vmlinuz"' })],
  invalid: [{ code: hurd({ kernel: '"/boot/mach.gz"' }), errors: [{ messageId: 'unrecognised', severity: 'info', mentions: ['mach.gz'] }], output: null }],
});

testRule(firmwarePvgrub64, {
  valid: [hurd(), hurd({ kernel: null, ramdisk: null, firmware: '"pvgrub32"', extra: '"(hd0)/boot/grub/menu.lst"' })],
  invalid: [
    {
      code: hurd({ kernel: null, ramdisk: null, firmware: '"pvgrub64"', extra: '"(hd0)/boot/grub/menu.lst"' }),
      errors: [{ messageId: 'pvgrub64', mentions: ['pvgrub32'] }],
      output: hurd({ kernel: null, ramdisk: null, firmware: '"pvgrub32"', extra: '"(hd0)/boot/grub/menu.lst"' }),
    },
  ],
});

testRule(pvgrubLoader64, {
  valid: [
    hurd(),
    PVGRUB,
    hurd({ kernel: '"/usr/lib/xen-4.4/boot/pv-grub-x86_32.gz"', ramdisk: null, extra: '"(hd0)/boot/grub/menu.lst"' }),
    hurd({ kernel: '"/usr/lib/grub-xen/grub-i386-xen.bin"', ramdisk: null, extra: null }),
  ],
  invalid: [
    {
      name: "Xen's 64-bit pv-grub",
      code: hurd({ kernel: "'/usr/lib/xen-4.4/boot/pv-grub-x86_64.gz'", ramdisk: null, extra: "'(hd0)/boot/grub/menu.lst'" }),
      errors: [{ messageId: 'loader64', severity: 'warning', mentions: ['64-bit', 'pv-grub-x86_32.gz'] }],
      output: hurd({ kernel: "'/usr/lib/xen-4.4/boot/pv-grub-x86_32.gz'", ramdisk: null, extra: "'(hd0)/boot/grub/menu.lst'" }),
    },
    {
      name: "Debian's 64-bit pvgrub2 image",
      code: hurd({ kernel: '"/usr/lib/grub-xen/grub-x86_64-xen.bin"', ramdisk: null, extra: null }),
      errors: [{ messageId: 'loader64', mentions: ['grub-i386-xen.bin'] }],
      output: hurd({ kernel: '"/usr/lib/grub-xen/grub-i386-xen.bin"', ramdisk: null, extra: null }),
    },
  ],
});
