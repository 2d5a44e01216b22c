import { describe, expect, it } from 'vitest';
import { createGate, globMatch, GATE_TEXT, type Decision, type GateOptions } from '../../../bot/chat/gate.js';
import { emptyReply, type Brain, type Message, type Reply } from '../../../bot/brain/reply.js';
import type { LimitsConfig } from '../../../bot/ops/config.js';
import { createBrain } from '../../../bot/brain/index.js';
import { loadKnowledge } from '../../../knowledge/index.js';

const knowledge = loadKnowledge();

/**
 * A tiny real brain: answers any addressed text with "answer to <text>", and points at a known error
 * ("Error: kernel image not found") when it sees one unaddressed. It records what it was asked.
 */
function tinyBrain(): Brain & { asked: Message[] } {
  const asked: Message[] = [];
  return {
    name: 'hxb',
    prefix: '!',
    version: 'test',
    asked,
    handle(msg) {
      asked.push(msg);
      if (/kernel image not found/i.test(msg.text)) {
        const r: Reply = { ...emptyReply('log'), answered: true, blocks: [{ type: 'text', text: 'That is error-kernel-missing: check kernel=' }] };
        return msg.addressed ? r : { ...r, unsolicited: true };
      }
      if (!msg.addressed) return null;
      if (/^long help/.test(msg.text)) return { ...emptyReply('command'), answered: true, private: true, blocks: [{ type: 'text', text: 'help…' }] };
      return { ...emptyReply('question'), answered: true, blocks: [{ type: 'text', text: `answer to ${msg.text}` }] };
    },
  };
}

const limits: LimitsConfig = { perUser: 3, perChannel: 5, windowMs: 60_000, repeatWindowMs: 120_000, maxLines: 2 };

function setup(extra: Partial<GateOptions> = {}) {
  let t = 1_000_000;
  const clock = { now: () => t, advance: (ms: number) => (t += ms) };
  const brain = tinyBrain();
  const gate = createGate(brain, { limits, now: clock.now, ...extra });
  return { gate, brain, clock };
}

function msg(text: string, over: Partial<Message> = {}): Message {
  return { text, author: 'alice', channel: '#hurd', transport: 'irc', addressed: true, ...over };
}

function replyText(d: Decision): string {
  if (d.type !== 'reply') throw new Error(`expected a reply, got ${JSON.stringify(d)}`);
  return d.reply.blocks.map((b) => (b.type === 'text' ? b.text : '')).join('\n');
}

describe('gate: who is answered at all', () => {
  it('answers an addressed question in the channel, naming the asker', () => {
    const { gate } = setup();
    const d = gate.handle(msg('how much memory?'));
    expect(d).toMatchObject({ type: 'reply', target: '#hurd', isPrivate: false, addressee: 'alice' });
    expect(replyText(d)).toBe('answer to how much memory?');
  });

  it('never answers a bot, even when addressed, and does not even ask the brain', () => {
    const { gate, brain } = setup();
    expect(gate.handle(msg('hello', { fromBot: true }))).toEqual({ type: 'silent', reason: 'bot' });
    expect(brain.asked).toHaveLength(0);
  });

  it('ignores senders by nick or by any identity, with * globs, case-insensitively', () => {
    const { gate } = setup({ ignore: ['Troll', '*!*@spam.example', 'acct:evil*'] });
    expect(gate.handle(msg('hi', { author: 'troll' }))).toEqual({ type: 'silent', reason: 'ignored' });
    expect(gate.handle(msg('hi', { author: 'bob' }), ['bob!u@spam.example'])).toEqual({ type: 'silent', reason: 'ignored' });
    expect(gate.handle(msg('hi', { author: 'carol' }), ['acct:evilcorp'])).toEqual({ type: 'silent', reason: 'ignored' });
    expect(gate.handle(msg('hi', { author: 'dave' }), ['dave!u@good.example']).type).toBe('reply');
  });

  it('also ignores the masks maintainers added at run time, as they change', () => {
    let added: string[] = [];
    const { gate } = setup({ extraIgnore: () => added });
    expect(gate.handle(msg('hi', { author: 'pest' }), ['pest!u@h']).type).toBe('reply');
    added = ['pest!*@*'];
    expect(gate.handle(msg('hi again', { author: 'pest' }), ['pest!u@h'])).toEqual({ type: 'silent', reason: 'ignored' });
  });

  it('answers private messages privately, without an addressee', () => {
    const { gate } = setup();
    expect(gate.handle(msg('pae?', { channel: 'alice', isPrivate: true }))).toMatchObject({ type: 'reply', target: 'alice', isPrivate: true });
  });

  it('sends a reply the brain marks private (long help) to the asker, not the channel', () => {
    const { gate } = setup();
    expect(gate.handle(msg('long help'))).toMatchObject({ type: 'reply', target: 'alice', isPrivate: true });
  });

  it('stays silent when the brain has nothing to say', () => {
    const { gate } = setup({ unaddressedChannels: ['#hurd'] });
    expect(gate.handle(msg('just chatting', { addressed: false }))).toEqual({ type: 'silent', reason: 'brain-silent' });
    expect(gate.handle(msg('   '))).toEqual({ type: 'silent', reason: 'empty' });
  });
});

