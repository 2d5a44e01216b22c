import { createWithoutConsole, mke2fsOptions, partitionType, shutdownIgnored, xlCreateRelativePath } from '../../../../rules/catalogue/logs/pasted-commands.js';
import { testLogRule } from '../../../support/log-rule-tester.js';

testLogRule(mke2fsOptions, {
  valid: [
    { name: 'the wiki command', log: 'root@dom0:~# mke2fs -b 4096 -I 128 -o hurd /dev/sda4' },
    { name: 'attached option values', log: 'sudo mke2fs -b4096 -I128 -ohurd /dev/vg0/hurd' },
    { name: 'inside the Hurd, -o hurd is implied', log: '# mkfs.ext2 -I 128 -b 4096 /dev/hd2' },
    { name: 'mke2fs banner output is not a command', log: 'mke2fs 1.47.0 (5-Feb-2023)' },
    { name: 'a non-ext mkfs', log: 'root@dom0:~# mkfs -t vfat /dev/sdb1' },
  ],
  invalid: [
    { name: 'bare mke2fs', log: 'root@dom0:~# mke2fs /dev/sda4', findings: [{ messageId: 'wrongOptions', severity: 'error', mentions: ['-o hurd is missing', 'mke2fs -b 4096 -I 128 -o hurd /dev/sda4'] }] },
    { name: 'ext4', log: 'root@dom0:~# mkfs.ext4 -o hurd /dev/sdb2', findings: [{ messageId: 'wrongOptions', severity: 'error', mentions: ['ext4', '/dev/sdb2'] }] },
    { name: 'inode size 256', log: '$ sudo mke2fs -b 4096 -I 256 -o hurd /dev/sda4', findings: [{ messageId: 'wrongOptions', severity: 'error', mentions: ['-I 256'] }] },
    { name: 'only the block size is missing', log: '# mke2fs -I 128 -o hurd /dev/sda4', findings: [{ messageId: 'wrongOptions', severity: 'warning', mentions: ['-b 4096 is missing'] }] },
    { name: 'wrong creator OS', log: '# mke2fs -b 4096 -I 128 -o linux /dev/sda4', findings: [{ messageId: 'wrongOptions', severity: 'error', mentions: ['-o linux'] }] },
    { name: 'inside the Hurd with 256-byte inodes', log: '# mkfs.ext2 -I 256 /dev/hd2', findings: [{ messageId: 'wrongOptions', mentions: ['mke2fs -b 4096 -I 128 /dev/hd2'], notMentions: ['-o hurd /dev/hd2'] }] },
  ],
});

testLogRule(partitionType, {
  valid: [
    { name: 'fdisk set to 83', log: 'Command (m for help): t\nPartition number (1-4, default 4): 4\nHex code (type L to list all codes): 83\nChanged type of partition \'Empty\' to \'Linux\'.' },
    { name: 'listing codes', log: 'Hex code or alias (type L to list all): L' },
    { name: 'sfdisk to 83', log: '# sfdisk --part-type /dev/sda 4 83' },
  ],
  invalid: [
    { name: 'fdisk type 7', log: 'Hex code or alias (type L to list all): 7\n\nChanged type of partition \'Linux\' to \'HPFS/NTFS/exFAT\'.', findings: [{ messageId: 'hexType', mentions: ['7', '83', 'sfdisk --part-type'] }] },
    { name: 'sfdisk to swap', log: 'root@dom0:~# sfdisk --part-type /dev/sda 4 82', findings: [{ messageId: 'sfdiskType', mentions: ['82'] }] },
    { name: 'fdisk confirmation only', log: "Changed type of partition 'Linux' to 'Linux swap / Solaris'.", findings: [{ messageId: 'fdiskChanged', mentions: ['Linux swap'] }] },
  ],
});

testLogRule(createWithoutConsole, {
  valid: [
    { name: 'with -c', log: 'root@dom0:~# xm create -c hurd\nStarted domain hurd (id=1)' },
    { name: 'failed start: the error matters, not -c', log: 'root@dom0:~# xm create hurd\nError: Kernel image does not exist: /boot/gnumach' },
    { name: 'a dry run starts nothing', log: 'root@dom0:~# xl create -n /etc/xen/hurd.cfg\nParsing config from /etc/xen/hurd.cfg\n{\n    "c_info": {' },
  ],
  invalid: [
    { name: 'xm create without -c', log: 'root@dom0:~# xm create hurd\nUsing config file "/etc/xen/hurd".\nStarted domain hurd (id=4)', findings: [{ messageId: 'noConsole', severity: 'info', mentions: ['xm console hurd'] }] },
    { name: 'xl create without -c', log: '$ sudo xl create /etc/xen/gnu.cfg\nParsing config from /etc/xen/gnu.cfg', findings: [{ messageId: 'noConsole', severity: 'info', mentions: ['xl console'] }] },
  ],
});

testLogRule(xlCreateRelativePath, {
  valid: [
    { name: 'full path', log: 'root@h:~# xl create -c /etc/xen/hurd' },
    { name: 'inside /etc/xen', log: 'root@h:/etc/xen# xl create -c hurd' },
    { name: 'the read error is HX622', log: 'root@h:~# xl create hurd\nFailed to read config file: hurd: No such file or directory' },
  ],
  invalid: [{ name: 'bare name from home', log: 'root@h:~# xl create -c hurd', findings: [{ messageId: 'relativePath', mentions: ['xl create -c /etc/xen/hurd'] }] }],
});

testLogRule(shutdownIgnored, {
  valid: [
    { name: 'a Linux guest', log: 'root@dom0:~# xm shutdown webserver' },
    { name: 'destroy', log: 'root@dom0:~# xm destroy hurd' },
  ],
  invalid: [{ name: 'xl shutdown of the hurd', log: 'root@dom0:~# xl shutdown hurd\nWaiting for 1 domains', findings: [{ messageId: 'ignored', severity: 'info', mentions: ['xl destroy hurd', 'halt'] }] }],
});
