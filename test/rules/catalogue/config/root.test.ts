import { testRule, hurd } from '../../../support/rule-tester.js';
import { rootDeviceMismatch, rootLinuxStyle, rootMissing } from '../../../../rules/catalogue/config/root.js';

const PVGRUB = { kernel: '"/boot/pv-grub.gz"', ramdisk: null, extra: '"(hd0)/boot/grub/menu.lst"' };

testRule(rootMissing, {
  valid: [hurd(), hurd({ extra: null, root: '"device:hd0"' }), hurd(PVGRUB), { code: hurd({ extra: null, cmdline: '"root=device:hd0"' }), dialect: 'xl' }],
  invalid: [
    { code: hurd({ extra: null }), errors: [{ messageId: 'missingWithDisk', severity: 'error', mentions: ['root', 'root=device:hd0'] }] },
    { name: 'extra without root=', code: hurd({ extra: '"-s"' }), errors: [{ messageId: 'missingWithDisk', line: 6 }], output: hurd({ extra: '"root=device:hd0 -s"' }) },
    { name: 'names the disk by its vdev', code: hurd({ disk: "['phy:/dev/vg0/hurd,xvda,w']", extra: '""' }), errors: [{ messageId: 'missingWithDisk', mentions: ['xvd0'] }], output: hurd({ disk: "['phy:/dev/vg0/hurd,xvda,w']", extra: '"root=device:xvd0"' }) },
    { name: 'xm ignores cmdline', code: hurd({ extra: null, cmdline: '"root=device:hd0"' }), dialect: 'xm', errors: [{ messageId: 'missingWithDisk' }] },
  ],
});

testRule(rootLinuxStyle, {
  valid: [hurd(), hurd({ extra: '"root=part:2:device:hd0"' }), hurd(PVGRUB)],
  invalid: [
    { code: hurd({ extra: '"root=/dev/hda1 ro"' }), errors: [{ messageId: 'linuxRootOfDisk', line: 6, severity: 'error', mentions: ['/dev/hda1', 'root=device:hd0'] }], output: hurd() },
    { name: 'the root key, as xm and xl prepend root=', code: hurd({ extra: null, root: '"/dev/hda1 ro"' }), errors: [{ messageId: 'linuxRootOfDisk', mentions: ['device:hd0'] }], output: hurd({ extra: null, root: '"device:hd0"' }) },
    { name: 'a partition vdev', code: hurd({ disk: "['phy:sda4,hda1,w']", extra: '"root=/dev/hda1"' }), errors: [{ messageId: 'linuxRootOfDisk', mentions: ['hd0s1'] }], output: hurd({ disk: "['phy:sda4,hda1,w']", extra: '"root=device:hd0s1"' }) },
    { name: 'keeps other arguments', code: hurd({ extra: '"console=hvc0 root=UUID=1234 -s"' }), errors: [{ messageId: 'linuxRootOfDisk' }], output: hurd({ extra: '"console=hvc0 root=device:hd0 -s"' }) },
    {
      name: 'a Linux guest config reused for the Hurd: the root stays wrong once the kernel is GNU Mach',
      code: hurd({ kernel: '"/boot/vmlinuz-3.2.0-4-686-pae"', disk: "['phy:/dev/vg0/hurd,xvda,w']", extra: '"root=/dev/xvda1"' }),
      errors: [{ messageId: 'linuxRootOfDisk', mentions: ['device:xvd0'] }],
    },
  ],
});

testRule(rootDeviceMismatch, {
  valid: [
    hurd(),
    hurd({ disk: "['phy:/dev/vg0/hurd,xvda,w']", extra: '"root=device:xvd0"' }),
    hurd({ disk: "['phy:sda4,hda,w', 'phy:sda5,hdb,w']", extra: '"root=device:hd1"' }),
    hurd({ disk: "['phy:sda4,hda,w']", extra: '"root=part:2:device:hd0"' }),
    { name: 'unreadable vdevs: no claim', code: hurd({ disk: "['phy:sda4 hda w']" }) },
    hurd(PVGRUB),
  ],
  invalid: [
    { code: hurd({ disk: "['phy:/dev/vg0/hurd,xvda,w']" }), errors: [{ messageId: 'onlyDisk', line: 6, severity: 'error', mentions: ['root', 'xvd0', 'vdev', 'hd0'] }], output: hurd({ disk: "['phy:/dev/vg0/hurd,xvda,w']", extra: '"root=device:xvd0"' }) },
    { name: 'sda is sd0', code: hurd({ disk: "['phy:/dev/sdb,sda,w']" }), errors: [{ messageId: 'onlyDisk', mentions: ['sd0'] }], output: hurd({ disk: "['phy:/dev/sdb,sda,w']", extra: '"root=device:sd0"' }) },
    { name: 'a partition of a whole-disk VBD', code: hurd({ extra: '"root=device:hd0s1"' }), errors: [{ messageId: 'wholeDisk', mentions: ['part:1:device:hd0', 'hda1'] }], output: hurd({ extra: '"root=part:1:device:hd0"' }) },
    { name: 'two disks: asks which one', code: hurd({ disk: "['phy:sda4,xvda,w', 'phy:sda5,xvdb,w']" }), errors: [{ messageId: 'whichDisk', variants: 2, mentions: ['xvda -> xvd0', 'xvdb -> xvd1'] }], output: null },
  ],
});
