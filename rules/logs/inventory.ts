/**
 * The message inventory: messages the toolchain prints (xend/xm, libxl/xl, libxlu, pv-grub, GNU Mach, the Hurd's
 * ext2fs and startup, Debian's installer and wrappers), harvested from their sources, as data: each family is one
 * cause with one explanation and one fix (ShellCheck's one code, one explanation, one fix), and lists every wording
 * it has had across Xen and Hurd generations with the source that prints it.
 *
 * A family here is diagnosed by its message alone (rules/catalogue/logs-inventory.ts turns each into a rule).
 * Messages whose diagnosis needs several events of a paste (a hotplug failure and the vif line that names the
 * bridge, a banner and what follows it) live in rules/logs/classify.ts's MESSAGE_KINDS and their own rules.
 * docs/message-inventory.md is the coverage table; test/rules/logs/inventory.test.ts has one case per wording.
 */
import type { Severity } from '../types.js';

export interface Wording {
  /** Applied to one line of the paste (at most a few hundred characters); must pass recheck. */
  pattern: RegExp;
  /** Which program and generation prints it, and where (repository path at a commit, or package). */
  printedBy: string;
  /** A line as the program prints it, built from the format string: the test feeds it to the rule. */
  example: string;
}

export interface MessageFamily {
  id: string;
  name: string;
  title: string;
  severity: Severity;
  /** What it means, in one or two sentences (own words). */
  cause: string;
  /** The one thing to do. */
  fix: string;
  wordings: Wording[];
  source: { url: string; section: string };
  knowledge: string;
  /** Rules that say the same thing more precisely: when one of them fires, this family's finding is dropped. */
  yieldsTo?: string[];
  /** Rules this family says more precisely: when it fires, their findings are dropped (one cause, one finding). */
  supersedes?: string[];
}

const XM = 'https://github.com/xen-project/xen/blob/e04254f7bc';
const XEN = 'https://github.com/xen-project/xen/blob/c447b7308b';
const HURD = 'https://git.savannah.gnu.org/cgit/hurd/hurd.git/tree';
const GNUMACH = 'https://github.com/GitMirroring/hurd-gnumach/blob/970604df3b';
const HURD_XEN = 'https://www.gnu.org/software/hurd/microkernel/mach/gnumach/ports/xen.html';

