/**
 * The IRC adapter against a real ngircd, with real irc-framework clients as users and a raw TCP observer
 * that records the bytes the server relays (to check line lengths, UTF-8 and that no extra command appears).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import irc, { type Client, type MessageEvent } from 'irc-framework';
import { startIrc, nickCandidates, reconnectDelay, safeTarget, type IrcHandle } from '../../../../bot/adapters/irc/adapter.js';
import { configSchema, type IrcConfig, type LimitsConfig } from '../../../../bot/ops/config.js';
import { createBrain } from '../../../../bot/brain/index.js';
import { createMetrics, type BotMetrics } from '../../../../bot/ops/metrics.js';
import type { Brain } from '../../../../bot/brain/reply.js';
import { startNgircd, waitFor, type Ngircd } from '../../../support/ngircd.js';
import { connectUser, nextFromBot, quiet, type User } from '../../../support/irc-user.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../../../store/index.js';

const BOT = 'hxb';
const CHANNEL = '#hurd';
const LONG = 60_000;

let sharedBrain: Brain | undefined;
/** The real brain, loaded once per file (the knowledge base takes a moment). */
function brain(): Brain {
  sharedBrain ??= createBrain({ name: BOT });
  return sharedBrain;
}

function ircConfig(server: Ngircd, over: Record<string, unknown> = {}): IrcConfig {
  const cfg = configSchema.parse({ irc: { server: server.host, port: server.port, nick: BOT, channels: [CHANNEL], pasteWindowMs: 400, admins: ['opsaccount'], unaddressedChannels: [CHANNEL], floodBurst: 10, floodRate: 100, ...over } }).irc;
  if (!cfg) throw new Error('no irc config');
  return cfg;
}

const easyLimits: LimitsConfig = { perUser: 10_000, perChannel: 10_000, windowMs: 60_000, repeatWindowMs: 0, maxLines: 4 };

/** A raw TCP client in the channel that keeps every line the server sends it, as bytes. */
async function connectObserver(server: Ngircd, nick = 'observer'): Promise<{ lines: Buffer[]; close(): void; socket: Socket }> {
  const lines: Buffer[] = [];
  const socket = connect({ host: server.host, port: server.port });
  let pending = Buffer.alloc(0);
  let joined = false;
  socket.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    for (let i = pending.indexOf('\r\n'); i >= 0; i = pending.indexOf('\r\n')) {
      const line = pending.subarray(0, i + 2);
      pending = pending.subarray(i + 2);
      lines.push(Buffer.from(line));
      const text = line.toString('latin1');
      if (text.startsWith('PING ')) socket.write(`PONG ${text.slice(5)}`);
      if (/ 001 /.test(text)) socket.write(`JOIN ${CHANNEL}\r\n`);
      if (text.includes(` JOIN ${CHANNEL}`) || text.includes(` JOIN :${CHANNEL}`)) joined = true;
    }
  });
  socket.on('error', () => {});
  socket.write(`NICK ${nick}\r\nUSER ${nick} 0 * :${nick}\r\n`);
  await waitFor(() => joined, LONG, 'observer to join');
  return { lines, socket, close: () => socket.destroy() };
}

async function startBot(
  server: Ngircd,
  over: Record<string, unknown> = {},
  limits: LimitsConfig = easyLimits,
  regainNickMs = 60_000,
  metrics?: BotMetrics,
): Promise<IrcHandle & { bot: Client; outgoing: string[]; closes: number }> {
  const handle = await startIrc(brain(), ircConfig(server, over), { limits, ignore: ['ignored*'], reconnectBaseMs: 200, regainNickMs, ...(metrics ? { metrics } : {}) });
  const bot = handle.client as Client;
  const outgoing: string[] = [];
  const state = { closes: 0 };
  bot.on('raw', (ev) => {
    if (!ev.from_server) outgoing.push(ev.line);
  });
  bot.on('socket close', () => state.closes++);
  let joined = false;
  const channel = Array.isArray(over.channels) ? String(over.channels[0]) : CHANNEL;
  bot.on('join', (ev) => {
    if (ev.nick === bot.user.nick && ev.channel === channel) joined = true;
  });
  await waitFor(() => joined, LONG, 'the bot to join');
  return {
    stop: (reason?: string) => handle.stop(reason),
    state: () => handle.state(),
    client: handle.client,
    bot,
    outgoing,
    get closes() {
      return state.closes;
    },
  };
}

const twelveLineConfig = [
  "kernel = '/boot/gnumach-1.8-486.gz'",
  "ramdisk = '/boot/hurd-modules'",
  'memory = 1024',
  "name = 'hurd'",
  "vif = ['mac=00:16:3e:00:00:11, bridge=xenbr0']",
  "disk = ['phy:/dev/vg0/hurd,hda,w']",
  "extra = 'root=device:hd0s1'",
  'vcpus = 1',
  "on_poweroff = 'destroy'",
  "on_reboot = 'restart'",
  "on_crash = 'destroy'",
  "bootloader = ''",
];

