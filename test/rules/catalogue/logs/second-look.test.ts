/**
 * The outputs the troubleshooter asks for, read (issue 16): each rule on the real output format of the dom0 tool
 * (xl info, ls, dumpe2fs, xm list, lvscan, /sys/hypervisor, pgrep), alone and after the error it decides.
 */
import { describe, expect, it } from 'vitest';
import { diskHeldByGuest, dom0NotUnderXen, filesystemNotForHurd, freeMemoryTooLow, kernelNotOnDom0, partitionedDisk, pv32OffOnCommandLine, volumeInactive, xenconsoledNotRunning } from '../../../../rules/catalogue/logs/second-look.js';
import { diagnoseLog } from '../../../../rules/engine.js';
import { testLogRule } from '../../../support/log-rule-tester.js';

const OOM = [
  'Parsing config from /etc/xen/hurd',
  "xc: error: panic: xc_dom_boot.c:122: xc_dom_boot_mem_init: can't allocate low memory for domain: Out of memory",
  'libxl: error: libxl_dom.c:593:libxl__build_dom: xc_dom_boot_mem_init failed: Operation not supported',
].join('\n');

testLogRule(pv32OffOnCommandLine, {
  valid: [
    { name: 'a command line without it', log: 'xen_commandline        : placeholder dom0_mem=2048M,max:2048M smt=0' },
    { name: 'pv=32 turns it on', log: 'xen_commandline        : placeholder pv=32' },
  ],
  invalid: [
    { name: 'xl info with pv=no-32', log: 'xen_commandline        : placeholder dom0_mem=2048M,max:2048M pv=no-32 smt=0', findings: [{ messageId: 'onCommandLine', mentions: ['pv=no-32', 'GRUB_CMDLINE_XEN'] }] },
    { name: 'pv=32=0 after the out-of-memory error', log: `${OOM}\nxen_commandline        : pv=32=0`, findings: [{ messageId: 'onCommandLine', mentions: ['pv=32=0'] }] },
  ],
});

testLogRule(freeMemoryTooLow, {
  valid: [
    { name: 'plenty free', log: 'total_memory           : 32768\nfree_memory            : 27408' },
    { name: 'enough for the guest it names', log: 'memory = 256\nfree_memory            : 300' },
  ],
  invalid: [
    { name: 'a few MB free', log: 'total_memory           : 4011\nfree_memory            : 61', findings: [{ messageId: 'tooLow', mentions: ['61 MB', 'xl mem-set', 'dom0_mem', 'autoballoon'] }] },
    { name: 'less than the memory line asks', log: 'memory = 512\nfree_memory            : 300', findings: [{ messageId: 'tooLow', mentions: ['300 MB', '512 MB'] }] },
  ],
});

testLogRule(kernelNotOnDom0, {
  valid: [{ name: 'the files are there', log: 'root@dom0:~# ls -l /boot/gnumach-xen-pae\n-rw-r--r-- 1 root root 812345 Jan  1 12:00 /boot/gnumach-xen-pae' }],
  invalid: [
    {
      name: 'not in dom0\'s /boot, but in the mounted Hurd disk',
      log: "root@bookworm:~# ls -l /boot/gnumach* /boot/hurd-modules\nls: cannot access '/boot/gnumach*': No such file or directory\nls: cannot access '/boot/hurd-modules': No such file or directory\nroot@bookworm:~# ls /mnt/hurd/boot\ngnumach-xen-pae  hurd-modules",
      findings: [{ messageId: 'elsewhere', mentions: ['dom0', '/mnt/hurd/boot', 'cp '] }],
    },
    { name: 'just missing', log: "ls: cannot access '/boot/hurd-modules': No such file or directory", findings: [{ messageId: 'missing', mentions: ['dom0'] }] },
  ],
});

testLogRule(filesystemNotForHurd, {
  valid: [{ name: 'made for the Hurd', log: 'Filesystem OS type:       Hurd' }],
  invalid: [{ name: 'dumpe2fs on a Linux-made filesystem', log: "root@dom0:~# dumpe2fs -h /dev/sda4 2>/dev/null | grep -iE 'os type|inode size'\nFilesystem OS type:       Linux\nInode size:\t          128", findings: [{ messageId: 'notHurd', mentions: ['Linux', '-o hurd'] }] }],
});