describe('gate: rate limits with one polite notice', () => {
  it('gives a user perUser answers per window, then one notice, then silence, then answers again', () => {
    const { gate, clock } = setup();
    for (let i = 0; i < 3; i++) expect(gate.handle(msg(`q${i}`)).type).toBe('reply');
    expect(gate.handle(msg('q3'))).toEqual({ type: 'notice', to: 'alice', text: GATE_TEXT.rateUser });
    expect(gate.handle(msg('q4'))).toEqual({ type: 'silent', reason: 'rate-limited' });
    expect(gate.handle(msg('q5'))).toEqual({ type: 'silent', reason: 'rate-limited' });
    // Another user is not affected.
    expect(gate.handle(msg('q6', { author: 'bob' })).type).toBe('reply');
    clock.advance(60_001);
    expect(gate.handle(msg('q7')).type).toBe('reply');
  });

  it('limits a whole channel with one notice to the channel', () => {
    const { gate } = setup();
    const users = ['u1', 'u2', 'u3', 'u4', 'u5'];
    for (const u of users) expect(gate.handle(msg(`from ${u}`, { author: u })).type).toBe('reply');
    expect(gate.handle(msg('one too many', { author: 'u6' }))).toEqual({ type: 'notice', to: '#hurd', text: GATE_TEXT.rateChannel });
    expect(gate.handle(msg('again', { author: 'u7' }))).toEqual({ type: 'silent', reason: 'rate-limited' });
    // Private messages do not count against the channel.
    expect(gate.handle(msg('private', { author: 'u8', channel: 'u8', isPrivate: true })).type).toBe('reply');
  });

  it('does not count unaddressed chatter against anyone', () => {
    const { gate } = setup();
    for (let i = 0; i < 20; i++) gate.handle(msg(`chat ${i}`, { addressed: false }));
    expect(gate.handle(msg('real question')).type).toBe('reply');
  });
});

describe('gate: repeat suppression', () => {
  it('says "see above" for the same answer in the same channel within the window, to whoever asked', () => {
    const { gate, clock } = setup();
    expect(gate.handle(msg('pae')).type).toBe('reply');
    expect(gate.handle(msg('pae', { author: 'bob' }))).toEqual({ type: 'see-above', target: '#hurd', addressee: 'bob', text: GATE_TEXT.seeAbove });
    expect(gate.handle(msg('pae', { channel: '#xen' })).type).toBe('reply');
    clock.advance(120_001);
    expect(gate.handle(msg('pae', { author: 'bob' })).type).toBe('reply');
  });

  it('never suppresses in private, and can be switched off with a zero window', () => {
    const { gate } = setup({ limits: { ...limits, repeatWindowMs: 0 } });
    expect(gate.handle(msg('pae')).type).toBe('reply');
    expect(gate.handle(msg('pae')).type).toBe('reply');
    const priv = setup();
    expect(priv.gate.handle(msg('pae', { channel: 'alice', isPrivate: true })).type).toBe('reply');
    expect(priv.gate.handle(msg('pae', { channel: 'alice', isPrivate: true })).type).toBe('reply');
  });
});