describe('IRC adapter pieces', () => {

  it('refuses unsafe targets', () => {
    expect(safeTarget('#hurd')).toBe('#hurd');
    expect(safeTarget('alice')).toBe('alice');
    for (const bad of ['a\r\nQUIT', 'a b', '', ':x', '#a,#b', 'a\u0000']) expect(safeTarget(bad)).toBeNull();
  });

  it('backs off reconnects by doubling up to the cap, forever, with bounded jitter', () => {
    const delays = Array.from({ length: 40 }, (_, i) => reconnectDelay(i, 1000, 60_000, 0));
    expect(delays.slice(0, 7)).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 60_000]);
    expect(delays.slice(6).every((d) => d === 60_000)).toBe(true);
    expect(reconnectDelay(1_000_000, 1000, 60_000, 0.999)).toBeLessThan(61_000);
    expect(reconnectDelay(0, 200, 60_000, 0.999)).toBeLessThan(300);
  });

  it('offers alternate nicks within the length limit', () => {
    const c = nickCandidates('hurd-xen-bot', ['hxb2'], 9);
    expect(c[0]).toBe('hurd-xen-');
    expect(c).toContain('hxb2');
    expect(c.every((n) => n.length <= 9)).toBe(true);
    expect(new Set(c).size).toBe(c.length);
  });
});