export const MESSAGE_FAMILIES: readonly MessageFamily[] = [
  {
    id: 'HX640',
    name: 'xend-errno-only',
    title: 'xend refused the domain with only an errno',
    severity: 'error',
    cause:
      'xend turned a failure into a bare (errno, message) pair; the real reason is in /var/log/xen/xend.log (and xm dmesg). On Xen 3.0/3.1 errno 22 at create is usually a kernel the hypervisor refuses: a PAE mismatch (gnumach-xen-pae vs gnumach-xen-nonpae) or a non-Xen kernel.',
    fix: 'Read the end of /var/log/xen/xend.log and `xm dmesg`; check that the kernel is the Xen GNU Mach matching the hypervisor (xm info | grep xen_caps: x86_32p wants gnumach-xen-pae).',
    wordings: [
      {
        pattern: /^Error: \(\d{1,3}, '[A-Za-z][A-Za-z ]{2,60}'\)\s*$/,
        printedBy: 'xm 3.0-4.4: main.py err() of an XendError/VmError carrying only os.strerror',
        example: "Error: (22, 'Invalid argument')",
      },
    ],
    source: { url: `${XM}/tools/python/xen/xm/main.py`, section: 'xm err(); xend.log' },
    knowledge: 'error-xend',
  },
  {
    id: 'HX641',
    name: 'domain-not-running',
    title: 'The domain is not running (any more)',
    severity: 'error',
    cause: 'There is no running domain of that name: it crashed, or GNU Mach stopped, right after it was started.',
    fix: 'Start it with the console attached (xl create -c /etc/xen/hurd, xm create -c hurd) to see why it stops; on_crash = "preserve" keeps a crashed domain for inspection.',
    wordings: [
      { pattern: /^Error: Domain '[^']{1,64}' does not exist\.?/, printedBy: 'xm 3.x-4.4: main.py', example: "Error: Domain 'hurd' does not exist." },
      { pattern: /^\S{1,64} is an invalid domain identifier/, printedBy: 'xl 4.x: xl_utils.c / xl_block.c', example: 'hurd is an invalid domain identifier (rc=-6)' },
    ],
    source: { url: `${XM}/tools/python/xen/xm/main.py`, section: "err(\"Domain '%s' does not exist.\")" },
    knowledge: 'error-console',
  },
  {
    id: 'HX642',
    name: 'xl-vif-mac-invalid',
    title: 'xl refused the mac= of a vif',
    severity: 'error',
    cause: "xl could not read the vif's mac=: it must be six hex octets such as 00:16:3e:12:34:56, and the wiki's 00:16:3e:XX:XX:XX placeholder is not one.",
    fix: "Write real hex digits in place of each XX (keep Xen's 00:16:3e prefix): vif = [ 'mac=00:16:3e:5a:2b:01' ].",
    wordings: [{ pattern: /^Invalid parameter `mac'/, printedBy: 'xl 4.x: xl_parse.c (xl_cmdimpl.c before 4.8)', example: "Invalid parameter `mac'." }],
    source: { url: `${XEN}/tools/xl/xl_parse.c`, section: "fprintf(stderr, \"Invalid parameter `mac'.\\n\")" },
    knowledge: 'networking',
  },
  {
    id: 'HX643',
    name: 'xm-vif-item-not-pair',
    title: 'xm refused a vif item without key=',
    severity: 'error',
    cause: 'Every item of an xm vif spec is key=value; a bare MAC (or bridge name) without its key is rejected.',
    fix: "Name each item: vif = [ 'mac=00:16:3e:11:22:33, bridge=br0' ].",
    wordings: [
      { pattern: /should be a pair, separated by an equals sign/, printedBy: 'xm 3.x-4.4: create.py preprocess_vifs', example: 'Error:  00:16:3e:11:22:33 should be a pair, separated by an equals sign.' },
    ],
    source: { url: `${XM}/tools/python/xen/xm/create.py`, section: 'err("%s should be a pair, separated by an equals sign.")' },
    knowledge: 'networking',
  },
  {
    id: 'HX644',
    name: 'bootloader-failed',
    title: 'The dom0 boot loader (pygrub) failed',
    severity: 'error',
    cause: "xl ran a dom0 boot loader (bootloader = \"pygrub\") and it failed: pygrub looks for a Linux kernel and cannot boot GNU Mach's multiboot modules.",
    fix: 'Drop bootloader and boot GNU Mach directly (kernel = gnumach-xen-pae + ramdisk = hurd-modules), or through pv-grub/pvgrub2 (kernel = "/boot/pv-grub.gz" or grub-i386-xen.bin with extra = the menu).',
    wordings: [
      { pattern: /bootloader failed - consult logfile/, printedBy: 'libxl 4.1+: libxl_bootloader.c', example: 'libxl: error: libxl_bootloader.c:648:bootloader_finished: Domain 4:bootloader failed - consult logfile /var/log/xen/bootloader.4.log' },
      { pattern: /libxl_report_child_exitstatus: bootloader \[\d{1,8}\] exited with error status/, printedBy: 'libxl 4.1+: libxl_exec.c', example: 'libxl: error: libxl_exec.c:117:libxl_report_child_exitstatus: bootloader [24561] exited with error status 1' },
    ],
    source: { url: `${XEN}/tools/libs/light/libxl_bootloader.c`, section: 'bootloader failed - consult logfile' },
    knowledge: 'pv-grub',
  },
  {
    id: 'HX645',
    name: 'xl-not-a-number',
    title: 'xl ignored a number it could not read',
    severity: 'error',
    cause: 'libxlu could not read the value as a number (a unit such as 512M, or text): xl warns and uses the default instead (32 MB for memory).',
    fix: 'Write the number bare, without quotes or unit: memory = 512.',
    wordings: [
      { pattern: /:\d{1,6}: warning: parameter `[a-z_.]{1,40}' is not a valid number/, printedBy: 'libxlu 4.1+: libxlu_cfg.c xlu_cfg_get_long', example: "/etc/xen/hurd:3: warning: parameter `memory' is not a valid number" },
    ],
    source: { url: `${XEN}/tools/libs/util/libxlu_cfg.c`, section: 'xlu_cfg_get_long' },
    knowledge: 'memory',
  },
  {
    id: 'HX646',
    name: 'toolstack-deprecated',
    title: 'The toolstack warns that it is deprecated',
    severity: 'warning',
    cause: 'xm/xend (deprecated in 4.2, removed in Xen 4.5) or Debian\'s old xen-toolstack-wrapper says it is on its way out: the domain may still start, but the next upgrade removes it.',
    fix: 'Switch to xl now: xl create -c /etc/xen/hurd with the same config (add name = "hurd"), and call xl directly instead of the wrapper.',
    wordings: [
      { pattern: /^WARNING: xend\/xm is deprecated\./, printedBy: 'xm 4.2-4.4: tools/python/xen/xm/xm (every run)', example: 'WARNING: xend/xm is deprecated.' },
      { pattern: /xend is deprecated and scheduled for removal/, printedBy: 'xm 4.2-4.4: tools/python/xen/xm/xm (first run)', example: 'xend is deprecated and scheduled for removal. Please migrate to another' },
      { pattern: /called deprecated script \S{0,80}xen-toolstack-wrapper/, printedBy: 'Debian xen-utils-common 4.11+: xen-toolstack-wrapper', example: 'warning: something called deprecated script /usr/lib/xen-common/bin/xen-toolstack-wrapper' },
    ],
    source: { url: `${XM}/tools/python/xen/xm/xm`, section: 'xend is deprecated and scheduled for removal' },
    knowledge: 'xm-to-xl',
  },
  {
    id: 'HX647',
    name: 'xm-nics-deprecated',
    title: 'xm: the nics option is deprecated',
    severity: 'warning',
    cause: 'nics = N counted network cards in old xm configs; xm 3.x warns and xl has no nics key at all.',
    fix: "Remove the nics line and give one vif entry per card: vif = [ '' ].",
    wordings: [{ pattern: /The nics option is deprecated/, printedBy: 'xm 3.x-4.4: create.py preprocess_vifs', example: 'Warning: The nics option is deprecated.  Please use an empty vif entry instead:' }],
    source: { url: `${XM}/tools/python/xen/xm/create.py`, section: 'warn("The nics option is deprecated. ...")' },
    knowledge: 'networking',
  },
  {
    id: 'HX648',
    name: 'xl-disk-access-unknown',
    title: 'xl does not know that disk access mode',
    severity: 'error',
    cause: "libxlu knows the access modes r, ro, w and rw only; xm's w! (writable although shared) is not supported by xl.",
    fix: "Use w (or rw): disk = [ 'phy:/dev/vg0/hurd,hda,w' ]; never share one writable disk between two guests.",
    wordings: [{ pattern: /config parsing error in disk specification: unknown value for access/, printedBy: 'libxlu 4.2+: libxlu_disk_l.l', example: "/etc/xen/hurd: config parsing error in disk specification: unknown value for access: near `w!' in `phy:/dev/vg0/hurd,hda,w!'" }],
    source: { url: `${XEN}/tools/libs/util/libxlu_disk_l.l`, section: 'unknown value for access' },
    knowledge: 'disk',
  },
  {
    id: 'HX649',
    name: 'ext2fs-disk-too-small',
    title: 'ext2fs: the disk is smaller than its filesystem',
    severity: 'error',
    cause: "The device GNU Mach got is smaller than the ext2 superblock says: the disk line exports another partition or LV than the one formatted, or the image/LV was shrunk.",
    fix: 'Export the partition or LV that holds the Hurd filesystem (check the phy:/file: path), or grow the LV or image back (lvextend, truncate -s) to the filesystem size.',
    wordings: [{ pattern: /get_hypermetadata: disk size \(\d{1,20} bytes\) too small; superblock says we need/, printedBy: 'Hurd ext2fs: hyper.c', example: 'ext2fs: device:hd0: panic: get_hypermetadata: disk size (5368709120 bytes) too small; superblock says we need 10737418240' }],
    source: { url: `${HURD}/ext2fs/hyper.c`, section: 'ext2_panic ("disk size (%qd bytes) too small; ...")' },
    knowledge: 'error-root-not-found',
  },
  {
    id: 'HX650',
    name: 'ext2fs-bad-magic',
    title: 'ext2fs: no ext2 filesystem on the root device',
    severity: 'error',
    cause: 'The device named by root= holds no ext2 filesystem: a swap partition, the whole disk instead of its partition, or a partition that was never formatted.',
    fix: 'Point root= at the ext2 partition (hd0s1 or part:N:device:hd0 for a partitioned disk, another vdev such as hd1 for a second disk), or format it with mke2fs -b 4096 -I 128 -o hurd.',
    wordings: [{ pattern: /get_hypermetadata: bad magic number \S{1,12} \(should be 0xef53\)/, printedBy: 'Hurd ext2fs: hyper.c', example: 'ext2fs: device:hd1: panic: get_hypermetadata: bad magic number 0 (should be 0xef53)' }],
    source: { url: `${HURD}/ext2fs/hyper.c`, section: 'ext2_panic ("bad magic number %#x (should be %#x)")' },
    knowledge: 'root-device',
  },
  {
    id: 'HX651',
    name: 'ext2fs-not-clean',
    title: 'ext2fs: the filesystem was not unmounted cleanly',
    // a note: the Hurd's boot scripts check the filesystem and go on; it matters when it stays read-only
    severity: 'info',
    cause: 'The Hurd root filesystem was not unmounted cleanly (a destroyed domain, or dom0 had it mounted), so ext2fs starts it read-only until it is checked.',
    fix: 'If it stays read-only: stop the domU and run e2fsck on the partition from dom0 (e2fsck -f /dev/sda4), then start it again; fsysopts / --writable only after the check.',
    wordings: [
      { pattern: /FILESYSTEM NOT UNMOUNTED CLEANLY; PLEASE fsck/, printedBy: 'Hurd ext2fs: hyper.c', example: 'start ext2fs: ext2fs: device:hd0: warning: FILESYSTEM NOT UNMOUNTED CLEANLY; PLEASE fsck' },
      { pattern: /MOUNTED READ-ONLY; MUST USE `fsysopts --writable'/, printedBy: 'Hurd ext2fs: hyper.c', example: "ext2fs: device:hd0: warning: MOUNTED READ-ONLY; MUST USE `fsysopts --writable'" },
    ],
    source: { url: `${HURD}/ext2fs/hyper.c`, section: 'ext2_warning ("FILESYSTEM NOT UNMOUNTED CLEANLY; PLEASE fsck")' },
    knowledge: 'partition-filesystem',
  },
  {
    id: 'HX652',
    name: 'hurd-startup-not-found',
    title: 'The Hurd has no startup program on its root filesystem',
    severity: 'error',
    cause: 'GNU Mach and ext2fs started, but the root filesystem holds no installed Hurd (/hurd/init or /hurd/startup is missing): an empty partition, or root= names the wrong one.',
    fix: 'Install the Hurd onto that partition first (crosshurd from dom0, then export TERM=mach and ./native-install at the first boot), or point root= at the partition that holds it.',
    wordings: [
      { pattern: /Cannot find startup program `[^']{1,80}'/, printedBy: 'Hurd libdiskfs: boot-start.c', example: "Cannot find startup program `hurd/init': No such file or directory" },
      { pattern: /^start: Can't find \S{1,80}/, printedBy: 'older Hurd libdiskfs boot-start.c', example: "start: Can't find /hurd/init" },
    ],
    source: { url: `${HURD}/libdiskfs/boot-start.c`, section: 'printf ("\\nCannot find startup program `%s\': %s\\n")' },
    knowledge: 'installing',
  },
  {
    id: 'HX653',
    name: 'pvgrub-guest-type',
    title: 'pv-grub cannot load this GNU Mach (guest type)',
    severity: 'error',
    cause: "pv-grub comes in two builds: pv-grub-x86_64 loads only 64-bit kernels, pv-grub-x86_32 only 32-bit PAE ones; GRUB's Error 13 follows when the kernel is of the other kind (or a non-PAE gnumach under a PAE pv-grub).",
    fix: 'For the 32-bit Hurd use the 32-bit pv-grub (pv-grub-x86_32.gz, or the hurd-xen pv-grub.gz) with gnumach-xen-pae; a 64-bit pv-grub cannot boot it.',
    wordings: [
      { pattern: /can only boot x86 (?:64|32 PAE) kernels, not \S{1,40}/, printedBy: 'pv-grub (Xen 3.3-4.22): stubdom/grub/kexec.c', example: 'can only boot x86 64 kernels, not xen-3.0-x86_32p' },
      { pattern: /^\s*Error 13: Invalid or unsupported executable format/, printedBy: 'GRUB legacy (pv-grub): stage2 char *err_list', example: 'Error 13: Invalid or unsupported executable format' },
    ],
    source: { url: `${XM}/stubdom/grub/kexec.c`, section: 'grub_printf("can only boot x86 ... kernels, not %s")' },
    knowledge: 'pv-grub',
  },
  {
    id: 'HX654',
    name: 'native-install-done',
    title: 'native-install finds an installed system',
    severity: 'info',
    cause: 'native-install ran before on this filesystem (the second stage of a crosshurd install runs once); the system is installed.',
    fix: 'Nothing to do: use the system. To start over, reformat the partition and run crosshurd again.',
    wordings: [{ pattern: /Existing system found, exitt?ing/, printedBy: "Debian crosshurd: native-install", example: 'Existing system found, exitting.' }],
    source: { url: 'https://packages.debian.org/bookworm/crosshurd', section: 'native-install' },
    knowledge: 'installing',
  },
  {
    id: 'HX655',
    name: 'mach-no-net-device',
    title: 'GNU Mach found no network device',
    // a note: a guest without network is a valid choice (the wiki's own advice when the vif fails)
    severity: 'info',
    cause: 'The domain has no vif, so GNU Mach has no network card (a commented-out vif line, or an empty config).',
    fix: "Add vif = [ '' ] (or with a bridge and fixed MAC: vif = [ 'mac=00:16:3e:XX:XX:XX, bridge=br0' ]) if the Hurd needs network.",
    wordings: [{ pattern: /^eth: No net device \(\S{1,20}\)/, printedBy: 'GNU Mach xen/net.c', example: "eth: No net device (ENOENT). Hoping you don't need any" }],
    source: { url: `${GNUMACH}/xen/net.c`, section: 'printf("eth: No net device (%s). Hoping you don\'t need any\\n")' },
    knowledge: 'networking',
  },
  {
    id: 'HX656',
    name: 'debian-xen-utils-version',
    title: "Debian's Xen tools of the running hypervisor are gone",
    severity: 'error',
    cause: "dom0 still runs the old hypervisor, but the upgrade removed its tools (xen-utils-<old>); Debian's wrapper finds no tools for it.",
    fix: 'Reboot dom0 into the new Xen (check the GRUB default entry); the tools installed then match the hypervisor.',
    wordings: [{ pattern: /Can't find version \S{1,12} of xen utils/, printedBy: 'Debian xen-utils-common: xen-utils wrapper', example: "ERROR:  Can't find version 4.14 of xen utils (maybe xen-utils-4.14 was already removed before rebooting out of Xen 4.14), bailing out!" }],
    source: { url: 'https://packages.debian.org/bookworm/xen-utils-common', section: '/usr/lib/xen-common/bin/xen-dir' },
    knowledge: 'toolstack',
  },
  {
    id: 'HX657',
    name: 'installer-term-not-set',
    title: 'debconf: TERM is not set',
    severity: 'info',
    cause: 'native-install runs on the Xen console, where TERM is not set, so debconf falls back to plain prompts.',
    fix: 'Harmless; for the dialog screens run export TERM=mach before ./native-install.',
    wordings: [{ pattern: /debconf: \(TERM is not set/, printedBy: 'debconf: FrontEnd/Dialog.pm', example: 'debconf: (TERM is not set, so the dialog frontend is not usable.)' }],
    source: { url: HURD_XEN, section: 'export TERM=mach; ./native-install' },
    knowledge: 'installing',
  },
  {
    id: 'HX658',
    name: 'settrans-not-supported',
    title: 'Translators cannot be set: the filesystem is not owned by "hurd"',
    severity: 'error',
    cause: 'The ext2 filesystem was made without -o hurd, so it has no room for translator records and settrans fails with "Operation not supported".',
    fix: 'Recreate it from dom0 with mke2fs -b 4096 -I 128 -o hurd /dev/sda4 (this erases it), then run crosshurd and native-install again.',
    wordings: [{ pattern: /^settrans: \S{1,120}: Operation not supported/, printedBy: 'Hurd utils/settrans.c (error from file_set_translator)', example: 'settrans: /servers/socket/1: Operation not supported' }],
    source: { url: HURD_XEN, section: 'mke2fs -o hurd' },
    knowledge: 'partition-filesystem',
  },
  {
    id: 'HX659',
    name: 'xm-config-python-error',
    title: 'xm ran the config and Python raised an error',
    severity: 'error',
    cause:
      "xm executes the config as Python: an unquoted word (name = hurd, on_crash = preserve) is read as an undefined variable, and str + int cannot be added, so the run stops.",
    fix: 'Quote strings (name = "hurd", on_crash = "preserve"); build strings from numbers with str(n) or % formatting ("hurd%d" % n); or move to xl, which reads values without running Python.',
    wordings: [
      { pattern: /^(?:Error: |NameError: )name '\w{1,64}' is not defined/, printedBy: "xm (Python 2 NameError via err())", example: "Error: name 'hurd' is not defined" },
      { pattern: /cannot concatenate '\w{1,10}' and '\w{1,10}' objects/, printedBy: 'xm (Python 2 TypeError)', example: "Error: cannot concatenate 'str' and 'int' objects" },
      { pattern: /can only concatenate str \(not "\w{1,10}"\) to str/, printedBy: 'Python 3 TypeError', example: 'TypeError: can only concatenate str (not "int") to str' },
      { pattern: /unsupported operand type\(s\) for [+%*-]: '\w{1,10}' and '\w{1,10}'/, printedBy: 'Python TypeError', example: "Error: unsupported operand type(s) for +: 'int' and 'str'" },
      { pattern: /not all arguments converted during string formatting/, printedBy: 'Python TypeError', example: 'Error: not all arguments converted during string formatting' },
    ],
    source: { url: `${XM}/tools/python/xen/xm/create.py`, section: 'make_config: execfile of the config' },
    knowledge: 'config-syntax',
  },
  {
    id: 'HX660',
    name: 'ext2fs-inode-size',
    title: 'ext2fs: inode size not supported',
    severity: 'error',
    cause: "The Hurd's ext2fs only handles 128-byte inodes; the filesystem was made with mke2fs's modern default of 256.",
    fix: 'Recreate the filesystem from dom0 with mke2fs -b 4096 -I 128 -o hurd /dev/sda4 (this erases it; use your partition), then install again.',
    wordings: [{ pattern: /get_hypermetadata: inode size \d{1,6} isn't supported/, printedBy: 'Hurd ext2fs: hyper.c', example: "start ext2fs: ext2fs: device:hd0: panic: get_hypermetadata: inode size 256 isn't supported" }],
    source: { url: `${HURD}/ext2fs/hyper.c`, section: 'ext2_panic ("inode size %d isn\'t supported")' },
    knowledge: 'partition-filesystem',
  },
  {
    id: 'HX661',
    name: 'disk-image-read-only',
    title: 'The disk image file is read-only on dom0',
    severity: 'error',
    cause: "The block hotplug script refuses to export a read-only file as a writable disk (mode w): the image's permissions (or a read-only mount) do not allow writing.",
    fix: 'Make the image writable on dom0 (chmod u+w /srv/xen/hurd.img, or remount its filesystem read-write), or export it read-only with mode r if the guest must not write.',
    wordings: [
      { pattern: /^File \S{1,200} is read-only, and so I will not/, printedBy: 'Xen hotplug block script (tools/hotplug/Linux/block), Xen 3.x-4.x', example: 'File /srv/xen/hurd.img is read-only, and so I will not' },
    ],
    source: { url: `${XM}/tools/hotplug/Linux/block`, section: '"File $file is read-only, and so I will not mount it read-write in a guest domain."' },
    knowledge: 'error-disk',
  },
  {
    id: 'HX662',
    name: 'grub2-file-not-found',
    title: 'GRUB 2 (pvgrub2) cannot find a file named in grub.cfg',
    severity: 'error',
    cause: 'pvgrub2 read grub.cfg, but a file its menu entry names (the multiboot kernel or a module) does not exist at that path on the guest disk.',
    fix: "Correct the path in the grub.cfg menuentry to the file that is really there (ls /boot in the Hurd; Debian's Xen kernel is /boot/gnumach-1.8-xen-486.gz, the plain one gnumach-1.8-486.gz).",
    wordings: [{ pattern: /^error: file `[^']{1,200}' not found\.?/, printedBy: 'GRUB 2 (grub-core, GRUB_ERR_FILE_NOT_FOUND)', example: "error: file `/boot/gnumach-1.8-xen-486.gz' not found." }],
    source: { url: 'https://git.savannah.gnu.org/cgit/grub.git/tree/grub-core/kern/file.c', section: "file `%s' not found" },
    knowledge: 'pvgrub2',
  },
  {
    id: 'HX663',
    name: 'xl-config-cr',
    title: 'xl: lexical error on a carriage return (CRLF config)',
    severity: 'error',
    cause: "The config has Windows (CRLF) line ends: libxlu stops on the \\r at the end of every line, and the terminal shows the error message broken by that carriage return.",
    fix: 'Convert the file to Unix line ends (dos2unix /etc/xen/hurd, or sed -i "s/\\r$//" /etc/xen/hurd) and create the domain again.',
    wordings: [
      // (no \b: on the terminal the rest of the message overwrites the line after the CR, "': lexical errorg:1: ...")
      { pattern: /^': lexical error/, printedBy: "libxlu 4.x: libxlu_cfg.c, \"config parsing error near `%s': lexical error\" with %s a carriage return", example: "': lexical error config parsing error near `" },
      { pattern: /config parsing error near `\r'/, printedBy: 'libxlu 4.x: libxlu_cfg.c (the CR kept in a saved log)', example: "/etc/xen/hurd:3: config parsing error near `\r': lexical error" },
    ],
    source: { url: `${XEN}/tools/libs/util/libxlu_cfg.c`, section: "config parsing error near `%s': lexical error" },
    knowledge: 'error-config-syntax',
    supersedes: ['HX626'],
  },
  {
    id: 'HX664',
    name: 'mach-cannot-load-module',
    title: 'GNU Mach cannot load a bootstrap program',
    severity: 'error',
    cause: 'GNU Mach could not load the Hurd server it was given as a boot module: most often a 64-bit (hurd-amd64, x86-64) userland under the 32-bit GNU Mach, or a file that is not an ELF executable.',
    fix: 'Boot a 32-bit (hurd-i386) system with the 32-bit gnumach-xen-pae, or a 64-bit one with the amd64 Xen GNU Mach (gnumach-image-1.8-xen-amd64); check the module with `file /hurd/ext2fs.static`.',
    wordings: [{ pattern: /Cannot load user executable module \(error code \d{1,6}\)/, printedBy: 'GNU Mach kern/bootstrap.c', example: 'panic kern/bootstrap.c:810: user_bootstrap: Cannot load user executable module (error code 6001): ext2fs' }],
    source: { url: `${GNUMACH}/kern/bootstrap.c`, section: 'panic ("Cannot load user executable module (error code %d): %s")' },
    knowledge: 'hurd-modules',
  },
  {
    id: 'HX665',
    name: 'pvgrub-no-partition',
    title: 'pv-grub: no such partition',
    severity: 'error',
    cause: 'pv-grub was told to use a partition, (hd0,N), but the exported disk has no partition table: the Hurd filesystem fills the whole disk (the usual phy:sda4 export).',
    fix: 'Name the whole disk: extra = "(hd0)/boot/grub/menu.lst" and root (hd0) in menu.lst; (hd0,N) only when the exported disk is partitioned.',
    wordings: [{ pattern: /^\s*Error 22: No such partition/, printedBy: 'GRUB legacy (pv-grub): stage2 err_list', example: 'Error 22: No such partition' }],
    source: { url: HURD_XEN, section: 'pv-grub: extra = "(hd0)/boot/grub/menu.lst"' },
    knowledge: 'pv-grub',
  },
  {
    id: 'HX666',
    name: 'xc-dom-parse-image-failed',
    title: 'libxc could not load the kernel image',
    severity: 'error',
    cause: "libxc's loader rejected the kernel: usually not a Xen PV kernel (a plain gnumach or vmlinuz) or a guest type the hypervisor does not run (PAE mismatch, 32-bit PV off); the xc: line above it says which.",
    fix: 'Run xl -vvv create -c /etc/xen/hurd and read the xc: error line; the kernel must be the Xen GNU Mach (gnumach-xen-pae) matching xen_caps (xl info).',
    // ("xc_dom_parse_image: called" is -vvv chatter on every boot, HVM ones included: only the failure counts)
    wordings: [{ pattern: /xc_dom_parse_image failed/, printedBy: 'libxl 4.x: libxl_dom.c libxl__build_dom', example: 'libxl: error: libxl_dom.c:571:libxl__build_dom: xc_dom_parse_image failed' }],
    source: { url: `${XEN}/tools/libs/light/libxl_dom.c`, section: 'LOGE(ERROR, "xc_dom_parse_image failed")' },
    knowledge: 'error-not-xen-kernel',
    yieldsTo: ['HX604', 'HX605', 'HX606', 'HX608'],
  },
  {
    id: 'HX667',
    name: 'ext2fs-unsupported-features',
    title: "The Hurd's ext2fs cannot mount a filesystem with ext3/ext4 features",
    severity: 'error',
    cause:
      "The root filesystem carries features the Hurd's ext2fs does not support (ext4's extents, 64bit, flex_bg or a journal from mkfs.ext4 / mkfs.ext3 defaults), so ext2fs refuses to mount it (or mounts it read-only).",
    fix: 'Re-create the filesystem as plain ext2 for the Hurd on dom0: mke2fs -t ext2 -b 4096 -I 128 -o hurd /dev/<partition> (then install the Hurd onto it again); `dumpe2fs -h` lists the features it has.',
    wordings: [
      {
        pattern: /could not mount because of unsupported optional features/,
        printedBy: 'Hurd ext2fs/hyper.c get_hypermetadata (ext2_panic)',
        example: 'ext2fs: device:hd0: panic: get_hypermetadata: could not mount because of unsupported optional features (0x2c0)',
      },
      {
        pattern: /mounted readonly because of unsupported optional features/,
        printedBy: 'Hurd ext2fs/hyper.c get_hypermetadata (ext2_warning)',
        example: 'ext2fs: device:hd0: warning: get_hypermetadata: mounted readonly because of unsupported optional features (0x4)',
      },
    ],
    source: { url: `${HURD}/ext2fs/hyper.c`, section: 'ext2_panic ("could not mount because of unsupported optional features (0x%x)")' },
    knowledge: 'partition-filesystem',
  },
  {
    id: 'HX668',
    name: 'boot-script-missing-symbol',
    title: "GNU Mach's boot script names a variable nobody set",
    severity: 'error',
    cause:
      'The multiboot module lines refer to a variable that is never set: ${root} when the kernel command line has no root= (no extra = "root=device:hd0", or xl ignored extra because cmdline= is set), or ${exec-task} when the exec module line lacks $(exec-task=task-create).',
    fix: 'Give the kernel root=device:hd0 (extra = "root=device:hd0"; with xl, not beside a cmdline= line, which overrides it), and load exec as: module /lib/ld.so.1 /hurd/exec $(exec-task=task-create). The symbol named in "missing symbol" says which.',
    wordings: [
      { pattern: /bootstrap script missing symbol '[\w-]{1,40}'/, printedBy: 'GNU Mach kern/boot_script.c boot_script_exec', example: "bootstrap script missing symbol 'root'" },
      {
        pattern: /ERROR in executing boot script: undefined symbol/,
        printedBy: 'GNU Mach kern/bootstrap.c bootstrap_create (boot_script_error_string)',
        example: 'panic ../kern/bootstrap.c:317: bootstrap_create: ERROR in executing boot script: undefined symbol',
      },
    ],
    source: { url: `${GNUMACH}/kern/boot_script.c`, section: 'printf ("bootstrap script missing symbol \'%s\'\\n"); kern/bootstrap.c panic ("ERROR in executing boot script: %s")' },
    knowledge: 'hurd-modules',
  },
  {
    id: 'HX669',
    name: 'xl-cmdline-overrides-extra',
    title: 'xl ignores root= and extra= because cmdline= is set',
    severity: 'warning',
    cause: 'The config sets cmdline= (the whole kernel command line), so xl drops root= and extra=: GNU Mach then boots without the root=device:... the Hurd needs.',
    fix: 'Keep one of them: put root=device:hd0 into cmdline = "root=device:hd0", or remove cmdline= and keep extra = "root=device:hd0".',
    wordings: [{ pattern: /ignoring root= and extra= in favour of cmdline=/, printedBy: 'xl 4.x: tools/xl/xl_parse.c parse_cmdline', example: 'Warning: ignoring root= and extra= in favour of cmdline=' }],
    source: { url: `${XEN}/tools/xl/xl_parse.c`, section: 'parse_cmdline: "Warning: ignoring root= and extra= in favour of cmdline="' },
    knowledge: 'root-device',
  },
  {
    id: 'HX670',
    name: 'xl-defaultbridge-deprecated',
    title: "xl.conf's defaultbridge is deprecated",
    severity: 'warning',
    cause: "/etc/xen/xl.conf sets defaultbridge=, which xl 4.x still honours but no longer documents: it was renamed vif.default.bridge.",
    fix: 'Edit /etc/xen/xl.conf: replace defaultbridge="xenbr0" by vif.default.bridge="xenbr0" (same value).',
    wordings: [
      {
        pattern: /the global config option defaultbridge is deprecated/,
        printedBy: 'xl 4.x: tools/xl/xl.c parse_global_config',
        example: 'the global config option defaultbridge is deprecated, please switch to vif.default.bridge',
      },
    ],
    source: { url: `${XEN}/tools/xl/xl.c`, section: 'parse_global_config: "the global config option defaultbridge is deprecated"' },
    knowledge: 'networking',
  },
  {
    id: 'HX671',
    name: 'disk-write-short',
    title: 'The Hurd cannot write its disk (exported read-only)',
    severity: 'error',
    cause:
      'Writes to the disk fail ("short write"): Xen exports it read-only (mode r in the disk line, or a read-only device in dom0), which GNU Mach reports at boot as "read-only hdN". The Hurd cannot run from a read-only root disk.',
    fix: "Export the disk writable: disk = ['phy:/dev/sda4,hda,w'] (mode w), and check that the device is not read-only in dom0 (`blockdev --getro /dev/sda4`).",
    wordings: [
      { pattern: /Attempt to write block (?:to|from) filesystem resulted in short write/, printedBy: 'e2fsprogs (e2fsck, mke2fs) on the Hurd: unix_io.c', example: 'Error writing block 1 (Attempt to write block from filesystem resulted in short write).  Ignore error<y>? yes' },
    ],
    source: { url: 'https://www.gnu.org/software/hurd/open_issues/xen_domu_with_ro_hd.html', section: 'read-only hd3; e2fsck short write' },
    knowledge: 'disk',
  },
  {
    id: 'HX672',
    name: 'xl-value-should-be-list',
    title: 'xl: a list key (disk, vif) was given a single value',
    severity: 'error',
    cause: "A key that xl reads as a list (disk, vif, pci, ...) is a plain string in the config: xl warns and ignores it, so the guest gets no disk (GNU Mach then finds no hd0) or no network.",
    fix: "Put the value in square brackets: disk = [ 'phy:/dev/vg0/hurd,hda,w' ], vif = [ 'bridge=xenbr0' ].",
    wordings: [
      {
        pattern: /warning: parameter `[\w.]{1,40}' is a single value but should be a list/,
        printedBy: 'libxlu 4.x: tools/libs/util/libxlu_cfg.c xlu_cfg_get_list',
        example: "/etc/xen/hurd.cfg:4: warning: parameter `disk' is a single value but should be a list",
      },
    ],
    source: { url: `${XEN}/tools/libs/util/libxlu_cfg.c`, section: "\"%s:%d: warning: parameter `%s' is a single value but should be a list\"" },
    knowledge: 'config-syntax',
    supersedes: ['HX611'],
  },
  {
    id: 'HX673',
    name: 'xm-invalid-vif-option',
    title: 'xm: a vif option it does not know',
    severity: 'error',
    cause: 'A key in the vif line is not one xm knows, usually a typo (brigde for bridge, mca for mac): xm refuses the whole line.',
    fix: "Correct the spelling: vif = [ 'mac=00:16:3e:xx:xx:xx, bridge=br0' ]; the keys are mac, bridge, script, ip, vifname, backend, rate, model, type.",
    wordings: [{ pattern: /Invalid vif option: \S{1,40}/, printedBy: "xm 3.x-4.4: tools/python/xen/xm/create.py preprocess_vif (err('Invalid vif option: ' + k))", example: 'Error: Invalid vif option: brigde' }],
    source: { url: `${XM}/tools/python/xen/xm/create.py`, section: "err('Invalid vif option: ' + k)" },
    knowledge: 'networking',
  },
  {
    id: 'HX674',
    name: 'guest-crash-loop',
    title: 'The guest crashes right after it starts',
    severity: 'error',
    cause:
      'The domain crashed (shutdown reason code 3 is a crash) and was destroyed or restarted: GNU Mach or the Hurd died early, and without the console attached nothing of why is visible. xend refuses to restart a domain that crashes within seconds.',
    fix: 'Set on_crash = "preserve" in the config so the crashed domain stays for inspection, start it with the console attached (xl create -c /etc/xen/hurd, xm create -c hurd) and read what GNU Mach printed last.',
    wordings: [
      { pattern: /restarting too fast \((?:Elapsed time: )?[\d.]{1,20} seconds/, printedBy: 'xend 3.x-4.4: tools/python/xen/xend/XendDomainInfo.py', example: 'VM hurd restarting too fast (1.942516 seconds since the last restart).  Refusing to restart to avoid loops.' },
      { pattern: /has (?:been )?shut down, reason code 3\b/, printedBy: 'xl 4.x: tools/xl/xl_vmcontrol.c (SHUTDOWN_crash = 3, xen/include/public/sched.h)', example: 'Domain 9 has shut down, reason code 3 0x3' },
    ],
    source: { url: `${XEN}/tools/xl/xl_vmcontrol.c`, section: 'LOG("Domain %u has shut down, reason code %d 0x%x"); sched.h SHUTDOWN_crash 3' },
    knowledge: 'error-console',
  },
  {
    id: 'HX675',
    name: 'console-term-unknown',
    title: 'The terminal type is unknown to the Hurd',
    severity: 'warning',
    cause: "A full-screen program in the Hurd cannot find the terminal type it inherited (your xterm or rxvt): the Hurd's console over Xen is a 'mach' terminal.",
    fix: 'In the Hurd, export TERM=mach (the wiki sets it before native-install) and run the program again.',
    wordings: [{ pattern: /Error opening terminal: \S{1,60}/, printedBy: 'ncurses (newterm/setupterm) inside the Hurd', example: 'Error opening terminal: rxvt-unicode-256color.' }],
    source: { url: HURD_XEN, section: 'export TERM=mach before native-install' },
    knowledge: 'installing',
  },
  {
    id: 'HX676',
    name: 'mach-no-block-device',
    title: 'GNU Mach found no disk at all',
    severity: 'error',
    cause:
      'GNU Mach sees no Xen disk ("hd: No block device"): the domain was created without one. The disk line is missing, is not a list (a string, or a Python tuple ( ... ) that xm drops), or every entry failed; the root filesystem then cannot be found either.',
    fix: "Give the domain its disk as a list: disk = [ 'phy:/dev/sda4,hda,w' ] (square brackets, one string per disk), and check that xl list / xm list shows it with xl block-list <domain>.",
    wordings: [{ pattern: /^hd: No block device\b/, printedBy: 'GNU Mach xen/block.c hyp_block_init', example: "hd: No block device (ENOENT). Hoping you don't need any" }],
    source: { url: `${GNUMACH}/xen/block.c`, section: 'printf("hd: No block device (%s). Hoping you don\'t need any\\n")' },
    knowledge: 'disk',
    supersedes: ['HX611'],
  },
  {
    id: 'HX677',
    name: 'xl-kernel-and-firmware',
    title: 'xl: both kernel= and firmware= are set',
    severity: 'error',
    cause: 'The config names a kernel and a firmware (pvgrub32): xl boots one or the other and refuses both.',
    fix: 'Keep one: for pvgrub2 through firmware = "pvgrub32", remove the kernel= and ramdisk= lines (GRUB reads the guest disk); for a direct GNU Mach boot, remove firmware=.',
    wordings: [{ pattern: /both kernel and firmware specified/, printedBy: 'xl 4.10+: tools/xl/xl_parse.c parse_config_data', example: 'ERROR: both kernel and firmware specified' }],
    source: { url: `${XEN}/tools/xl/xl_parse.c`, section: '"ERROR: both kernel and firmware specified"' },
    knowledge: 'pvgrub2',
  },
];
