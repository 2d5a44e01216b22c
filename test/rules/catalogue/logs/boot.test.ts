import { linuxBootedForHurd, machAsDom0, memoryTruncated, noBootstrapModules, oldGnumachBlock, oldGnumachClock, rootNotFound, rootOnDataDisk, bootstopsAtExec } from '../../../../rules/catalogue/logs/boot.js';
import { bootMemInit, dom0Memory, kernelNotFound, notXenKernel, paeMismatch, ramdiskNotFound } from '../../../../rules/catalogue/logs/build.js';
import { testLogRule } from '../../../support/log-rule-tester.js';

const xm = (error: string) => `root@dom0:~# xm create -c hurd\nUsing config file "/etc/xen/hurd".\n${error}\n`;
const xl = (...lines: string[]) => `root@bookworm:~# xl create -c /etc/xen/hurd\nParsing config from /etc/xen/hurd\n${lines.join('\n')}\n`;
const banner = (mem: string, ...rest: string[]) => ['Started domain hurd (id=3)', 'GNU Mach 1.3.99', 'Running on xen-3.0-x86_32p.', `AT386 boot: physical memory from 0x0 to 0x${mem}`, ...rest].join('\n');

testLogRule(paeMismatch, {
  valid: [{ name: 'a good boot banner', log: banner('10000000') }],
  invalid: [
    { name: 'xm: non-PAE gnumach on a PAE hypervisor', log: xm("Error: (2, 'Invalid kernel', 'xc_dom_compat_check: guest type xen-3.0-x86_32 not supported by xen kernel, sorry\\n')"), findings: [{ messageId: 'nonPaeKernel', mentions: ['gnumach-xen-pae', 'non-PAE'], notMentions: ['CONFIG_PV32'] }] },
    { name: 'xm: PAE gnumach on a non-PAE hypervisor', log: xm("Error: (2, 'Invalid kernel', 'xc_dom_compat_check: guest type xen-3.0-x86_32p not supported by xen kernel, sorry\\n')"), findings: [{ messageId: 'paeKernelOnNonPae', mentions: ['gnumach-xen-nonpae', 'xm info'] }] },
    { name: 'xl: 64-bit Xen without 32-bit PV', log: xl('xc: error: panic: xg_dom_boot.c:88: xc_dom_compat_check: guest type xen-3.0-x86_32p not supported by xen kernel, sorry: Invalid kernel'), findings: [{ messageId: 'pv32Disabled', mentions: ['32-bit PV', 'pv=no-32', 'CONFIG_PV32', 'xl info'] }] },
    { name: 'Xen 3.0.x libxc: non-PAE kernel on a PAE host', log: xm("Error: (2, 'Invalid kernel', 'Non PAE-kernel on PAE host.')"), findings: [{ messageId: 'nonPaeKernel', mentions: ['gnumach-xen-pae', 'xen-3.0-x86_32'] }] },
    { name: 'Xen 3.0.x libxc: PAE kernel on a non-PAE host', log: xm("Error: (2, 'Invalid kernel', 'PAE-kernel on non-PAE host.')"), findings: [{ messageId: 'paeKernelOnNonPae', mentions: ['gnumach-xen-nonpae', 'xen-3.0-x86_32p'] }] },
    { name: 'toolstack unknown: both causes, no guess', log: 'why do I get guest type xen-3.0-x86_32p not supported by xen kernel?', findings: [{ messageId: 'paeKernel', mentions: ['non-PAE hypervisor', 'CONFIG_PV32', 'gnumach-xen-nonpae'] }] },
    { name: '64-bit kernel on a 32-bit hypervisor', log: xm("Error: (2, 'Invalid kernel', 'xc_dom_compat_check: guest type xen-3.0-x86_64 not supported by xen kernel, sorry\\n')"), findings: [{ messageId: 'unsupported', mentions: ['64-bit', 'xen_caps'] }] },
    { name: 'mixed: cites the kernel line', log: xm("Error: (2, 'Invalid kernel', 'xc_dom_compat_check: guest type xen-3.0-x86_32 not supported by xen kernel, sorry\\n')"), config: 'kernel = "/boot/gnumach-xen-nonpae"\n', findings: [{ messageId: 'nonPaeKernel', mentions: ['line 1 of your config'] }] },
  ],
});

