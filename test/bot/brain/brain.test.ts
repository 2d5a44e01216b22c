import { beforeAll, describe, expect, it } from 'vitest';
import { createBrain } from '../../../bot/brain/index.js';
import type { Brain, Message } from '../../../bot/brain/reply.js';
import { renderText } from '../../../bot/render/text.js';

let brain: Brain;
let n = 0;
const msg = (text: string, extra: Partial<Message> = {}): Message => ({
  text,
  author: 'alice',
  channel: `#hurd-${n++}`,
  transport: 'console',
  addressed: true,
  ...extra,
});
const say = (text: string, extra: Partial<Message> = {}) => brain.handle(msg(text, extra));

beforeAll(() => {
  brain = createBrain({ name: 'xenbot' });
});

describe('questions', () => {
  it('answers from the knowledge base with a source', () => {
    const r = say('how much memory can the hurd domU have?')!;
    expect(r.kind).toBe('question');
    expect(r.answered).toBe(true);
    expect(renderText(r)).toMatch(/580/);
    expect(r.sources.length).toBeGreaterThan(0);
  });

  it('declines what it does not know instead of guessing', () => {
    const r = say("what's the best pizza topping")!;
    expect(r.answered).toBe(false);
  });

  it('gives a question that carries an error message the diagnosis', () => {
    const r = say("Error: (2, 'Invalid kernel', 'xc_dom_compat_check: guest type xen-3.0-x86_32 not supported by xen kernel, sorry\\n')")!;
    expect(r.answered).toBe(true);
    expect(renderText(r).toLowerCase()).toContain('pae');
  });

  it('answers who added a tip quoting an error from the documentation, not with a diagnosis of the error', () => {
    const r = say('who added the note about "Device 0 (vif) could not be connected" to the wiki?')!;
    expect(r.findings).toEqual([]);
    expect(renderText(r)).toMatch(/Thibault/);
    // the same error asked about as a problem is still diagnosed
    expect(say('when i start it: Error: Device 0 (vif) could not be connected. Hotplug scripts not working.')!.findings.map((f) => f.rule)).toContain('HX601');
  });

  it('does not lint a command that prose merely mentions', () => {
    const r = say('xl create says it cant connect to xenstored, what do i do')!;
    expect(r.findings.map((f) => f.name)).not.toContain('xl-create-relative-path');
  });

  it('stays silent on chatter and questions nobody addressed to it', () => {
    expect(say('anyone around?', { addressed: false })).toBeNull();
    expect(say('thanks', { addressed: false })).toBeNull();
  });

  it('hears its name at the start of a line', () => {
    const r = say('xenbot: how do i format the partition for the hurd?', { addressed: false })!;
    expect(r).not.toBeNull();
    expect(renderText(r)).toMatch(/mke2fs/);
  });

  it('never answers another bot', () => {
    expect(say('how much memory?', { fromBot: true })).toBeNull();
  });

  it('gives the same answer on every transport', () => {
    const q = 'which TERM do i set before native-install?';
    const texts = (['irc', 'discord', 'console', 'cli'] as const).map((t) => renderText(say(q, { transport: t })!));
    expect(new Set(texts).size).toBe(1);
  });
});