describe('IRC adapter on a real ngircd', () => {
  let server: Ngircd;
  let bot: Awaited<ReturnType<typeof startBot>>;
  let alice: User;
  let observer: Awaited<ReturnType<typeof connectObserver>>;

  beforeAll(async () => {
    server = await startNgircd({ maxPenaltyTime: 0 });
    bot = await startBot(server);
    alice = await connectUser(server, 'alice', CHANNEL, BOT);
    observer = await connectObserver(server);
  }, 120_000);

  afterAll(async () => {
    observer?.close();
    await alice?.close();
    await bot?.stop('test over');
    await server?.stop();
  });

  it('answers a question addressed by nick, by prefix, and in private; ignores chatter and ignored users', async () => {
    let before = alice.fromBot().length;
    alice.say('nice weather today');
    alice.say(`${BOT}: how much memory can a Hurd domU use?`);
    const [answer] = await nextFromBot(alice, before);
    expect(answer?.target).toBe(CHANNEL);
    expect(answer?.message.startsWith('alice: ')).toBe(true);
    expect(answer?.message).toMatch(/memory|MB|MiB/i);

    await quiet(alice, 300);
    before = alice.fromBot().length;
    alice.say('!help');
    const [help] = await nextFromBot(alice, before);
    expect(help?.message.length).toBeGreaterThan(10);

    await quiet(alice, 300);
    before = alice.fromBot().length;
    alice.client.say(BOT, 'what is pv-grub?');
    const [priv] = await nextFromBot(alice, before);
    expect(priv?.target).toBe('alice');

    const ignored = await connectUser(server, 'ignored1', CHANNEL, BOT);
    ignored.say(`${BOT}: what is pae?`);
    before = alice.fromBot().length;
    alice.say(`${BOT}: what is pae?`);
    await nextFromBot(alice, before);
    expect(ignored.fromBot().filter((h) => h.message.startsWith('ignored1'))).toEqual([]);
    await ignored.close();
  }, 120_000);

  it('gives exactly one diagnosis for a 12-line config pasted line by line', async () => {
    await quiet(alice, 300);
    const before = alice.fromBot().length;
    alice.say(`${BOT}: my /etc/xen/hurd:`);
    for (const line of twelveLineConfig) alice.say(line);
    await nextFromBot(alice, before);
    await quiet(alice, 1200);
    const said = alice.fromBot().slice(before);
    const toAlice = said.filter((h) => h.target === CHANNEL && h.message.startsWith('alice: '));
    expect(toAlice).toHaveLength(1);
    // The diagnosis cites a rule (HXnnn) and is at most maxLines lines in the channel.
    expect(said.filter((h) => h.target === CHANNEL).map((h) => h.message).join('\n')).toMatch(/HX\d{3}/);
    expect(said.filter((h) => h.target === CHANNEL).length).toBeLessThanOrEqual(easyLimits.maxLines);
  }, 120_000);

  it('gives one reply to a 6-line config sent in a private message', async () => {
    await quiet(alice, 300);
    const before = alice.fromBot().length;
    for (const line of twelveLineConfig.slice(0, 6)) alice.client.say(BOT, line);
    await nextFromBot(alice, before);
    await quiet(alice, 1500);
    const said = alice.fromBot().slice(before).filter((h) => h.target === 'alice');
    // one reply (its lines come together), not one reply per pasted line
    expect(said.filter((h) => /^Config \(|^Your config|^Diagnosis/.test(h.message))).toHaveLength(1);
  }, 120_000);

  it('never repeats more than one channel member nick in a line (no mass highlight)', async () => {
    const crowd = await Promise.all(['user0', 'user1', 'user2', 'user3'].map((n) => connectUser(server, n, CHANNEL, BOT)));
    try {
      await quiet(alice, 300);
      const before = alice.fromBot().length;
      alice.say('!help user0 user1 user2 user3 observer alice');
      await nextFromBot(alice, before);
      await quiet(alice, 800);
      const members = new Set(['user0', 'user1', 'user2', 'user3', 'observer', 'alice']);
      for (const h of alice.fromBot().slice(before).filter((x) => x.target === CHANNEL)) {
        const named = h.message.split(/[^A-Za-z0-9_\-[\]\\`^{|}]+/).filter((w) => members.has(w.toLowerCase()));
        expect(named.length, h.message).toBeLessThanOrEqual(1);
      }
    } finally {
      await Promise.all(crowd.map((u) => u.close()));
    }
  }, 120_000);

  it('splits a reply over 512 bytes within the byte budget, UTF-8 intact on the wire', async () => {
    await quiet(alice, 300);
    const mark = observer.lines.length;
    const before = alice.fromBot().length;
    // A config check: several findings, each a long line.
    alice.say(`${BOT}: check this`);
    for (const line of twelveLineConfig) alice.say(line);
    await nextFromBot(alice, before);
    await quiet(alice, 1200);
    const fromBot = observer.lines.slice(mark).filter((l) => l.toString('latin1').startsWith(`:${BOT}!`));
    const total = fromBot.reduce((n, l) => n + l.length, 0);
    expect(total).toBeGreaterThan(512);
    const decoder = new TextDecoder('utf-8', { fatal: true });
    for (const line of fromBot) {
      expect(line.length).toBeLessThanOrEqual(512);
      expect(() => decoder.decode(line)).not.toThrow();
      expect(decoder.decode(line)).toMatch(/^:hxb!\S+ PRIVMSG #hurd :[^\r\n\u0000]+\r\n$/);
    }
  }, 120_000);

  it('splits a long answer quoting unicode from the paste on character boundaries', async () => {
    await quiet(alice, 300);
    const mark = observer.lines.length;
    const before = alice.fromBot().length;
    // The diagnosis quotes the kernel path: a long one made of multi-byte characters forces splits inside it.
    const path = `/boot/${'ñé€👋ü'.repeat(24)}-gnumach.gz`;
    alice.say(`${BOT}: check`);
    alice.say(`kernel = '${path}'`);
    alice.say('memory = 1024');
    alice.say("disk = ['phy:/dev/vg0/hurd,hda,w']");
    await nextFromBot(alice, before);
    await quiet(alice, 1200);
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const lines = observer.lines.slice(mark).filter((l) => l.toString('latin1').startsWith(`:${BOT}!`));
    const text = lines.map((l) => decoder.decode(l)).join('');
    expect(text).toContain('ñé€👋ü');
    for (const line of lines) {
      expect(line.length).toBeLessThanOrEqual(512);
      expect(() => decoder.decode(line)).not.toThrow();
      expect(decoder.decode(line)).not.toContain('\ufffd');
    }
    // The quoted path, split across lines, is still all there once the line breaks are taken out.
    const rejoined = alice.fromBot().slice(before).map((h) => h.message).join('');
    expect(rejoined.replace(/\s/g, '')).toContain(path.replace(/\s/g, ''));
  }, 120_000);

  it('addresses `tell <nick> about <topic>` to the nick, and sends a long template privately to the asker', async () => {
    await quiet(alice, 300);
    let before = alice.fromBot().length;
    alice.say(`${BOT}: tell bob about pae`);
    const [told] = await nextFromBot(alice, before);
    expect(told?.message.startsWith('bob: ')).toBe(true);

    await quiet(alice, 300);
    before = alice.fromBot().length;
    alice.say(`${BOT}: !template`);
    await nextFromBot(alice, before);
    await quiet(alice, 1000);
    const said = alice.fromBot().slice(before);
    expect(said.filter((h) => h.target === CHANNEL).map((h) => h.message).join(' ')).toMatch(/private message/);
    const privately = said.filter((h) => h.target === 'alice').map((h) => h.message);
    expect(privately.some((l) => /^\s*kernel\s*=/.test(l))).toBe(true);
  }, 120_000);

  it("holds back lines past the cap and gives them on 'more', naming the reader", async () => {
    await quiet(alice, 300);
    let before = alice.fromBot().length;
    alice.say(`${BOT}: !sources`);
    await nextFromBot(alice, before);
    alice.say(`${BOT}: more`);
    await nextFromBot(alice, before, 2);
    await quiet(alice, 500);
    const first = alice.fromBot().slice(before);
    expect(first.length).toBeLessThanOrEqual(1 + easyLimits.maxLines);
    expect(first.at(-1)?.message).toMatch(/say 'more'$/);
    before = alice.fromBot().length;
    alice.say(`${BOT}: more`);
    const [next] = await nextFromBot(alice, before);
    expect(next?.message.startsWith('alice: ')).toBe(true);
    await quiet(alice, 500);
    expect(alice.fromBot().slice(before).length).toBeLessThanOrEqual(easyLimits.maxLines);
  }, 120_000);

  it('points once at a known error pasted without addressing the bot', async () => {
    await quiet(alice, 300);
    const before = alice.fromBot().length;
    alice.say('Error: Kernel image does not exist: /boot/gnumach.gz');
    const [pointer] = await nextFromBot(alice, before);
    expect(pointer?.message).toMatch(/^alice: .*HX\d{3}/);
    // The same paste again, and another error within the cooldown: silence.
    alice.say('Error: Kernel image does not exist: /boot/gnumach.gz');
    await quiet(alice, 1000);
    alice.say('libxl: error: panic: xc_dom_core.c:702: xc_dom_find_loader: no loader found');
    await quiet(alice, 1000);
    expect(alice.fromBot().slice(before)).toHaveLength(1);
  }, 120_000);

  it('never lets CR/LF from a question or a forged nick become an IRC command', async () => {
    await quiet(alice, 300);
    const outMark = bot.outgoing.length;
    const obsMark = observer.lines.length;
    const before = alice.fromBot().length;
    const forged = (nick: string, message: string, target = CHANNEL) =>
      bot.bot.emit('privmsg', { nick, ident: 'x', hostname: 'evil.example', target, message, tags: {} });
    forged('alice', `${BOT}: tell bob\r\nQUIT :pwned about pae\r\nJOIN #evil`);
    forged('alice', `${BOT}: what is pae?\r\nPRIVMSG #hurd :pwned\nKICK #hurd alice\u0000`);
    forged('eve\r\nPRIVMSG #hurd :pwned', `${BOT}: what is pae?`);
    forged('eve\r\nPRIVMSG #hurd :pwned', `what is pae?`, BOT);
    forged('mallory\nJOIN #evil', `${BOT}: more`);
    await nextFromBot(alice, before);
    await quiet(alice, 1000);

    const sent = bot.outgoing.slice(outMark);
    expect(sent.length).toBeGreaterThan(0);
    for (const line of sent) {
      expect(line).not.toMatch(/[\r\n\u0000]/);
      expect(line).toMatch(/^(PRIVMSG|NOTICE|PING|PONG) /);
    }
    const relayed = observer.lines.slice(obsMark).map((l) => l.toString('utf8'));
    expect(relayed.filter((l) => / (QUIT|JOIN|KICK|PART) /.test(l))).toEqual([]);
    expect(relayed.filter((l) => l.endsWith(':pwned\r\n'))).toEqual([]);
    // Still connected and answering.
    const again = alice.fromBot().length;
    alice.say(`${BOT}: what is pv-grub?`);
    await nextFromBot(alice, again);
    expect(bot.closes).toBe(0);
  }, 120_000);

  it('recognises admins by services account (account-tag, account-notify), never by nick', async () => {
    await quiet(alice, 300);
    const forged = (nick: string, message: string, account?: string) =>
      bot.bot.emit('privmsg', { nick, ident: nick, hostname: 'h', target: CHANNEL, message, tags: {}, ...(account ? { account } : {}) });
    const mark = bot.outgoing.length;
    // A nick that equals the admin account name, but no account: refused.
    forged('opsaccount', `${BOT}: admin join #ops1`);
    // The account tag on the message: accepted.
    forged('zed', `${BOT}: admin join #ops2`, 'OpsAccount');
    // account-notify told us carol's account: accepted, and it follows her nick change.
    bot.bot.emit('account', { nick: 'carol', account: 'opsaccount' });
    bot.bot.emit('nick', { nick: 'carol', new_nick: 'carol2' });
    forged('carol2', `${BOT}: admin join #ops3`);
    // After logging out, no longer.
    bot.bot.emit('account', { nick: 'carol2', account: false });
    forged('carol2', `${BOT}: admin join #ops4`);
    await waitFor(() => bot.outgoing.slice(mark).some((l) => l.startsWith('JOIN #ops3')), LONG, 'the admin join');
    await new Promise((r) => setTimeout(r, 300));
    const joins = bot.outgoing.slice(mark).filter((l) => l.startsWith('JOIN '));
    expect(joins).toEqual(['JOIN #ops2', 'JOIN #ops3']);
    expect(bot.outgoing.slice(mark).some((l) => /^NOTICE #hurd :opsaccount: admin commands need/.test(l))).toBe(true);
  }, 120_000);

  it('never answers a message tagged as from a bot', async () => {
    await quiet(alice, 300);
    const mark = bot.outgoing.length;
    bot.bot.emit('privmsg', { nick: 'otherbot', ident: 'b', hostname: 'h', target: CHANNEL, message: `${BOT}: what is pae?`, tags: { bot: true } });
    bot.bot.emit('privmsg', { nick: 'otherbot', ident: 'b', hostname: 'h', target: CHANNEL, message: `${BOT}: what is pae?`, tags: { 'draft/bot': true } });
    const before = alice.fromBot().length;
    alice.say(`${BOT}: what is pv-grub?`);
    await nextFromBot(alice, before);
    await quiet(alice, 500);
    expect(bot.outgoing.slice(mark).filter((l) => l.includes('otherbot'))).toEqual([]);
  }, 120_000);

  it('measures answer latency over 200 sequential questions', async () => {
    await quiet(alice, 300);
    // Questions end with "?" so the paste window does not hold them (other lines wait pasteWindowMs).
    const questions = ['what is pae', 'how much memory', 'what is pv-grub', 'how do I set up networking', 'where do I get gnumach'];
    const latencies: number[] = [];
    for (let i = 0; i < 200; i++) {
      // An answer starts with "alice: "; its other lines do not, so stragglers of the last answer never count.
      const answered = new Promise<number>((resolve) => {
        const onMsg = (ev: MessageEvent) => {
          if (ev.nick === BOT && ev.message.startsWith('alice: ')) {
            alice.client.off('privmsg', onMsg);
            resolve(performance.now());
          }
        };
        alice.client.on('privmsg', onMsg);
      });
      const t0 = performance.now();
      alice.say(`${BOT}: ${questions[i % questions.length]} (#${i})?`);
      const t1 = await Promise.race([answered, new Promise<number>((_, reject) => setTimeout(() => reject(new Error(`question ${i} unanswered`)), LONG))]);
      latencies.push(t1 - t0);
      // Let the rest of the answer arrive before the next question. The gap must exceed Linux's 40 ms delayed
      // ACK: ngircd does not disable Nagle, so a question sent sooner measures the kernel, not the bot.
      await quiet(alice, 60, 5);
    }
    latencies.sort((a, b) => a - b);
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
    console.log(`IRC answer latency over ${latencies.length} questions via ngircd: p50 ${pct(50).toFixed(1)} ms, p99 ${pct(99).toFixed(1)} ms, max ${pct(100).toFixed(1)} ms`);
    expect(latencies).toHaveLength(200);
  }, 300_000);
});

describe('IRC adapter under the real flood limit', () => {
  let server: Ngircd;
  let bot: Awaited<ReturnType<typeof startBot>>;
  const users: User[] = [];

  beforeAll(async () => {
    // ngircd's real penalty: a client sending faster than the server processes is throttled and can be dropped.
    server = await startNgircd({ maxPenaltyTime: -1 });
    bot = await startBot(server, { floodBurst: 4, floodRate: 2.5 }, { ...easyLimits, maxLines: 1 });
    for (let i = 0; i < 5; i++) users.push(await connectUser(server, `user${i}`, CHANNEL, BOT));
  }, 120_000);

  afterAll(async () => {
    for (const u of users) await u.close();
    await bot?.stop();
    await server?.stop();
  });

  it('answers 50 questions sent in a burst, losing none, without being disconnected', async () => {
    const topics = ['pae', 'memory', 'pv-grub', 'networking', 'the console', 'disk', 'hurd-modules', 'xl vs xm', 'root device', 'gnumach'];
    for (let q = 0; q < 10; q++) for (const u of users) u.say(`${BOT}: what about ${topics[q]}? (${u.nick} #${q})`);
    await waitFor(() => users.every((u) => u.fromBot().filter((h) => h.message.startsWith(`${u.nick}: `)).length >= 10), 120_000, 'all 50 answers', 100);
    for (const u of users) expect(u.fromBot().filter((h) => h.message.startsWith(`${u.nick}: `))).toHaveLength(10);
    expect(bot.closes).toBe(0);
    expect(server.log()).not.toMatch(/exhausted|flood/i);
  }, 180_000);
});

const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasOpenssl)('IRC adapter over TLS', () => {
  let server: Ngircd;

  beforeAll(async () => {
    server = await startNgircd({ maxPenaltyTime: 0, tls: true });
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('connects with TLS (self-signed certificate accepted only when tlsInsecure) and answers', async () => {
    const tlsServer = { ...server, port: server.tlsPort ?? 0 };
    const bot = await startBot(tlsServer, { tls: true, tlsInsecure: true });
    try {
      const alice = await connectUser(server, 'alice', CHANNEL, BOT);
      const before = alice.fromBot().length;
      alice.say(`${BOT}: what is pae?`);
      const [answer] = await nextFromBot(alice, before);
      expect(answer?.message.startsWith('alice: ')).toBe(true);
      await alice.close();
    } finally {
      await bot.stop();
    }
    // Without tlsInsecure the self-signed certificate is refused: the socket closes before registration.
    const strict = await startIrc(brain(), ircConfig(tlsServer, { tls: true, nick: 'hxbstrict' }), { limits: easyLimits, ignore: [], reconnectBaseMs: 60_000 });
    const client = strict.client as Client;
    let registered = false;
    let closed = false;
    client.on('registered', () => (registered = true));
    client.on('socket close', () => (closed = true));
    await waitFor(() => closed, LONG, 'the strict TLS connection to be refused');
    expect(registered).toBe(false);
    await strict.stop();
  }, 120_000);
});

describe('IRC adapter answers at once', () => {
  let server: Ngircd;
  let bot: Awaited<ReturnType<typeof startBot>>;
  let carol: User;
  // A long paste window: an answer that waited for it could not arrive within half of it.
  const WINDOW = 6000;

  beforeAll(async () => {
    server = await startNgircd({ maxPenaltyTime: 0 });
    bot = await startBot(server, { pasteWindowMs: WINDOW });
    carol = await connectUser(server, 'carol', CHANNEL, BOT);
  }, 120_000);

  afterAll(async () => {
    await carol?.close();
    await bot?.stop('test over');
    await server?.stop();
  });

  it('answers a !command and a bare addressed question without waiting for the paste window', async () => {
    for (const text of ['!version', `${BOT}: pae`, `${BOT}: memory limit for the hurd`]) {
      const before = carol.fromBot().length;
      const t0 = performance.now();
      carol.say(text);
      await nextFromBot(carol, before, 1, WINDOW / 2);
      expect(performance.now() - t0, text).toBeLessThan(WINDOW / 2);
      await quiet(carol, 300);
    }
  }, 120_000);

  it("does not merge carol's chat lines into her question", async () => {
    const before = carol.fromBot().length;
    carol.say('hmm');
    carol.say('this is annoying');
    carol.say(`${BOT}: how much memory can the hurd domU have?`);
    const [answer] = await nextFromBot(carol, before, 1, WINDOW / 2);
    expect(answer?.message, JSON.stringify(carol.fromBot().slice(before))).toMatch(/580/);
  }, 120_000);
});

describe('IRC adapter in a busy channel', () => {
  let server: Ngircd;
  let bot: Awaited<ReturnType<typeof startBot>>;
  const askers: User[] = [];

  beforeAll(async () => {
    server = await startNgircd({ maxPenaltyTime: 0 });
    // The default pacing and two lines per answer, so that a burst of questions backs up the queue.
    bot = await startBot(server, { floodBurst: 4, floodRate: 1 }, { ...easyLimits, maxLines: 2 });
    for (const nick of ['dora', 'egon']) askers.push(await connectUser(server, nick, CHANNEL, BOT));
  }, 120_000);

  afterAll(async () => {
    for (const u of askers) await u.close();
    await bot?.stop('test over');
    await server?.stop();
  });

  it('answers each question in one line while earlier answers still wait, keeping the rest for "more"', async () => {
    const [dora, egon] = askers as [User, User];
    const questions = ['how much memory can the hurd domU have?', 'which gnumach for a pae hypervisor?', 'where do i get hurd-modules?', 'how do i format the hurd partition?'];
    questions.forEach((q, i) => (i % 2 === 0 ? dora : egon).say(`${BOT}: ${q}`));
    const answered = () => askers.flatMap((u) => u.fromBot().filter((h) => askers.some((a) => h.message.startsWith(`${a.nick}: `))));
    await waitFor(() => askers.every((u) => u.fromBot().filter((h) => h.message.startsWith(`${u.nick}: `)).length >= 2), 30_000, 'four answers', 100);
    await quiet(dora, 1500);
    // Each asker sees every line of the channel: dora's view counts all of them.
    const channelLines = dora.fromBot();
    const answers = channelLines.filter((h) => askers.some((a) => h.message.startsWith(`${a.nick}: `)));
    expect(answers).toHaveLength(4);
    expect(answered().length).toBeGreaterThanOrEqual(4);
    // Only the answers the flood bucket could send at once (4 tokens: two answers) took two lines.
    expect(channelLines.length).toBeLessThanOrEqual(6);
    // The last asker's rest is still there on "more".
    const before = egon.fromBot().length;
    egon.say('!more');
    const [more] = await nextFromBot(egon, before, 1, 10_000);
    expect(more?.message).toMatch(/^egon: /);
  }, 60_000);
});

describe('IRC adapter and the maintainer store', () => {
  let server: Ngircd;
  let handle: IrcHandle;
  let store: Store;
  let bot: Client;
  const outgoing: string[] = [];

  beforeAll(async () => {
    server = await startNgircd({ maxPenaltyTime: 0 });
    store = await openStore(mkdtempSync(join(tmpdir(), 'hxb-irc-store-')));
    handle = await startIrc(createBrain({ name: BOT, store }), ircConfig(server), { limits: easyLimits, ignore: [] });
    bot = handle.client as Client;
    bot.on('raw', (ev) => {
      if (!ev.from_server) outgoing.push(ev.line);
    });
    let joined = false;
    bot.on('join', (ev) => {
      if (ev.nick === bot.user.nick) joined = true;
    });
    await waitFor(() => joined, LONG, 'the bot to join');
  }, 120_000);

  afterAll(async () => {
    await handle?.stop('test over');
    store?.close();
    await server?.stop();
  });

  it('lets a services-account admin teach a fact, and not a nick that only looks like one', async () => {
    const forged = (nick: string, message: string, account?: string) =>
      bot.emit('privmsg', { nick, ident: nick, hostname: 'h', target: CHANNEL, message, tags: {}, ...(account ? { account } : {}) });
    const mark = outgoing.length;
    forged('opsaccount', '!learn hurdbox is the public Hurd machine');
    await waitFor(() => outgoing.slice(mark).some((l) => /Only maintainers/.test(l)), LONG, 'the refusal');
    expect(store.factoid('hurdbox')).toBeUndefined();
    forged('zed', '!learn hurdbox is the public Hurd machine', 'OpsAccount');
    await waitFor(() => outgoing.slice(mark).some((l) => /Taught: hurdbox/.test(l)), LONG, 'the taught fact');
    expect(store.factoid('hurdbox')).toMatchObject({ text: 'the public Hurd machine', taughtBy: 'zed' });
    // everybody may read it, marked as taught in the channel
    forged('dora', '!whatis hurdbox');
    await waitFor(() => outgoing.slice(mark).some((l) => /hurdbox \(taught in the channel by zed\)/.test(l)), LONG, 'whatis');
    // and a non-admin cannot forget it either
    forged('dora', '!forget hurdbox');
    await new Promise((r) => setTimeout(r, 500));
    expect(store.factoid('hurdbox')).toBeDefined();
  }, 60_000);

  it('keeps a declined question for the maintainers and feedback on the last answer', async () => {
    const forged = (nick: string, message: string) => bot.emit('privmsg', { nick, ident: nick, hostname: 'h', target: CHANNEL, message, tags: {} });
    const mark = outgoing.length;
    forged('erin', `${BOT}: how do i make the hurd sing opera on my toaster?`);
    forged('erin', `${BOT}: how much memory can the hurd domU have?`);
    await waitFor(() => outgoing.slice(mark).some((l) => /580/.test(l)), LONG, 'the answer');
    forged('erin', '!wrong that is outdated');
    await waitFor(() => outgoing.slice(mark).some((l) => /Noted for the maintainers/.test(l)), LONG, 'the feedback');
    expect(store.unanswered().some((u) => /sing opera/.test(u.text))).toBe(true);
    expect(store.feedbackCounts().find((f) => f.kind === 'wrong')?.ref).toBe('memory');
  }, 60_000);
});

describe('IRC adapter: CTCP and what the server refuses', () => {
  let server: Ngircd;
  let handle: IrcHandle;
  let op: User;
  const logged: { msg: string; fields: Record<string, unknown> }[] = [];
  const MODERATED = '#quiet-room';

  beforeAll(async () => {
    server = await startNgircd({ maxPenaltyTime: 0 });
    // the first to join is the channel operator: the channel is moderated before the bot arrives
    op = await connectUser(server, 'chanop', MODERATED, BOT);
    op.client.raw('MODE', MODERATED, '+m');
    const capture = (level: string) => (fields: Record<string, unknown>, msg: string) => void logged.push({ msg: `${level}: ${msg}`, fields });
    const logger = { info: capture('info'), warn: capture('warn'), error: capture('error'), debug: () => undefined };
    handle = await startIrc(brain(), ircConfig(server, { channels: [MODERATED] }), { limits: easyLimits, ignore: [], logger } as Parameters<typeof startIrc>[2]);
    await waitFor(() => handle.state() === 'connected', LONG, 'the bot to connect');
  }, 120_000);

  afterAll(async () => {
    await op?.close();
    await handle?.stop('test over');
    await server?.stop();
  });

  it('answers CTCP VERSION through its queue, once per nick in a while', async () => {
    const replies: { type: string; message: string }[] = [];
    op.client.on('ctcp response', (ev) => {
      if (ev.nick === BOT) replies.push({ type: ev.type, message: ev.message });
    });
    op.client.ctcpRequest(BOT, 'VERSION');
    await waitFor(() => replies.some((r) => r.type === 'VERSION'), LONG, 'the VERSION reply');
    expect(replies.find((r) => r.type === 'VERSION')?.message).toMatch(/hurd-xen-bot \d+\.\d+\.\d+/);
    op.client.ctcpRequest(BOT, 'VERSION');
    await new Promise((r) => setTimeout(r, 800));
    expect(replies.filter((r) => r.type === 'VERSION')).toHaveLength(1);
  }, 60_000);

  it('logs what the server refused, with the channel, and stays connected', async () => {
    op.say(`${BOT}: how much memory can the hurd domU have?`);
    await waitFor(() => logged.some((l) => /refused/.test(l.msg) && l.fields.channel === MODERATED), LONG, 'the refusal in the log');
    expect(handle.state()).toBe('connected');
  }, 60_000);
});

describe('IRC adapter reconnects', () => {
  let server: Ngircd;
  let bot: Awaited<ReturnType<typeof startBot>>;
  const metrics = createMetrics({ processMetrics: false });

  beforeAll(async () => {
    server = await startNgircd({ maxPenaltyTime: 0 });
    bot = await startBot(server, {}, easyLimits, 60_000, metrics);
  }, 120_000);

  afterAll(async () => {
    await bot?.stop();
    await server?.stop();
  });

  it('reconnects after the server is killed and restarted, rejoins, and answers again', async () => {
    let alice = await connectUser(server, 'alice', CHANNEL, BOT);
    const before = alice.fromBot().length;
    alice.say(`${BOT}: what is pae?`);
    await nextFromBot(alice, before);
    await alice.close().catch(() => {});

    await server.kill();
    await waitFor(() => bot.closes >= 1, LONG, 'the bot to notice the drop');
    // Stay down long enough for at least one failed reconnect attempt.
    await new Promise((r) => setTimeout(r, 700));
    await server.start();

    alice = await connectUser(server, 'alice', CHANNEL, BOT);
    // Rejoined: the bot answers in the channel again.
    await waitFor(
      async () => {
        const n = alice.fromBot().length;
        alice.say(`${BOT}: what is pv-grub?`);
        await new Promise((r) => setTimeout(r, 1500));
        return alice.fromBot().length > n;
      },
      LONG,
      'an answer after the restart',
      0,
    );
    expect(alice.fromBot().at(-1)?.target).toBe(CHANNEL);
    await alice.close();
    const exposition = await metrics.render();
    expect(exposition).toMatch(/hurdxen_reconnects_total\{transport="irc"\} [1-9]/);
    expect(exposition).toMatch(/hurdxen_messages_total\{transport="irc",kind="question"\} [1-9]/);
  }, 180_000);

  it('rate-limits a user with one polite notice, then silence', async () => {
    const strict = await startBot(server, { nick: 'hxbrl', channels: ['#rl'] }, { ...easyLimits, perUser: 2 });
    const dave = await connectUser(server, 'dave', '#rl', BOT);
    try {
      for (let i = 0; i < 5; i++) dave.client.say('#rl', `hxbrl: what is pae (${i})?`);
      await waitFor(() => dave.heard.filter((h) => h.nick === 'hxbrl' && h.type === 'notice').length >= 1, LONG, 'the rate-limit notice');
      await new Promise((r) => setTimeout(r, 1000));
      const fromBot = dave.heard.filter((h) => h.nick === 'hxbrl');
      expect(fromBot.filter((h) => h.type === 'privmsg' && h.message.startsWith('dave: '))).toHaveLength(2);
      const notices = fromBot.filter((h) => h.type === 'notice');
      expect(notices).toHaveLength(1);
      expect(notices[0]?.target).toBe('dave');
    } finally {
      await dave.close();
      await strict.stop();
    }
  }, 120_000);

  it('identifies to NickServ after registering and never logs the password', async () => {
    const logged: string[] = [];
    const record = (obj: Record<string, unknown>, msg?: string) => logged.push(JSON.stringify([obj, msg]));
    const cfg = ircConfig(server, { nick: 'hxbns', nickservPassword: 'sekrit-pw' });
    const handle = await startIrc(brain(), cfg, { limits: easyLimits, ignore: [], logger: { info: record, warn: record, error: record, debug: record } });
    const client = handle.client as Client;
    const outgoing: string[] = [];
    client.on('raw', (ev) => {
      if (!ev.from_server) outgoing.push(ev.line);
    });
    try {
      await waitFor(() => outgoing.some((l) => l === 'PRIVMSG NickServ :IDENTIFY sekrit-pw'), LONG, 'the NickServ IDENTIFY');
      expect(logged.length).toBeGreaterThan(0);
      expect(logged.join('\n')).not.toContain('sekrit-pw');
    } finally {
      await handle.stop();
    }
  }, 120_000);

  it('takes an alternate nick when its own is taken, and takes it back when it frees up', async () => {
    const squatter = new irc.Client();
    let squatting = false;
    squatter.on('registered', () => (squatting = true));
    squatter.connect({ host: server.host, port: server.port, nick: 'hxbnick', username: 'sq', gecos: 'sq', auto_reconnect: false });
    await waitFor(() => squatting, LONG, 'the squatter to register');
    const second = await startBot(server, { nick: 'hxbnick', altNicks: ['hxbalt'] }, easyLimits, 300);
    try {
      expect(second.bot.user.nick).toBe('hxbalt');
      squatter.quit('bye');
      await waitFor(() => second.bot.user.nick === 'hxbnick', LONG, 'the bot to regain its nick');
    } finally {
      await second.stop();
    }
  }, 180_000);
});