testLogRule(bootMemInit, {
  valid: [{ name: 'an unrelated out-of-memory word', log: 'E: Out of memory while reading package lists' }],
  invalid: [
    { name: 'xl: misleading message for missing PV32', log: xl("xc: error: panic: xc_dom_boot.c:122: xc_dom_boot_mem_init: can't allocate low memory for domain: Out of memory"), findings: [{ messageId: 'lowMemory', mentions: ['32-bit PV', 'xen_caps', 'autoballoon'] }] },
    { name: 'xm: really out of memory', log: xm("Error: (1, 'Internal error', \"xc_dom_boot_mem_init: can't allocate low memory for domain\\n\")"), findings: [{ messageId: 'hostOutOfMemory', mentions: ['free memory', 'dom0-min-mem'], notMentions: ['CONFIG_PV32'] }] },
  ],
});

testLogRule(kernelNotFound, {
  valid: [
    { name: 'the ramdisk is the missing file', log: xm('Error: Cannot find ramdisk "/boot/hurd-modules"') },
    { name: 'a loader error with a stray errno', log: xl('libxl: error: libxl_dom.c:638:libxl__build_dom: xc_dom_parse_image failed: No such file or directory') },
  ],
  invalid: [
    { name: 'xm: Kernel image does not exist', log: xm('Error: Kernel image does not exist: /boot/gnumach-xen-pae'), findings: [{ messageId: 'missing', mentions: ['/boot/gnumach-xen-pae', 'dom0', 'ls -l /boot/gnumach*'] }] },
    { name: 'xl: failed to open the kernel', log: xl("xc: error: panic: xc_dom_core.c:207: failed to open file '/boot/gnumach.gz': No such file or directory: Internal error", 'libxl: error: libxl_dom.c:654:libxl__build_pv: xc_dom_kernel_file failed: No such file or directory'), findings: [{ messageId: 'missing', mentions: ['/boot/gnumach.gz'] }] },
    { name: 'a question quoting the message without a path', log: "what does 'Kernel image does not exist' mean?", findings: [{ messageId: 'missingNoPath', mentions: ['The kernel file does not exist'] }] },
    { name: 'pv-grub image missing', log: xm('Error: Kernel image does not exist: /boot/pv-grub.gz'), findings: [{ messageId: 'missing', mentions: ['pv-grub.gz'], notMentions: ['gnumach-image'] }] },
  ],
});

testLogRule(ramdiskNotFound, {
  valid: [{ name: 'the kernel is the missing file', log: xm('Error: Kernel image does not exist: /boot/gnumach-xen-pae') }],
  invalid: [
    { name: 'xend (Xen 3.x): Kernel ramdisk does not exist', log: xm('Error: Kernel ramdisk does not exist: /boot/hurd-modules'), findings: [{ messageId: 'missing', mentions: ['`/boot/hurd-modules` does not exist', 'hurd-modules'] }] },
    { name: 'xm: Cannot find ramdisk', log: xm('Error: Cannot find ramdisk "/boot/hurd-modules"'), findings: [{ messageId: 'missing', mentions: ['hurd-modules', 'build_hurd-modules'] }] },
    { name: 'xl: failed to open the ramdisk (path named only by the config)', log: xl("xc: error: panic: xg_dom_core.c:205: failed to open file '/srv/boot/mods': No such file or directory: Internal error"), config: 'kernel = "/boot/gnumach-xen-pae"\nramdisk = "/srv/boot/mods"\n', findings: [{ messageId: 'missing', mentions: ['/srv/boot/mods', 'line 2 of your config'] }] },
    { name: 'pv-grub needs no ramdisk', log: xm('Error: Cannot find ramdisk "/boot/hurd-modules"'), config: 'kernel = "/boot/pv-grub.gz"\nramdisk = "/boot/hurd-modules"\n', findings: [{ messageId: 'missing', mentions: ['remove the ramdisk line'] }] },
  ],
});

