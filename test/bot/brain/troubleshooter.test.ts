/**
 * The first step of the troubleshooter (issue 16): a paste the bot cannot settle opens a case for its author in
 * that channel; the output it asks for, pasted bare, is read together with the earlier paste.
 */
import { describe, expect, it } from 'vitest';
import { createBrain } from '../../../bot/brain/index.js';
import type { Message } from '../../../bot/brain/reply.js';
import { renderText } from '../../../bot/render/text.js';

const UNKNOWN = 'xl create -c /etc/xen/hurd says:\nxc: error: panic: xc_dom_core.c:123: xc_dom_brand_new: odd failure';
const CAPS_NO_PV32 = 'xen_caps               : xen-3.0-x86_64 hvm-3.0-x86_32 hvm-3.0-x86_32p hvm-3.0-x86_64';

function setup() {
  let t = 1_000_000;
  const brain = createBrain({ name: 'xenbot', now: () => t, caseTtlMs: 60_000 });
  const say = (author: string, text: string, channel = '#hurd') => {
    const r = brain.handle({ text, author, channel, transport: 'irc', addressed: true } as Message)!;
    return { r, text: renderText(r) };
  };
  return { say, advance: (ms: number) => (t += ms) };
}

describe('an open case', () => {
  it('asks for the output that decides, and reads the bare answer together with the first paste', () => {
    const { say } = setup();
    expect(say('alice', UNKNOWN).text).toMatch(/Paste the output of `xl info \| grep xen_caps`/);
    const answer = say('alice', CAPS_NO_PV32);
    expect(answer.text.split('\n')[0]).toMatch(/Read together with what you pasted before/);
    expect(answer.r.findings.map((f) => f.rule)).toContain('HX680');
    // the case is closed: the same output again is read alone
    expect(say('alice', CAPS_NO_PV32).text).not.toMatch(/Read together/);
  });

  it('belongs to one person in one channel: someone else\'s paste is read on its own', () => {
    const { say } = setup();
    say('alice', UNKNOWN);
    expect(say('bob', CAPS_NO_PV32).text).not.toMatch(/Read together/);
    expect(say('alice', CAPS_NO_PV32, '#other').text).not.toMatch(/Read together/);
    expect(say('alice', CAPS_NO_PV32).text).toMatch(/Read together/);
  });

  it('answers a new question that follows "nevermind" in the same message', () => {
    const { say } = setup();
    say('alice', UNKNOWN);
    const next = say('alice', 'nvm, figured it out, works now. other q: how much memory can the hurd domU have?').text;
    expect(next).toMatch(/Dropped the earlier case/);
    expect(next).toMatch(/580/);
    expect(say('alice', CAPS_NO_PV32).text).not.toMatch(/Read together/);
  });

  it('closes on "nevermind", on a new question, and after its time', () => {
    const { say, advance } = setup();
    say('alice', UNKNOWN);
    expect(say('alice', 'nevermind').text).toMatch(/dropped that case/);
    expect(say('alice', CAPS_NO_PV32).text).not.toMatch(/Read together/);
    say('alice', UNKNOWN);
    say('alice', 'how much memory can the hurd domU have?');
    expect(say('alice', CAPS_NO_PV32).text).not.toMatch(/Read together/);
    say('alice', UNKNOWN);
    advance(61_000);
    expect(say('alice', CAPS_NO_PV32).text).not.toMatch(/Read together/);
  });
});

describe('the rest of a message the network split off', () => {
  it('is read together with its first part when it says it continues it', () => {
    const brain = createBrain({ name: 'xenbot' });
    const send = (text: string, continues = false) => renderText(brain.handle({ text, author: 'eve', channel: '#hurd', transport: 'irc', addressed: true, ...(continues ? { continues } : {}) } as Message)!);
    send('kernel = "/usr/lib/grub-xen/grub-i386-xen.bin" in my hurd cfg, picking the pvgrub2 menu entry gives');
    expect(send('error: incompatible architecture.', true)).toMatch(/HX630/);
    // the same line on its own (no continuation) has no pv-grub context (with its architecture number it would say
    // pvgrub2 by itself: only GRUB's Xen loader prints that)
    expect(send('error: incompatible architecture.')).not.toMatch(/HX630/);
  });
});

describe('a config the case asked for', () => {
  it('is read with the earlier paste, and still checked as a config', () => {
    const brain = createBrain({ name: 'xenbot' });
    const send = (text: string) => renderText(brain.handle({ text, author: 'fay', channel: '#hurd', transport: 'irc', addressed: true } as Message)!);
    const first = send('foobar:~# e2fsck /dev/hd3\ne2fsck 1.40.11 (17-June-2008)\nError writing block 1 (Attempt to write block from filesystem resulted in short write).  Ignore error<y>? yes');
    expect(first).toMatch(/Paste the disk line of your config/);
    const second = send("disk = [ 'phy:/dev/vg/root,hda,w', 'phy:/dev/vg/data,hdd,r' ]\nmemory = 1024");
    expect(second).toMatch(/Read together with what you pasted before/);
    expect(second).toMatch(/HX671/);
    // the config's own problem is still said
    expect(second).toMatch(/580/);
  });
});
