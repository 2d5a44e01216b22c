/**
 * What the benchmark feeds the brain: questions people ask, configs they paste, and long `xm create`
 * logs. Written for the bench (not taken from the eval sets), in the shapes seen on #hurd.
 */

export const QUESTIONS: readonly string[] = [
  'how much memory can I give the hurd domU?',
  'which gnumach kernel do I need on a PAE hypervisor?',
  'where do I get gnumach-xen and hurd-modules?',
  'what goes in the ramdisk line of /etc/xen/hurd?',
  'how do I attach to the hurd console after xm create?',
  'my vif does not come up, what bridge should I use?',
  'can I use pv-grub to boot the hurd?',
  'how do I convert my xm config for xl?',
  'what root= do I pass in extra for an hda disk?',
  'how do I make the ext2 partition for the hurd?',
  'why does xend refuse the connection?',
  'is there a prebuilt image I can boot with xen?',
];

/** Twenty different questions for the channel burst (issue 14): the twelve above and eight more. */
export const BURST_QUESTIONS: readonly string[] = [
  ...QUESTIONS,
  'which TERM do I set before native-install?',
  'what partition type does the hurd partition need?',
  'how do I give the hurd guest a fixed mac address?',
  'what inode size does the hurd ext2 filesystem need?',
  'does xen 4.17 still run 32-bit pv guests?',
  'how do I stop the hurd domU?',
  'what does root=device:hd0 mean?',
  'how many vcpus can the hurd use under xen?',
];

export const CONFIGS: readonly string[] = [
  // A working xm config.
  [
    'kernel = "/boot/gnumach-xen-pae"',
    'ramdisk = "/boot/hurd-modules"',
    'memory = 256',
    'name = "hurd"',
    "disk = ['phy:/dev/vg0/hurd,hda,w']",
    'extra = "root=device:hd0"',
    "vif = [ 'bridge=xenbr0' ]",
    "on_reboot = 'destroy'",
  ].join('\n'),
  // Too much memory, Linux initrd as ramdisk, root mismatch.
  [
    'kernel = "/boot/gnumach-xen"',
    'ramdisk = "/boot/initrd.img-2.6.26-2-xen-686"',
    'memory = 1024',
    'name = "hurd"',
    "disk = ['file:/srv/xen/hurd.img,xvda,w']",
    'extra = "root=device:hd0s1"',
    "vif = [ 'mac=00:16:3e:12:34:56, bridge=xenbr0' ]",
  ].join('\n'),
  // An xl config with a syntax slip and a bad disk mode.
  [
    'name = "gnu"',
    'kernel = "/boot/gnumach-xen-pae.gz"',
    'ramdisk = "/boot/hurd-modules"',
    'memory = 512',
    "disk = [ 'phy:/dev/sdb1,hda,rw' ",
    'extra = "root=device:hd0"',
    "vif = [ '' ]",
  ].join('\n'),
];

/** 199 lines of xend debug chatter followed by the error that matters, like a real `xend.log` paste. */
export function longLog(lines = 200, seed = 0): string {
  const chatter = [
    (i: number) => `[2009-03-14 21:33:${String(i % 60).padStart(2, '0')} 3410] DEBUG (XendDomainInfo:${84 + (i % 7)}) XendDomainInfo.create(['vm', ['name', 'hurd'], ['memory', 256], ['on_reboot', 'destroy']])`,
    (i: number) => `[2009-03-14 21:33:${String(i % 60).padStart(2, '0')} 3410] DEBUG (DevController:${110 + (i % 5)}) DevController: writing {'backend-id': '0', 'mac': '00:16:3e:5a:2b:${(i % 256).toString(16).padStart(2, '0')}', 'handle': '0', 'state': '1'} to /local/domain/${seed + 7}/device/vif/0.`,
    (i: number) => `[2009-03-14 21:33:${String(i % 60).padStart(2, '0')} 3410] DEBUG (DevController:143) Waiting for devices vif.`,
    (i: number) => `[2009-03-14 21:33:${String(i % 60).padStart(2, '0')} 3410] INFO (image:${139 + (i % 3)}) buildDomain os=linux dom=${seed + 7} vcpus=1`,
    (i: number) => `[2009-03-14 21:33:${String(i % 60).padStart(2, '0')} 3410] DEBUG (balloon:${127 + (i % 4)}) Balloon: ${131072 + i} KiB free; need ${262144}; done.`,
  ];
  const out = ['# xm create -c /etc/xen/hurd', 'Using config file "/etc/xen/hurd".'];
  for (let i = 0; out.length < lines - 1; i++) out.push((chatter[(i + seed) % chatter.length] ?? chatter[0]!)(i));
  out.push('Error: Device 0 (vif) could not be connected. Hotplug scripts not working.');
  return out.join('\n');
}

/**
 * A `cat` of the config followed by an `xl -vvv create` run of `lines` lines in all, the error at its end: the
 * shape whose cost grew faster than the paste (issue 14). 4000 lines stay under the 256 KiB input cap, so the
 * whole paste is read.
 */
export function verboseLog(lines: number): string {
  const out = ['dom0:~# cat /etc/xen/hurd'];
  let i = 0;
  while (out.length < lines / 4) {
    out.push(`memory = ${256 + (i % 300)}`, 'kernel = "/boot/gnumach-xen-pae"', 'extra = "root=device:hd0"', `# comment ${i}`);
    i++;
  }
  out.push('dom0:~# xl -vvv create /etc/xen/hurd');
  while (out.length < lines - 1) {
    out.push(`libxl: debug: libxl_dom.c:${300 + (i % 90)}:libxl__build_dom: xc_dom_mem_init: mem ${i} MB`);
    i++;
  }
  out.push('xc: error: panic: xc_dom_core.c:702: xc_dom_find_loader: no loader found: Invalid kernel');
  return out.join('\n');
}

/** Channel chatter the bot must ignore quickly. */
export const CHATTER: readonly string[] = [
  'anyone around?',
  'the build finished, rebooting now',
  'lol',
  'I think debian-hurd has new images this week',
  'brb',
];