testLogRule(notXenKernel, {
  valid: [{ name: 'libxc probe chatter of a good boot', log: 'domainbuilder: detail: xc_dom_probe_bzimage_kernel: kernel is not a bzImage\ndomainbuilder: detail: loader probe OK' }],
  invalid: [
    { name: 'xm: no loader found', log: xm("Error: (2, 'Invalid kernel', 'xc_dom_find_loader: no loader found\n')"), findings: [{ messageId: 'notXen', mentions: ['Xen ELF', '--enable-platform=xen'] }] },
    { name: 'old xm: Not a Xen-ELF image', log: "Error: Not a Xen-ELF image: No ELF notes or '__xen_guest' section found.", findings: [{ messageId: 'notXen', mentions: ['gnumach-xen-pae'] }] },
    { name: 'mixed: a Linux vmlinuz', log: xl('xc: error: panic: xc_dom_core.c:702: xc_dom_find_loader: no loader found: Invalid kernel'), config: 'kernel = "/boot/vmlinuz-2.6.32-5-xen-686"\n', findings: [{ messageId: 'linuxKernel', mentions: ['Linux kernel', 'line 1 of your config'] }] },
    { name: 'mixed: kernel and ramdisk swapped', log: xl('xc: error: panic: xc_dom_core.c:702: xc_dom_find_loader: no loader found: Invalid kernel'), config: 'kernel = "/boot/hurd-modules"\nramdisk = "/boot/gnumach-xen-pae"\n', findings: [{ messageId: 'swapped', mentions: ['swapped', 'ramdisk = "/boot/hurd-modules"'] }] },
    { name: 'mixed: the PC gnumach', log: xl('xc: error: panic: xc_dom_core.c:702: xc_dom_find_loader: no loader found: Invalid kernel'), config: 'kernel = "/boot/gnumach-1.8-486.gz"\n', findings: [{ messageId: 'pcGnumach', mentions: ['ordinary (PC) GNU Mach'] }] },
  ],
});

testLogRule(dom0Memory, {
  valid: [{ name: 'the low-memory message is HX605', log: xl("xc: error: panic: xc_dom_boot.c:122: xc_dom_boot_mem_init: can't allocate low memory for domain: Out of memory") }],
  invalid: [
    { name: 'xm: dom0_min_mem', log: xm('Error: I need 526336 KiB, but dom0_min_mem is 200704 and shrinking to\n200704 KiB would leave only 304392 KiB free.'), findings: [{ messageId: 'balloonLimit', mentions: ['514 MiB', 'dom0-min-mem', 'xend-config.sxp'] }] },
    { name: 'xl: failed to free memory', log: xl('libxl: error: libxl.c:4160:libxl__fill_dom0_memory_info: failed to free memory for the domain'), findings: [{ messageId: 'dom0CannotFree', mentions: ['autoballoon'] }] },
    { name: 'mixed: cites the memory line', log: xm('Error: Not enough free memory and enable-dom0-ballooning is False, so I cannot release any more.  I need 2097152 KiB but only have 1000000.'), config: 'memory = 2048\n', findings: [{ messageId: 'ballooningOff', mentions: ['line 1 of your config', 'enable-dom0-ballooning', 'dom0_mem'] }] },
  ],
});

testLogRule(memoryTruncated, {
  valid: [
    { name: '256 MiB', log: banner('10000000') },
    { name: 'exactly 580 MiB', log: banner('24400000') },
    { name: 'GNU Mach on bare metal or QEMU (no Xen in sight) may have 1 GiB', log: 'GNU Mach 1.8+git20220827-486\nAT386 boot: physical memory from 0x0 to 0x3ffd0000\nhd0: ATA disk drive, 20480MB' },
  ],
  invalid: [
    { name: 'truncation line', log: banner('40000000', 'Truncating memory size to 713MiB'), findings: [{ messageId: 'overLimitTruncated', mentions: ['1024 MiB', '713', 'memory = 512'] }] },
    { name: 'no truncation but 640 MiB', log: banner('28000000'), findings: [{ messageId: 'overLimit', mentions: ['640 MiB', '580'] }] },
  ],
});