describe('gate: unaddressed known errors', () => {
  const paste = 'Error: kernel image not found: /boot/gnumach.gz';

  it('points at a known error once in an enabled channel, then keeps a cooldown', () => {
    const { gate, clock } = setup({ unaddressedChannels: ['#HURD'], unaddressedCooldownMs: 600_000 });
    expect(gate.handle(msg(paste, { addressed: false }))).toMatchObject({ type: 'reply', target: '#hurd', addressee: 'alice' });
    expect(gate.handle(msg(`${paste} (again)`, { addressed: false, author: 'bob' }))).toEqual({ type: 'silent', reason: 'unaddressed-cooldown' });
    clock.advance(600_001);
    expect(gate.handle(msg(`${paste} (again)`, { addressed: false, author: 'bob' })).type).toBe('reply');
  });

  it('never answers the same paste twice, even after the cooldown and with different case and spacing', () => {
    const { gate, clock } = setup({ unaddressedChannels: ['#hurd'], unaddressedCooldownMs: 1000 });
    expect(gate.handle(msg(paste, { addressed: false })).type).toBe('reply');
    clock.advance(10_000);
    expect(gate.handle(msg(`\t ${paste.toUpperCase()}  \n`, { addressed: false, author: 'bob' }))).toEqual({
      type: 'silent',
      reason: 'unaddressed-duplicate',
    });
  });

  it('stays quiet in channels without the switch, in private, and for bots', () => {
    const { gate, brain } = setup({ unaddressedChannels: ['#hurd'] });
    expect(gate.handle(msg(paste, { addressed: false, channel: '#other' }))).toEqual({ type: 'silent', reason: 'unaddressed-off' });
    // Without the switch the brain is not even asked.
    expect(brain.asked).toHaveLength(0);
    expect(gate.handle(msg(paste, { addressed: false, fromBot: true }))).toEqual({ type: 'silent', reason: 'bot' });
    // Addressed, the same paste is a normal question.
    expect(gate.handle(msg(paste, { channel: '#other' })).type).toBe('reply');
  });
});

describe('gate: tell <nick> about <topic>', () => {
  it('addresses the brain\'s answer for someone else (reply.to) to that nick, in every addressed form', () => {
    // the real brain owns `tell`: the gate only decides where the answer may go
    const gate = createGate(createBrain({ name: 'hxb', knowledge }), { limits: { ...limits, perUser: 10 } });
    expect(gate.handle(msg('tell bob about pv-grub'))).toMatchObject({ type: 'reply', target: '#hurd', addressee: 'bob' });
    expect(gate.handle(msg('!tell bob about memory'))).toMatchObject({ addressee: 'bob' });
    expect(gate.handle(msg('hxb: tell @carol about disks'))).toMatchObject({ addressee: 'carol' });
  });

  it('answers the asker instead when the target is the bot, the asker, "everyone", or in private', () => {
    const gate = createGate(createBrain({ name: 'hxb', knowledge }), { limits: { ...limits, perUser: 10 } });
    expect(gate.handle(msg('tell hxb about a'))).toMatchObject({ addressee: 'alice' });
    expect(gate.handle(msg('tell me about b'))).toMatchObject({ addressee: 'alice' });
    expect(gate.handle(msg('tell everyone about c'))).toMatchObject({ addressee: 'alice' });
    expect(gate.handle(msg('tell bob about d', { channel: 'alice', isPrivate: true }))).toMatchObject({ target: 'alice', isPrivate: true });
  });

  it('honours a brain that sets reply.to itself, asking it only once', () => {
    let calls = 0;
    const brain: Brain = {
      name: 'hxb',
      prefix: '!',
      version: 't',
      handle: (m) => {
        calls++;
        const to = /^tell (\S+)/.exec(m.text)?.[1];
        return { ...emptyReply('question'), answered: true, ...(to ? { to } : {}), blocks: [{ type: 'text', text: 'x' }] };
      },
    };
    const gate = createGate(brain, { limits });
    expect(gate.handle(msg('tell dave about pae'))).toMatchObject({ addressee: 'dave' });
    expect(calls).toBe(1);
    expect(gate.handle(msg('tell hxb about pae'))).toMatchObject({ addressee: 'alice' });
  });
});

