import { pvgrub2Arch, pvgrubMenuNotFound, pvgrubTaskCreate } from '../../../../rules/catalogue/logs/pvgrub.js';
import { testLogRule } from '../../../support/log-rule-tester.js';

const pvgrubConfig = 'kernel = "/boot/pv-grub.gz"\nmemory = 512\ndisk = [\'phy:sda4,hda,w\']\nextra = "(hd0,1)/boot/grub/menu.lst"\n';

testLogRule(pvgrubMenuNotFound, {
  valid: [
    { name: 'a GRUB error on real hardware, nothing about pv-grub', log: 'Error 22: No such partition' },
    { name: 'the prompt of plain GRUB legacy on real hardware', log: 'grub> ' },
    { name: 'pv-grub booting fine', log: 'root@dom0:~# xm create -c hurd-pvgrub\nGNU GRUB  version 0.97 (pv-grub)\nBooting GNU/Hurd' },
  ],
  invalid: [
    { name: '(hd0,1) on a partition VBD', log: 'root@dom0:~# xm create -c hurd\nError 22: No such partition', config: pvgrubConfig, findings: [{ messageId: 'partitionInVbd', mentions: ['(hd0)/boot/grub/menu.lst', 'line 4 of your config', '(hd0,1)'] }] },
    { name: 'menu.lst missing', log: 'pv-grub: loading (hd0)/boot/grub/menu.lst\nError 15: File not found', findings: [{ messageId: 'fileMissing', mentions: ['menu.lst', 'module lines'] }] },
    {
      name: "pv-grub's own prompt (grubdom>) with (hd0,1) on a partition VBD: no menu was found",
      log: 'root@dom0:~# xm create -c hurd\n    GNU GRUB  version 0.97  (262144K lower / 0K upper memory)\n\ngrubdom> ',
      config: pvgrubConfig,
      findings: [{ messageId: 'commandLineInVbd', mentions: ['grubdom>', '(hd0)/boot/grub/menu.lst', '(hd0,1)'] }],
    },
    {
      name: 'the prompt with (hd0) already: the menu itself is missing',
      log: 'root@dom0:~# xl create -c /etc/xen/hurd\ngrubdom> ',
      config: pvgrubConfig.replace('(hd0,1)', '(hd0)'),
      findings: [{ messageId: 'commandLine', mentions: ['menu.lst', 'module lines'] }],
    },
  ],
});

testLogRule(pvgrubTaskCreate, {
  valid: [{ name: 'getcwd in an unrelated shell session', log: 'getcwd: cannot access parent directories: Inappropriate file type or format' }],
  invalid: [{ name: 'Hurd via pv-grub', log: 'GNU GRUB 0.97 (pv-grub)\ngetcwd: cannot access parent directories: Inappropriate file type or format', findings: [{ messageId: 'noTaskCreate', mentions: ['$(task-create) $(task-resume)'] }] }],
});

testLogRule(pvgrub2Arch, {
  valid: [{ name: 'no pvgrub2 involved', log: 'error: incompatible architecture' }],
  invalid: [
    { name: '64-bit pvgrub2 with the 32-bit GNU Mach', log: 'error: incompatible architecture.', config: 'kernel = "/usr/lib/grub-xen/grub-x86_64-xen.bin"\n', findings: [{ messageId: 'archMismatch', mentions: ['grub-i386-xen.bin', 'pvgrub32', 'line 1 of your config'] }] },
    { name: "the numbered message alone: only GRUB's Xen loader prints it", log: 'error: incompatible architecture: 2.\n\nPress any key to continue...', findings: [{ messageId: 'archMismatch', mentions: ['grub-i386-xen.bin', 'pvgrub32'] }] },
  ],
});