testLogRule(rootNotFound, {
  valid: [{ name: 'a normal boot', log: banner('10000000', "hd0: dom0's VBD 768 (sda4,w) 10240MB", 'start ext2fs: Hurd server bootstrap: ext2fs[device:hd0] exec') }],
  invalid: [
    { name: 'xvda exported, root=device:hd0', log: banner('10000000', "xvd0: dom0's VBD 51712 (sda4,w) 10240MB", 'start ext2fs: ext2fs: device:hd0: No such device or address'), findings: [{ messageId: 'notFoundSeen', mentions: ['root=device:xvd0', 'xvd0 (vdev xvda)'] }] },
    { name: 'from the config when GNU Mach printed no disk', log: 'start ext2fs: ext2fs: device:hd0: No such device or address', config: "disk = ['phy:sda4,sda,w']\nextra = \"root=device:hd0\"\n", findings: [{ messageId: 'notFoundExported', mentions: ['sd0', 'line 1 of your config'] }] },
    { name: 'nothing known: the naming table', log: 'ext2fs.static: device:hd2: No such device', findings: [{ messageId: 'notFound', mentions: ['hda -> hd0', 'xvda -> xvd0'] }] },
  ],
});

const TWO_DISKS = "disk = [ 'phy:/dev/vg0/hurd,hda,w', 'phy:/dev/vg0/hurddata,hdb,w' ]\n";
const NO_STARTUP = banner('10000000', 'start ext2fs: Hurd server bootstrap: ext2fs[device:hd1] exec', "Cannot find startup program `hurd/startup': No such file or directory");

testLogRule(rootOnDataDisk, {
  valid: [
    { name: 'root on the first disk: the system is missing, not misnamed (HX652 says so)', log: NO_STARTUP, config: `${TWO_DISKS}extra = "root=device:hd0"\n` },
    { name: 'root on the second disk that boots', log: banner('10000000', 'start ext2fs: Hurd server bootstrap: ext2fs[device:hd1] exec startup proc auth.'), config: `${TWO_DISKS}extra = "root=device:hd1"\n` },
  ],
  invalid: [
    {
      name: 'root=device:hd1 names the data disk',
      log: NO_STARTUP,
      config: `${TWO_DISKS}extra = "root=device:hd1"\n`,
      findings: [{ messageId: 'notFirst', mentions: ['second disk', 'hd0', 'phy:/dev/vg0/hurd,hda,w'] }],
    },
  ],
});

testLogRule(bootstopsAtExec, {
  valid: [
    { name: 'a boot that goes on', log: banner('10000000', 'start ext2fs: Hurd server bootstrap: ext2fs[device:hd0] exec startup proc auth.') },
    { name: 'under pv-grub there is no hurd-modules', log: banner('10000000', 'start ext2fs: Hurd server bootstrap: ext2fs[device:hd0s1] exec'), config: 'kernel = "/boot/pv-grub.gz"\n' },
    { name: 'one step earlier without hurd-modules named (ext2fs itself may be the one stuck)', log: banner('10000000', 'start ext2fs: Hurd server bootstrap: ext2fs[device:hd0]') },
    { name: 'a later server after exec', log: banner('10000000', 'start ext2fs: Hurd server bootstrap: ext2fs[device:hd0] exec', 'startup proc auth', 'login:') },
    { name: 'exec named in the middle of a paste', log: banner('10000000', 'start ext2fs: Hurd server bootstrap: ext2fs[device:hd0] exec', 'Cannot find startup program `hurd/startup\': No such file or directory') },
  ],
  invalid: [
    {
      name: 'the paste ends at exec',
      log: banner('10000000', "hd0: dom0's VBD 768 (sda4,w) 10240MB", 'start ext2fs: Hurd server bootstrap: ext2fs[device:hd0] exec'),
      findings: [{ messageId: 'stops', severity: 'warning', mentions: ['exec server', 'glibc', 'build_hurd-modules', 'pv-grub'] }],
    },
    {
      name: "the asker's account of the hang after it",
      log: banner('10000000', 'start ext2fs: Hurd server bootstrap: ext2fs[device:hd0] exec', 'and nothing after that, waited 20 minutes.', 'xm list shows it at -b---- with 0.4s of cpu'),
      findings: [{ messageId: 'stops', mentions: ['build_hurd-modules'] }],
    },
    {
      name: 'one step earlier, with hurd-modules named',
      log: banner('10000000', 'start ext2fs: Hurd server bootstrap: ext2fs[device:hd0]', '', 'took gnumach-xen-pae and hurd-modules from the wiki; it sits there forever'),
      findings: [{ messageId: 'stops', mentions: ['exec server'] }],
    },
  ],
});

