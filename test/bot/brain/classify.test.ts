import { describe, expect, it } from 'vitest';
import { classify, shapeOf } from '../../../bot/brain/classify.js';

describe('classify', () => {
  it.each([
    ['how much ram can i give the hurd domU?', 'question'],
    ['memory = 1024 in my hurd config and it doesnt boot', 'question'],
    ['i get Invalid kernel from xm create, why?', 'question'],
    ['thanks!', 'chatter'],
    ['', 'chatter'],
    ['kernel = "/boot/gnumach-xen-pae"\nmemory = 256\ndisk = [ "phy:sda4,hda,w" ]\n', 'config'],
    ['memory = 256', 'config'],
    ['root@dom0:~# xm create -c hurd\nbash: xm: command not found\n', 'log'],
    ['Using config file "/etc/xen/hurd".\nError: Device 0 (vif) could not be connected. Hotplug scripts not working.\n', 'log'],
  ] as const)('%j is a %s', (text, kind) => {
    expect(classify(text)).toBe(kind);
  });

  it('takes a lone line of tool output for a pasted log when the log parser recognises it', () => {
    const line = 'Error: Device 768 (vbd) could not be connected. Hotplug scripts not working.';
    expect(classify(line, 0.6)).toBe('log');
    expect(classify(line, 0)).toBe('question');
  });

  it('sees a pasted line through a chat prefix when the log parser is sure of it, but not a question about it', () => {
    expect(classify('<alice> Error: Device 0 (vif) could not be connected. Hotplug scripts not working.', 0.93)).toBe('log');
    expect(classify('why does xm say Error: Device 0 (vif) could not be connected?', 0.93)).toBe('question');
  });

  it('takes a `$ command` session of several lines for a log, but not a config that opens with a comment', () => {
    expect(classify('$ docker run --rm -it debian\nUnable to find image locally\npulling from library/debian')).toBe('log');
    expect(classify('# my hurd domU\nkernel = "/boot/gnumach-xen-pae"\nmemory = 256\n')).toBe('config');
  });

  it('treats a config pasted together with the log of the tool as one config diagnosis', () => {
    const paste = [
      'name = "hurd"',
      'kernel = "/boot/gnumach-xen-nonpae"',
      'ramdisk = "/boot/hurd-modules"',
      'memory = 256',
      "disk = ['phy:sda4,hda,w']",
      'root@dom0:~# xm create -c hurd',
      "Error: (2, 'Invalid kernel', 'xc_dom_compat_check: guest type xen-3.0-x86_32 not supported by xen kernel, sorry\\n')",
    ].join('\n');
    expect(classify(paste)).toBe('config');
  });

  it('takes `fdisk -l` output pasted in a forum post for a log', () => {
    const post = 'I keep getting an error when I boot. When I do: sudo fdisk -l I get:\n\nDisk /dev/hda: 160.0 GB, 160041885696 bytes\n255 heads, 63 sectors/track\n\n Device   Boot  Start    End     Blocks    ID      System\ndev/hda1   *     1      18122  145564933+   7     HPFS/NTFS\nany idea?';
    expect(classify(post, 0)).toBe('log');
  });

  it("takes any program's laid-out output for a log: columns and indentation (ifconfig), not a person's lines", () => {
    const ifconfig = [
      'br0       Link encap:Ethernet  HWaddr 00:19:d1:2e:06:33',
      '          inet addr:192.168.1.211  Bcast:192.168.1.255  Mask:255.255.255.0',
      '          UP BROADCAST RUNNING MULTICAST  MTU:1500  Metric:1',
      '          RX packets:14187 errors:0 dropped:0 overruns:0 frame:0',
    ].join('\n');
    expect(classify(ifconfig)).toBe('log');
    const prose = 'my hurd domu boots fine\nbut the network is dead\nI set up br0 on dom0 as the wiki says\nwhat am I missing?';
    expect(classify(prose)).toBe('question');
  });

  it("takes a macOS shell prompt (host:dir user$ cmd) and make's lines for a terminal session", () => {
    expect(classify('Donovans-MBP:~ donovan$ ssh root@dom0\nHost key verification failed.')).toBe('log');
    expect(classify("make[1]: Entering directory '/usr/src/gnumach'\nmake[1]: *** [all] Error 2\nmake: *** [all] Error 2")).toBe('log');
  });

  it('takes a relayed chat line for a paste even when it asks something (the log reply answers it)', () => {
    expect(classify('<alice> bob: the debian image has a kernel without xen note, do I need something special?')).toBe('log');
  });

  it('takes syslog and journal lines for a log, whatever language or mangling the date is in', () => {
    const ru = 'My laptop froze twice after the update. Each time:\n\nиюл 27 14:08:03 laptop kernel: list_del corruption.\nиюл 27 14:08:04 laptop kernel: kernel BUG at lib/list_debug.c:51!';
    expect(classify(ru)).toBe('log');
    const mangled = 'nginx.service - The nginx HTTP server\n 603 10:08:18 web systemd[1]: Starting nginx\n 603 10:08:18 web nginx[956]: nginx: [emerg] host not found';
    expect(classify(mangled)).toBe('log');
    const dmesgT = '[Tue Mar 12 03:14:07 2024] postgres invoked oom-killer: gfp_mask=0x140cca, order=0\n[Tue Mar 12 03:14:07 2024] Out of memory: Killed process 40917 (java)\n\nour app server keeps losing java at night';
    expect(classify(dmesgT)).toBe('log');
    // a person's sentence that mentions a time is not such a line
    expect(classify('my domu stopped at 10:08:18 today, what does that mean?')).toBe('question');
  });

  it("takes other programs' errors for a log (to be told they are not ours), also quoted in a mail, but not a person's PS:", () => {
    const grub = "Now it says\nBooting 'Microsoft Windows XP Professional'\n\nroot (hd0,1)\nchainloader +1\n\nError 13: Invalid or unsupported executable format\n\nNow what?";
    expect(classify(grub)).toBe('log');
    const nova = 'ERROR nova.virt.libvirt.guest libvirt.libvirtError: internal error: qemu unexpectedly closed the monitor\nERROR nova.virt.libvirt.driver Failed to start libvirt guest';
    expect(classify(nova)).toBe('log');
    const quotedKernel = '> I get a kernel panic at boot:\n> VFS: Cannot open root device "ram0" or unknown-block(0,0)\n> VFS: Unable to mount root fs on unknown-block(0,0)\n\nthe most common boot error of all';
    expect(classify(quotedKernel)).toBe('log');
    expect(classify('my hurd domu has 512 MB.\nPS: I use xl on debian 12.\nhow much memory can it have?')).toBe('question');
    const qemu = 'gave up on xen for now and tried the hurd image in plain qemu:\n\n$ qemu-system-i386 -enable-kvm -m 1G\nqemu-system-i386: Could not access KVM kernel module: No such file or directory';
    expect(classify(qemu)).toBe('log');
    expect(classify('edit: I found it in the wiki.\nupdate: It works now.\nthanks all')).not.toBe('log');
  });

  it('counts shapes without choking on huge or binary input', () => {
    const big = 'x'.repeat(1_000_000);
    const t0 = performance.now();
    expect(shapeOf(big).lines).toBe(1);
    expect(classify('\u0000\u0001\u00ff'.repeat(10_000))).toBe('question');
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
