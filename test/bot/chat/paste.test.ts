import { describe, expect, it } from 'vitest';
import { manualClock } from '../../support/manual-clock.js';
import { createPasteAssembler, type Paste, type PasteLine } from '../../../bot/chat/paste.js';


function setup(opts: { quietMs?: number; maxLines?: number; maxChars?: number } = {}) {
  const clock = manualClock();
  const pastes: Paste<number>[] = [];
  const asm = createPasteAssembler<number>({ quietMs: opts.quietMs ?? 1500, clock, onPaste: (p) => pastes.push(p), ...opts });
  let seq = 0;
  const say = (text: string, over: Partial<PasteLine<number>> = {}) =>
    asm.push({ channel: '#hurd', author: 'alice', text, addressed: false, meta: ++seq, ...over });
  return { clock, pastes, asm, say };
}

const config = [
  "kernel = '/boot/gnumach-1.8-486-dbg.gz'",
  "ramdisk = '/boot/hurd-modules'",
  'memory = 512',
  "name = 'hurd'",
  "vif = ['']",
  "disk = ['phy:/dev/vg0/hurd,hda,w']",
  "extra = 'root=device:hd0s1'",
  'vcpus = 1',
  "on_poweroff = 'destroy'",
  "on_reboot = 'restart'",
  "on_crash = 'destroy'",
  'pae = 1',
];