describe('pastes', () => {
  const broken = ['kernel = "/boot/gnumach-xen-pae"', 'ramdisk = "/boot/hurd-modules"', 'memory = 1024', "disk = ['phy:sda4,hda,w']", 'extra = "root=device:hd0"', ''].join('\n');

  it('checks a pasted config and names the rule, line and fix', () => {
    const r = say(broken)!;
    expect(r.kind).toBe('config');
    const over = r.findings.find((f) => f.name === 'memory-over-580');
    expect(over?.line).toBe(3);
    expect(over?.severity).toBe('error');
  });

  it('keeps CRLF line ends so that the xl lexical error can be found', () => {
    const r = say(broken.replace(/\n/g, '\r\n'))!;
    expect(r.findings.map((f) => f.name)).toContain('crlf-line-endings');
  });

  it('says a correct config is fine in one line', () => {
    const ok = ['name = "hurd"', 'kernel = "/boot/gnumach-xen-pae"', 'ramdisk = "/boot/hurd-modules"', 'memory = 256', "disk = ['phy:sda4,hda,w']", 'extra = "root=device:hd0"', "vif = [ '' ]", ''].join('\n');
    const r = say(ok)!;
    expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(renderText(r).split('\n')).toHaveLength(1);
  });

  it('hands back a corrected config and a diff on fix', () => {
    const r = say('!fix\n' + broken)!;
    const text = renderText(r);
    expect(r.blocks.some((b) => b.type === 'diff')).toBe(true);
    expect(text).toMatch(/^-memory = 1024$/m);
    expect(text).toMatch(/^\+memory = \d+$/m);
  });

  it('reads the config a terminal paste shows with cat, not the prompts around it as config lines', () => {
    const paste = [
      'root@bookworm:~# xl create -c /etc/xen/hurd.cfg',
      'Parsing config from /etc/xen/hurd.cfg',
      'Neither kernel nor bootloader specified',
      'root@bookworm:~# cat /etc/xen/hurd.cfg',
      'name = "hurd"',
      'kernal = "/boot/gnumach-xen-pae"',
      'ramdisk = "/boot/hurd-modules"',
      'memory = 512',
    ].join('\n');
    const r = say(paste)!;
    expect(r.findings.map((f) => f.name)).not.toContain('syntax-error');
    const typo = r.findings.find((f) => f.name === 'unknown-key');
    expect(typo?.message).toMatch(/typo of kernel/);
    // its line is the paste's line 6, where `kernal` is
    expect(typo?.line).toBe(6);
  });

  it('lets a later attempt that boots decide: the earlier error is only a note', () => {
    const paste = [
      'root@squeeze:~# xm create -c hurd',
      'Using config file "/etc/xen/hurd".',
      'Error: Cannot find ramdisk "/boot/hurd-modules"',
      'root@squeeze:~# cp ~/hurd-modules /boot/',
      'root@squeeze:~# xm create -c hurd',
      'Using config file "/etc/xen/hurd".',
      'Started domain hurd (id=3)',
      'GNU Mach 1.3.99',
      'Running on xen-3.0-x86_32p.',
    ].join('\n');
    const r = say(paste)!;
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(r.findings.some((f) => f.name === 'ramdisk-not-found')).toBe(true);
  });

  it('converts an xm config on !convert: what changed in one line, the notes, the diff and the xl file', () => {
    const r = say('!convert kernel = "/boot/gnumach-xen-pae"\nmemory = 256\nbuilder = "linux"\nextra = "root=device:hd0"')!;
    expect(r.answered).toBe(true);
    const text = renderText(r);
    expect(text.split('\n')[0]).toMatch(/^Converted to xl \(2 changes\)/);
    expect(r.blocks.some((b) => b.type === 'diff')).toBe(true);
    expect(r.blocks.find((b) => b.type === 'code')?.text).toContain('type = "pv"');
    expect(renderText(say('!convert import os\nmemory = 256')!)).toMatch(/cannot convert this to xl: line 1/);
  });

  it("judges w! by the tool the user runs: an error when the paste says xl, both verdicts when it does not say", () => {
    const cfg = ['name = "hurd"', 'kernel = "/boot/gnumach-xen-pae"', 'ramdisk = "/boot/hurd-modules"', 'memory = 256', "disk = ['phy:sda4,hda,w!']", 'extra = "root=device:hd0"'].join('\n');
    const unsaid = say(cfg)!.findings.find((f) => f.name === 'disk-bad-mode');
    expect(unsaid?.severity).toBe('warning');
    expect(unsaid?.message).toMatch(/xm accepts it .* xl refuses it/);
    const withXl = say(`xl create -c /etc/xen/hurd says no, this is my config:\n${cfg}`)!.findings.find((f) => f.name === 'disk-bad-mode');
    expect(withXl?.severity).toBe('error');
    const withXm = say(`xm create -c hurd fails, this is my config:\n${cfg}`)!.findings.find((f) => f.name === 'disk-bad-mode');
    expect(withXm).toBeUndefined();
    // a Xen version says which tool: xm/xend are gone since 4.5
    expect(say(`on xen 4.17 this does not start:\n${cfg}`)!.findings.find((f) => f.name === 'disk-bad-mode')?.severity).toBe('error');
    expect(say(`on Xen 3.2 this does not start:\n${cfg}`)!.findings.find((f) => f.name === 'disk-bad-mode')).toBeUndefined();
  });

  it('answers what a paste asks without a question mark, the quoted xen_caps deciding and the ask answered second', () => {
    const r = say('ok `xl info | grep xen_caps` gives\nxen_caps               : xen-3.0-x86_64 xen-3.0-x86_32p hvm-3.0-x86_32 hvm-3.0-x86_32p\nso the pae one it is. can i just apt-get the debian package for it instead of the youpibouh download')!;
    expect(r.kind).toBe('log');
    expect(r.answered).toBe(true);
    const text = renderText(r);
    expect(text).toMatch(/gnumach-xen-pae/);
    expect(text).toMatch(/gnumach-image-1\.8-xen-486/);
  });

  it('diagnoses a pasted log', () => {
    const r = say('root@dom0:~# xm create -c hurd\nUsing config file "/etc/xen/hurd".\nError: Device 0 (vif) could not be connected. Hotplug scripts not working.\n')!;
    expect(r.kind).toBe('log');
    expect(r.findings.some((f) => f.severity === 'error')).toBe(true);
    expect(renderText(r).toLowerCase()).toMatch(/bridge/);
  });

  it('names an error in the config lines a log paste shows when the log itself says nothing the rules know', () => {
    const paste = [
      "root@dom0:~# grep -E '^(kernel|ramdisk|disk|root)' /etc/xen/hurd",
      'kernel = "/boot/gnumach-xen-pae"',
      'ramdisk = "/boot/hurd-modules"',
      "disk = ['phy:sda4,hda,w']",
      'root = "/dev/hda1 ro"',
      'root@dom0:~# xm create -c hurd',
      'Using config file "/etc/xen/hurd".',
      'Started domain hurd (id=3)',
      'start ext2fs: ',
    ].join('\n');
    const r = say(paste)!;
    expect(r.kind).toBe('log');
    expect(r.findings.some((f) => f.severity === 'error' && /device:hd0/.test(f.message))).toBe(true);
    // only what the lines shown say: a grep shows a part of the file, so a key it leaves out is no finding
    expect(r.findings.some((f) => /name is missing|memory is not set/.test(f.message))).toBe(false);
  });

  it("reads the values of xl's JSON dry run (xl create -n) as the config they came from", () => {
    const paste = [
      'root@dom0:~# xl create -n /etc/xen/hurd.cfg',
      'Parsing config from /etc/xen/hurd.cfg',
      '{',
      '    "b_info": {',
      '        "kernel": "/boot/gnumach-1.8-xen-486.gz",',
      '        "cmdline": "root=/dev/hda1 ro",',
      '        "ramdisk": "/boot/hurd-modules",',
      '    }',
      '}',
    ].join('\n');
    const r = say(paste)!;
    expect(r.findings.some((f) => f.rule === 'HX312' && f.severity === 'error')).toBe(true);
    expect(r.findings.some((f) => f.rule === 'HX703')).toBe(false);
  });

  it("reads a known trouble from the person's own words around the output, and settles it from the paste", () => {
    const paste = [
      'first boot in xen with memory = 128 in my config, no swap disk yet, and it has been sitting on this line for an hour:',
      'sh-3.2# export TERM=mach',
      'sh-3.2# ./native-install',
      '[...]',
      'Setting up sysv-rc (2.86.ds1-61) ...',
    ].join('\n');
    const r = say(paste)!;
    expect(r.kind).toBe('log');
    expect(renderText(r)).toMatch(/only 128 MB/);
    expect(renderText(r)).toMatch(/swap/);
  });

  it('points once at a known error nobody asked about, marked unsolicited', () => {
    const r = say('root@dom0:~# xm create -c hurd\nbash: xm: command not found\n', { addressed: false })!;
    expect(r.unsolicited).toBe(true);
    expect(r.blocks).toHaveLength(1);
  });

  it('says so honestly when it does not recognise an error', () => {
    const r = say('root@dom0:~# xl create /etc/xen/hurd\nlibxl: error: libxl_frobnicate.c:12: the flux capacitor is out of plutonium\n')!;
    expect(r.kind).toBe('log');
    expect(r.answered).toBe(false);
    expect(renderText(r)).toMatch(/don't recognise/);
  });
});

describe('commands', () => {
  it('lists and explains rules', () => {
    const list = say('!rules')!;
    expect(list.answered).toBe(true);
    const id = /HX\d{3}/.exec(renderText(list))![0];
    const explained = say(`!explain ${id}`)!;
    expect(renderText(explained)).toContain(id);
    expect(explained.sources[0]).toMatch(/^https?:\/\//);
    expect(say('!explain HX999')!.answered).toBe(false);
  });

  it('makes templates and refuses hostile values', () => {
    const ok = say('!template pvgrub xl name=hurd2 memory=256')!;
    expect(ok.answered).toBe(true);
    expect(ok.blocks.find((b) => b.type === 'code')).toBeDefined();
    const bad = say("!template name=x\"+__import__('os').system('id')+\"")!;
    expect(bad.answered).toBe(false);
  });

  it('keeps the rest of an answer in the reply for the chat layer, and says so when "more" reaches it', () => {
    const first = say('!help')!;
    expect(renderText({ ...first, blocks: first.more })).toContain('!template');
    // the chat layer (bot/chat/more.ts) answers "more" when it keeps a rest; the brain only hears it with none kept
    expect(say('!more')!.answered).toBe(false);
  });

  it('tells someone else about a topic', () => {
    const r = say('!tell bob about pv-grub')!;
    expect(r.to).toBe('bob');
    expect(renderText(r)).toMatch(/^bob: /);
  });

  it('reports its version', () => {
    expect(renderText(say('!version')!)).toMatch(/\d+\.\d+\.\d+/);
  });
});

describe('bad input', () => {
  it('survives binary garbage, control characters and unicode', () => {
    for (const text of ['\u0000\u0001\u0002\u00ff\ufffd'.repeat(1000), 'héllo wörld 🐃 \u202e', 'a\r\nb\rc\u0000d', '[[[[[[[[[['.repeat(5000)]) {
      const r = say(text);
      expect(r === null || typeof r.kind === 'string').toBe(true);
    }
  });

  it('reads the start and the end of a 1 MB paste and says what it skipped', () => {
    const big = 'memory = 256\n' + '# padding\n'.repeat(110_000);
    const r = say(big)!;
    expect(renderText(r)).toMatch(/beginning, its last \d+ KiB and the error lines between; the rest was skipped/);
    // the decisive line at the very end of a long log is read
    const log = `${'libxl: debug: libxl_dm.c:1:spawn: spawning\n'.repeat(20_000)}start ext2fs: ext2fs: device:hd0: panic: get_hypermetadata: inode size 256 isn't supported\n`;
    expect(say(log)!.findings.map((f) => f.rule)).toContain('HX660');
  });

  it('does not take an off-topic question for a follow-up of the last topic', () => {
    const channel = '#offtopic-follow';
    brain.handle(msg('bot: how do i set up networking for the hurd guest', { channel }));
    expect(brain.handle(msg('what is the capital of france', { channel }))!.answered).toBe(false);
  });

  it('keeps the topic of the conversation for a follow-up', () => {
    const channel = '#follow';
    brain.handle(msg('what kernel do i use on a pae hypervisor', { channel }));
    const r = brain.handle(msg('and for non-pae?', { channel }))!;
    expect(renderText(r).toLowerCase()).toMatch(/nonpae|non-pae/);
  });
});