testLogRule(noBootstrapModules, {
  valid: [{ name: 'a good boot', log: banner('10000000') }],
  invalid: [{ name: 'panic without modules', log: banner('10000000', 'panic: No bootstrap code loaded with the kernel!'), findings: [{ messageId: 'noRamdisk', mentions: ['ramdisk = "/boot/hurd-modules"'] }] }],
});

testLogRule(machAsDom0, {
  valid: [{ name: 'a domU boot', log: banner('10000000') }],
  invalid: [{ name: 'booted as dom0', log: "GNU Mach 1.4\npanic: Mach can't run as dom0.", findings: [{ messageId: 'asDom0', mentions: ['dom0', 'xm create -c hurd'] }] }],
});

testLogRule(oldGnumachClock, {
  valid: [{ name: 'other warnings', log: 'warning: something else' }],
  invalid: [{ name: 'clock loop', log: 'warning: nsec 0x12a05f200 < lastnsec 0x12a05f2ff\nwarning: nsec 0x12a05f201 < lastnsec 0x12a05f2ff', findings: [{ messageId: 'clockOverflow', mentions: ['2013'] }] }],
});

testLogRule(oldGnumachBlock, {
  valid: [{ name: 'block driver chatter', log: 'hd0 count 1\nclose, hd0 count 0' }],
  invalid: [{ name: 'the 2009 assertion', log: "Assertion `copy->size <= PAGE_SIZE' failed in file \"../xen/block.c\", line 517", findings: [{ messageId: 'blockAssert', mentions: ['Upgrade GNU Mach'] }] }],
});

testLogRule(linuxBootedForHurd, {
  valid: [
    { name: 'a Linux guest that lost its own root', log: 'root@dom0:~# xl create -c /etc/xen/debian.cfg\n[    2.5] VFS: Cannot open root device "xvda9" or unknown-block(0,0): error -6\n[    2.5] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)' },
    { name: 'GNU Mach not finding its root is HX6 root rules', log: xm('Started domain hurd (id=2)\nGNU Mach 1.3.99\nstart ext2fs: ext2fs: device:hd1: No such device or address') },
  ],
  invalid: [
    {
      name: 'Linux booted with the Hurd root syntax, kernel from the pasted config',
      log: 'kernel = "/boot/vmlinuz-2.6.26-2-xen-686"\nramdisk = "/boot/hurd-modules"\nextra = "root=device:hd0"\n' + xm('Started domain hurd (id=3)\n[    2.51] VFS: Cannot open root device "device:hd0" or unknown-block(0,0)'),
      findings: [{ messageId: 'linuxConfigured', mentions: ['Linux kernel', 'gnumach-xen-pae', 'vmlinuz-2.6.26-2-xen-686'] }],
    },
    {
      name: 'no config, but Linux echoes device:hd0s1 back',
      log: xl('[    1.90] Kernel command line: root=device:hd0s1', '[    2.10] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)'),
      findings: [{ messageId: 'linuxBooted', mentions: ['instead of GNU Mach', 'hurd-modules'] }],
    },
  ],
});