const IN_USE = 'root@dom0:~# xm create -c hurd\nUsing config file "/etc/xen/hurd".\nError: Device 768 (vbd) could not be connected.\nDevice /dev/sda4 is mounted in a guest domain,\nand so cannot be mounted now.';
const XM_LIST = 'root@dom0:~# xm list\nName                                        ID   Mem VCPUs      State   Time(s)\nDomain-0                                     0  1752     2     r-----   2210.4\nhurd-test                                    7   256     1     -b----     61.9';

testLogRule(diskHeldByGuest, {
  valid: [
    { name: 'a list without the disk error', log: XM_LIST },
    { name: 'the error with only dom0 running', log: `${IN_USE}\nName    ID   Mem VCPUs      State   Time(s)\nDomain-0   0  1752     2     r-----   2210.4` },
  ],
  invalid: [{ name: 'the error, then xm list', log: `${IN_USE}\n${XM_LIST}`, findings: [{ messageId: 'heldBy', mentions: ['hurd-test', 'xm shutdown hurd-test'] }] }],
});

testLogRule(volumeInactive, {
  valid: [{ name: 'all active', log: "  ACTIVE            '/dev/vg0/root' [20.00 GiB] inherit" }],
  invalid: [{ name: 'lvscan after a reboot', log: "root@dom0:~# lvscan\n  ACTIVE            '/dev/vg0/root' [20.00 GiB] inherit\n  inactive          '/dev/vg0/hurd' [10.00 GiB] inherit", findings: [{ messageId: 'inactive', mentions: ['/dev/vg0/hurd', 'lvchange -ay', 'vgchange -ay vg0'] }] }],
});

testLogRule(dom0NotUnderXen, {
  valid: [{ name: 'under Xen', log: 'root@dom0:~# cat /sys/hypervisor/type\nxen' }],
  invalid: [{ name: 'bare metal', log: 'root@debian:~# cat /sys/hypervisor/type\ncat: /sys/hypervisor/type: No such file or directory', findings: [{ messageId: 'bareMetal', mentions: ['GRUB', 'Xen hypervisor'] }] }],
});

testLogRule(xenconsoledNotRunning, {
  valid: [{ name: 'it runs', log: 'root@dom0:~# pgrep -a xenconsoled\n612 /usr/sbin/xenconsoled --pid-file=/var/run/xen/xenconsoled.pid\nroot@dom0:~# pgrep -a xenstored\n611 /usr/sbin/oxenstored' }],
  invalid: [{ name: 'pgrep prints nothing', log: 'root@dom0:~# pgrep -a xenconsoled\nroot@dom0:~# pgrep -a xenstored\n611 /usr/sbin/oxenstored --pid-file /var/run/xen/xenstored.pid', findings: [{ messageId: 'notRunning', mentions: ['xencommons'] }] }],
});

describe('read with the error they decide', () => {
  it('the out-of-memory error alone asks for xl info; with pv=no-32 shown it is that cause only', () => {
    const alone = diagnoseLog(OOM).findings.map((f) => f.rule);
    expect(alone).toContain('HX605');
    const both = diagnoseLog(`${OOM}\nxen_commandline        : pv=no-32`).findings.map((f) => f.rule);
    expect(both).toContain('HX690');
    expect(both).not.toContain('HX605');
  });
});

const FDISK = `root@dom0:~# fdisk -l /srv/xen/debian-hurd.img
Disk /srv/xen/debian-hurd.img: 4 GiB, 4294967296 bytes, 8388608 sectors
Units: sectors of 1 * 512 = 512 bytes
Disklabel type: dos
Disk identifier: 0x2d3a5c1e

Device                    Boot   Start     End Sectors  Size Id Type
/srv/xen/debian-hurd.img1 *       2048 7815167 7813120  3.7G 83 Linux
/srv/xen/debian-hurd.img2      7817214 8386559  569346  278M  5 Extended
/srv/xen/debian-hurd.img5      7817216 8386559  569344  278M 82 Linux swap / Solaris`;

testLogRule(partitionedDisk, {
  valid: [{ name: 'a disk without a table', log: 'Disk /dev/vg0/hurd: 10 GiB, 10737418240 bytes, 20971520 sectors\nUnits: sectors of 1 * 512 = 512 bytes' }],
  invalid: [
    { name: 'fdisk -l of a partitioned image', log: FDISK, findings: [{ messageId: 'table', mentions: ['partition', 'part:1:device:hd0', 'losetup -o 1048576'] }] },
    { name: 'after ext2fs\'s bad magic, it says the cause instead', log: `start ext2fs: ext2fs: device:hd0: panic: get_hypermetadata: bad magic number 0 (should be 0xef53)\n${FDISK}`, findings: [{ messageId: 'table' }] },
  ],
});
