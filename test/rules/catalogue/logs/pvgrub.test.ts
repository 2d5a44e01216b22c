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

/** The ext2fs module's arguments up to its root, as the standard GRUB entry has them. */
const EXT2FS_ARGS = 'ext2fs --multiboot-command-line=${kernel-command-line} --host-priv-port=${host-port} --device-master-port=${device-port} --exec-server-task=${exec-task} -T typed ${root}';

testLogRule(pvgrubTaskCreate, {
  valid: [
    { name: 'getcwd in an unrelated shell session', log: 'getcwd: cannot access parent directories: Inappropriate file type or format' },
    { name: 'a complete module line, and the expanded "task loaded" line after it', log: `module 0: ${EXT2FS_ARGS} $(task-create) $(task-resume)\nmodule 1: exec /hurd/exec $(exec-task=task-create)\ntask loaded: ext2fs --multiboot-command-line=root=part:2:device:hd0 --host-priv-port=1 --device-master-port=2 --exec-server-task=3 -T typed part:2:device:hd0` },
    { name: 'a module line wrapped before its task arguments', log: `module /hurd/ext2fs.static ${EXT2FS_ARGS}\n  $(task-create) $(task-resume)` },
  ],
  invalid: [
    { name: 'Hurd via pv-grub', log: 'GNU GRUB 0.97 (pv-grub)\ngetcwd: cannot access parent directories: Inappropriate file type or format', findings: [{ messageId: 'noTaskCreate', mentions: ['$(task-create) $(task-resume)'] }] },
    { name: "GNU Mach's module line without $(task-resume), then silence", log: `GNU Mach 1.8\nmodule 0: ${EXT2FS_ARGS} $(task-create)\nmodule 1: exec /hurd/exec $(exec-task=task-create)\n2 multiboot modules\n\nand then nothing at all`, findings: [{ messageId: 'moduleLine', mentions: ['$(task-resume)', '-T typed ${root} $(task-create) $(task-resume)'], notMentions: ['$(task-create) $(task-resume): ext2fs'] }] },
    { name: "a grub.cfg entry's module line with neither", log: `module /hurd/ext2fs.static '${EXT2FS_ARGS}'`, findings: [{ messageId: 'moduleLine', mentions: ['$(task-create) $(task-resume)'] }] },
  ],
});

testLogRule(pvgrub2Arch, {
  valid: [{ name: 'no pvgrub2 involved', log: 'error: incompatible architecture' }],
  invalid: [
    { name: '64-bit pvgrub2 with the 32-bit GNU Mach', log: 'error: incompatible architecture.', config: 'kernel = "/usr/lib/grub-xen/grub-x86_64-xen.bin"\n', findings: [{ messageId: 'archMismatch', mentions: ['grub-i386-xen.bin', 'pvgrub32', 'line 1 of your config'] }] },
    { name: "the numbered message alone: only GRUB's Xen loader prints it", log: 'error: incompatible architecture: 2.\n\nPress any key to continue...', findings: [{ messageId: 'archMismatch', mentions: ['grub-i386-xen.bin', 'pvgrub32'] }] },
  ],
});