describe('paste assembly', () => {
  it('joins twelve lines pasted one by one into one paste after the quiet window', () => {
    const { clock, pastes, say } = setup();
    for (const line of config) {
      say(line);
      clock.advance(300);
    }
    expect(pastes).toHaveLength(0);
    clock.advance(1500);
    expect(pastes).toHaveLength(1);
    expect(pastes[0]).toMatchObject({ channel: '#hurd', author: 'alice', lines: 12, text: config.join('\n'), addressed: false, meta: 12 });
  });

  it('keeps the paste open while lines keep coming, however long it takes', () => {
    const { clock, pastes, say } = setup({ quietMs: 1000 });
    for (let i = 0; i < 30; i++) {
      say(`line ${i}`);
      clock.advance(999);
    }
    expect(pastes).toHaveLength(0);
    clock.advance(1);
    expect(pastes[0]?.lines).toBe(30);
  });

  it('keeps people and channels apart, even when their lines interleave', () => {
    const { clock, pastes, say } = setup();
    say('a1');
    say('b1', { author: 'bob' });
    say('a2');
    say('c1', { channel: '#xen' });
    say('b2', { author: 'BOB' });
    clock.advance(1500);
    const byWho = Object.fromEntries(pastes.map((p) => [`${p.channel} ${p.author}`, p.text]));
    expect(byWho).toEqual({ '#hurd alice': 'a1\na2', '#hurd bob': 'b1\nb2', '#xen alice': 'c1' });
  });

  it('counts a paste as addressed when any of its lines is', () => {
    const { clock, pastes, say } = setup();
    say('my config:', { addressed: true });
    for (const line of config.slice(0, 3)) say(line);
    clock.advance(1500);
    expect(pastes).toHaveLength(1);
    expect(pastes[0]).toMatchObject({ addressed: true, lines: 4 });
  });

  it('answers an addressed question at once, without waiting for the window', () => {
    const { pastes, say, clock } = setup();
    say('why does xm create hang?', { addressed: true });
    expect(pastes).toHaveLength(1);
    expect(pastes[0]).toMatchObject({ addressed: true, lines: 1 });
    expect(clock.timers()).toBe(0);
  });

  it('closes a paste when an addressed question ends it', () => {
    const { pastes, say } = setup();
    for (const line of config.slice(0, 5)) say(line);
    say("what's wrong with it?", { addressed: true });
    expect(pastes).toHaveLength(1);
    expect(pastes[0]).toMatchObject({ addressed: true, lines: 6 });
  });

  it('treats a multi-line paste right after an addressed question as addressed, but not a lone remark', () => {
    const { clock, pastes, say } = setup();
    say('what is wrong here?', { addressed: true });
    clock.advance(200);
    for (const line of config) say(line);
    clock.advance(1500);
    expect(pastes.map((p) => [p.lines, p.addressed])).toEqual([
      [1, true],
      [12, true],
    ]);
    const other = setup();
    other.say('is pae needed?', { addressed: true });
    other.clock.advance(200);
    other.say('thanks');
    other.clock.advance(1500);
    expect(other.pastes.map((p) => p.addressed)).toEqual([true, false]);
    // Long after the question, a paste stands on its own.
    other.clock.advance(60_000);
    other.say('x = 1');
    other.say('y = 2');
    other.clock.advance(1500);
    expect(other.pastes.at(-1)).toMatchObject({ addressed: false, lines: 2 });
  });

  it('takes a prompt with the host name only ("foobar:~# e2fsck ...") as the start of a paste', () => {
    const { clock, pastes, say } = setup();
    say('foobar:~# e2fsck /dev/hd3', { addressed: true });
    say('e2fsck 1.40.11 (17-June-2008)');
    say('Pass 1: Checking inodes, blocks, and sizes');
    clock.advance(1500);
    expect(pastes.map((p) => [p.lines, p.addressed])).toEqual([[3, true]]);
  });

  it('takes xl info\'s "name    : value" lines as a paste, not as a request of their own', () => {
    const { clock, pastes, say } = setup();
    say('xen_caps               : xen-3.0-x86_64 xen-3.0-x86_32p', { addressed: true });
    say('free_memory            : 61');
    clock.advance(1500);
    expect(pastes.map((p) => [p.lines, p.addressed])).toEqual([[2, true]]);
  });

  it('takes the lower-case messages of GNU Mach and GRUB (warning:, error:) as a paste after a question', () => {
    // prose that stops mid-sentence ("the console floods with"), then what GNU Mach printed
    const { clock, pastes, say } = setup();
    say('gnumach under pvgrub2, the console floods with', { addressed: true });
    clock.advance(100);
    for (const line of ['warning: nsec 0x000096dae65d2697 < lastnsec 0x000096db11dee20d', 'warning: nsec 0x000096da14968a59 < lastnsec 0x000096db11dee20d']) say(line);
    say('error: incompatible architecture: 4.');
    clock.advance(1500);
    expect(pastes.map((p) => [p.lines, p.addressed])).toEqual([
      [1, true],
      [3, true],
    ]);
  });

  it('treats each addressed line as a new request, answered at once when it stands on its own', () => {
    const { clock, pastes, say } = setup();
    say('what about pae', { addressed: true });
    say('and memory', { addressed: true });
    expect(pastes.map((p) => p.text)).toEqual(['what about pae', 'and memory']);
    say('my config:', { addressed: true });
    say('x = 1');
    say('and disks', { addressed: true });
    clock.advance(1500);
    expect(pastes.map((p) => p.text)).toEqual(['what about pae', 'and memory', 'my config:\nx = 1', 'and disks']);
    expect(pastes.every((p) => p.addressed)).toBe(true);
  });

  it('answers a bare addressed question and a command at once, without waiting for the window', () => {
    for (const text of ['pae', 'what is pv-grub', '!version', '!help template', 'xenbot: memory limit', "Error: (2, 'Invalid kernel', 'xc_dom_compat_check: guest type xen-3.0-x86_32 not supported')"]) {
      const { pastes, say, clock } = setup();
      say(text, { addressed: true });
      // a one-line error is a paste shape: it waits for the rest of the paste (the window), the others do not
      if (text.startsWith('Error:')) {
        expect(pastes).toHaveLength(0);
        clock.advance(1500);
      }
      expect(pastes, text).toHaveLength(1);
      expect(pastes[0]).toMatchObject({ addressed: true, lines: 1 });
    }
  });

  it("never merges a person's own chat lines into their question", () => {
    const { clock, pastes, say } = setup();
    say('ugh, this again');
    clock.advance(300);
    say('brb coffee');
    clock.advance(300);
    say('how much memory for the hurd?', { addressed: true });
    clock.advance(1500);
    expect(pastes.map((p) => [p.text, p.addressed])).toEqual([
      ['ugh, this again\nbrb coffee', false],
      ['how much memory for the hurd?', true],
    ]);
  });

  it('holds the window for a line that announces a paste, and joins the paste to it', () => {
    for (const opener of ['!check', 'here is my config:', 'my /etc/xen/hurd']) {
      const { clock, pastes, say } = setup();
      say(opener, { addressed: true });
      for (const line of config.slice(0, 4)) say(line);
      expect(pastes, opener).toHaveLength(0);
      clock.advance(1500);
      expect(pastes).toHaveLength(1);
      expect(pastes[0]).toMatchObject({ addressed: true, lines: 5 });
    }
  });

  it('closes a paste at the line and size caps and says it was cut', () => {
    const lines = setup({ maxLines: 5 });
    for (let i = 0; i < 7; i++) lines.say(`l${i}`);
    expect(lines.pastes).toHaveLength(1);
    expect(lines.pastes[0]?.lines).toBe(5);
    lines.clock.advance(1500);
    expect(lines.pastes[1]?.lines).toBe(2);

    const size = setup({ maxChars: 1000 });
    size.say('x'.repeat(1_000_000));
    expect(size.pastes).toHaveLength(1);
    expect(size.pastes[0]?.text.length).toBeLessThanOrEqual(1000);
    expect(size.pastes[0]?.truncated).toBe(true);
  });

  it('keeps private messages private', () => {
    const { clock, pastes, say } = setup();
    say('x = 1', { channel: 'alice', isPrivate: true });
    clock.advance(1500);
    expect(pastes[0]).toMatchObject({ channel: 'alice', isPrivate: true });
  });

  it('joins a config pasted line by line in a private message into one paste (every line there is addressed)', () => {
    const { clock, pastes, say } = setup();
    for (const line of config.slice(0, 6)) {
      say(line, { channel: 'alice', isPrivate: true, addressed: true });
      clock.advance(200);
    }
    clock.advance(1500);
    expect(pastes).toHaveLength(1);
    expect(pastes[0]).toMatchObject({ lines: 6, isPrivate: true, addressed: true });
  });

  it('flushAll emits everything open; close drops it and ignores later lines', () => {
    const a = setup();
    a.say('one');
    a.say('two', { author: 'bob' });
    expect(a.asm.pending).toBe(2);
    a.asm.flushAll();
    expect(a.pastes).toHaveLength(2);
    expect(a.clock.timers()).toBe(0);

    const b = setup();
    b.say('one');
    b.asm.close();
    b.say('two');
    b.clock.advance(5000);
    expect(b.pastes).toHaveLength(0);
    expect(b.clock.timers()).toBe(0);
  });

  it('works with the real timers', async () => {
    const pastes: Paste<null>[] = [];
    const asm = createPasteAssembler<null>({ quietMs: 30, onPaste: (p) => pastes.push(p) });
    asm.push({ channel: '#c', author: 'a', text: 'one', addressed: false, meta: null });
    asm.push({ channel: '#c', author: 'a', text: 'two', addressed: false, meta: null });
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (pastes.length > 0) {
          clearInterval(poll);
          resolve();
        }
      }, 5);
    });
    expect(pastes[0]?.text).toBe('one\ntwo');
  });
});