describe('gate: more', () => {
  it('releases stored pieces a page at a time, per channel and user, then hands "more" to the brain', () => {
    const { gate, brain } = setup({ limits: { ...limits, perUser: 10 } });
    gate.saveMore('#hurd', 'alice', ['l1', 'l2', 'l3', 'l4', 'l5']);
    expect(gate.handle(msg('more'))).toMatchObject({ type: 'more', target: '#hurd', addressee: 'alice', pieces: ['l1', 'l2'], left: 3 });
    // Bob has nothing stored: his "more" is an ordinary message for the brain.
    expect(replyText(gate.handle(msg('more', { author: 'bob' })))).toBe('answer to more');
    expect(gate.handle(msg('hxb: more'))).toMatchObject({ pieces: ['l3', 'l4'], left: 1 });
    expect(gate.handle(msg('!more'))).toMatchObject({ pieces: ['l5'], left: 0 });
    const asked = brain.asked.length;
    expect(gate.handle(msg('more')).type).toBe('reply');
    expect(brain.asked.length).toBe(asked + 1);
  });

  it('forgets continuations after their time to live', () => {
    const { gate, clock } = setup({ moreTtlMs: 1000 });
    gate.saveMore('#hurd', 'alice', ['l1']);
    clock.advance(1001);
    expect(gate.handle(msg('more')).type).toBe('reply');
  });

  it('answers "more" in private privately', () => {
    const { gate } = setup();
    gate.saveMore('alice', 'alice', ['p1']);
    expect(gate.handle(msg('more', { channel: 'alice', isPrivate: true }))).toMatchObject({ target: 'alice', isPrivate: true, pieces: ['p1'] });
  });
});

describe('gate: robustness', () => {
  it('survives a throwing brain, huge input and control characters', () => {
    const brain: Brain = {
      name: 'hxb',
      prefix: '!',
      version: 't',
      handle: () => {
        throw new Error('bug');
      },
    };
    const gate = createGate(brain, { limits, unaddressedChannels: ['#hurd'] });
    expect(gate.handle(msg('boom'))).toEqual({ type: 'silent', reason: 'brain-silent' });
    const { gate: g2 } = setup({ unaddressedChannels: ['#hurd'] });
    const huge = `tell ${'x'.repeat(100)} about ${'\u0000\r\n'.repeat(300_000)}`;
    const started = Date.now();
    expect(g2.handle(msg(huge)).type).toBe('reply');
    expect(g2.handle(msg(`kernel image not found ${huge}`, { addressed: false })).type).toBe('reply');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('glob matching is linear on adversarial patterns', () => {
    const started = Date.now();
    expect(globMatch('*a*a*a*a*a*a*a*a*b', 'a'.repeat(5000))).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(globMatch('*bot', 'HelpBot')).toBe(true);
    expect(globMatch('a*c', 'abbbc')).toBe(true);
    expect(globMatch('a*c', 'abbbd')).toBe(false);
  });
});
