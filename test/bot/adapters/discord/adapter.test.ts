/**
 * The Discord adapter against the unmodified discord.js client and a loopback fake Discord that speaks the
 * real gateway and REST protocol (test/support/fake-discord.ts), with the real brain behind it.
 */
import type { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../../../store/index.js';
import { built, CLI } from '../../../support/cli.js';
import { attachmentProblem, slashArgs, startDiscord, unfence, unflattenConfig, type DiscordHandle } from '../../../../bot/adapters/discord/adapter.js';
import { createBrain } from '../../../../bot/brain/index.js';
import { createMetrics } from '../../../../bot/ops/metrics.js';
import { loadKnowledge } from '../../../../knowledge/index.js';
import type { Brain } from '../../../../bot/brain/reply.js';
import { FakeDiscord, type FakeUser, type RecordedRequest } from '../../../support/fake-discord.js';
import { SHARED } from '../../../support/eval.js';

const EVAL = `${SHARED}/eval`;
const overMemory = readFileSync(`${EVAL}/configs/bad-memory-over-580.cfg`, 'utf8');
const questions = readFileSync(`${EVAL}/questions.jsonl`, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => (JSON.parse(l) as { q: string }).q);

/** Loaded once and shared by the brains of this file. */
const knowledge = loadKnowledge({});
const ATTACHMENT_CAP = 64 * 1024;
/** Slash option types (Discord API): string, integer, boolean, attachment. */
const STRING = 3;
const INTEGER = 4;
const BOOLEAN = 5;
const ATTACHMENT = 11;
const EPHEMERAL = 64;

function makeBrain(): Brain {
  return createBrain({ name: 'hurd-xen-bot', prefix: '!', knowledge });
}

let fake: FakeDiscord;
let bot: DiscordHandle | undefined;
let alice: FakeUser;

beforeAll(async () => {
  fake = new FakeDiscord({ heartbeatIntervalMs: 2_000, token: 'fake-token' });
  await fake.start();
  alice = fake.makeUser('alice');
  bot = await startDiscord(
    makeBrain(),
    { token: 'fake-token', apiBase: fake.apiBase, registerCommands: true, maxAttachmentBytes: ATTACHMENT_CAP, unaddressedChannels: [], admins: [], guildIds: [] },
    {
      // Generous limits and no repeat suppression: this suite is about the transport, the gate has its own tests.
      limits: { perUser: 100_000, perChannel: 100_000, windowMs: 60_000, repeatWindowMs: 0, maxLines: 4 },
      ignore: ['spammer'],
      // Code up to 6000 characters is split into messages (the 5000-character case); longer code is a file.
      render: { attachCodeOver: 6_000 },
      clientOptions: {
        // Discord's own 50 requests/s client limit and 5 s identify spacing would only add stalls here.
        rest: { globalRequestsPerSecond: 1e6 },
        ws: { buildIdentifyThrottler: () => ({ waitForIdentify: async () => {} }) },
      },
    },
  );
}, 60_000);

afterAll(async () => {
  await bot?.stop();
  await fake?.stop();
});

const mention = () => `<@${fake.botUser.id}>`;

/** The reply messages (POSTs into a channel) that reference a given message. */
function repliesTo(messageId: string, from = 0): RecordedRequest[] {
  return fake.requests.slice(from).filter((r) => r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path) && messageReference(r) === messageId);
}

function messageReference(r: RecordedRequest): string | undefined {
  const ref = r.json?.message_reference as { message_id?: string } | undefined;
  return ref?.message_id;
}

/** Wait for the answer to one message, then for the bot to go quiet, and return everything it posted. */
async function answerTo(messageId: string, from: number, what: string, complete?: (posts: RecordedRequest[]) => boolean): Promise<RecordedRequest[]> {
  const posts = () => fake.requests.slice(from).filter((r) => r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path));
  await fake.waitForRequest((r) => messageReference(r) === messageId, `the reply to ${what}`, { from, timeoutMs: 20_000 });
  // A reply of several messages arrives one request at a time; on a busy machine the gaps can be long.
  if (complete) await fake.waitUntil(() => complete(posts()), `the whole reply to ${what}`, 20_000);
  await quiet();
  return posts();
}

/** Resolve once no request has arrived for `ms`. */
async function quiet(ms = 300): Promise<void> {
  for (;;) {
    const n = fake.requests.length;
    await new Promise((r) => setTimeout(r, ms));
    if (fake.requests.length === n) return;
  }
}

const contentOf = (reqs: RecordedRequest[]) => reqs.map((r) => String(r.json?.content ?? '')).join('\n');

function fenceBalanced(content: string): boolean {
  return (content.match(/```/g) ?? []).length % 2 === 0;
}

describe('Discord adapter against a protocol-faithful fake Discord', () => {
  it('logs in through GET /gateway/bot of the configured API base and registers the slash commands', async () => {
    expect(fake.requests.some((r) => r.method === 'GET' && r.path === '/gateway/bot')).toBe(true);
    expect(fake.identifies).toBe(1);
    await fake.waitUntil(() => fake.commands.size >= 11, 'slash command registration');
    expect([...fake.commands.keys()].sort()).toEqual(['ask', 'check', 'convert', 'diagnose', 'explain', 'fix', 'help', 'more', 'rules', 'sources', 'template']);
    const check = fake.commands.get('check') as { options: Array<{ name: string; type: number }> };
    expect(check.options.map((o) => [o.name, o.type])).toEqual([
      ['config', STRING],
      ['file', ATTACHMENT],
    ]);
    const template = fake.commands.get('template') as { options: Array<{ name: string; type: number }> };
    expect(template.options.find((o) => o.name === 'pae')?.type).toBe(BOOLEAN);
    expect(template.options.find((o) => o.name === 'memory')?.type).toBe(INTEGER);
  });

  it('answers a message that mentions the bot, as a reply that pings nobody', async () => {
    const from = fake.requests.length;
    const id = fake.injectMessage({ content: `${mention()} how much ram can i give the hurd domU?`, author: alice, mentions: [fake.botUser] });
    const [reply] = await answerTo(id, from, 'a mention');
    expect(String(reply!.json!.content)).toContain('580');
    expect(reply!.json!.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(reply!.headers.authorization).toBe('Bot fake-token');
  });

  it('answers the command prefix without a mention', async () => {
    const from = fake.requests.length;
    const id = fake.injectMessage({ content: '!ask where do i get gnumach-xen and hurd-modules', author: alice });
    expect(contentOf(await answerTo(id, from, 'a prefixed question'))).toMatch(/hurd-modules/i);
  });

  it('stays out of conversations that do not address it', async () => {
    const from = fake.requests.length;
    fake.injectMessage({ content: 'how much ram can i give the hurd domU?', author: alice });
    const id = fake.injectMessage({ content: `${mention()} what inode size does the hurd ext2 need`, author: alice, mentions: [fake.botUser] });
    const posts = await answerTo(id, from, 'the addressed follow-up');
    expect(posts.map(messageReference)).toEqual(posts.map(() => id));
  });

  it('answers a direct message in the DM channel', async () => {
    const from = fake.requests.length;
    fake.injectMessage({ content: 'what inode size does the hurd ext2 need', author: alice, dm: true });
    const dm = fake.dmChannelOf(alice);
    const reply = await fake.waitForRequest((r) => r.method === 'POST' && r.path === `/channels/${dm}/messages`, 'a DM reply', { from });
    expect(String(reply.json!.content)).toContain('128');
  });

  it('never answers a bot, and never answers someone on the ignore list', async () => {
    const from = fake.requests.length;
    const otherBot = fake.makeUser('otherbot', true);
    const spammer = fake.makeUser('spammer');
    fake.injectMessage({ content: `${mention()} how much ram can i give the hurd domU?`, author: otherBot, mentions: [fake.botUser] });
    fake.injectMessage({ content: '!ask how much ram can i give the hurd domU?', author: spammer });
    const id = fake.injectMessage({ content: '!ask what inode size does the hurd ext2 need', author: alice });
    const posts = await answerTo(id, from, 'the human after a bot and an ignored user');
    expect(posts.map(messageReference)).toEqual(posts.map(() => id));
  });

  it('reads a config pasted in a Markdown code block', async () => {
    const from = fake.requests.length;
    const id = fake.injectMessage({ content: `${mention()} is this right?\n\`\`\`ini\n${overMemory}\`\`\``, author: alice, mentions: [fake.botUser] });
    expect(contentOf(await answerTo(id, from, 'a pasted code block'))).toContain('memory-over-580');
  });

  it('reads an attached .cfg file, and keeps the rest of the answer for "more"', async () => {
    const from = fake.requests.length;
    const file = fake.addFile('hurd.cfg', overMemory);
    const id = fake.injectMessage({ content: '!check', author: alice, attachments: [file] });
    const posts = await answerTo(id, from, 'an attached config');
    expect(contentOf(posts)).toContain('memory-over-580');
    expect(fake.downloads).toContain(new URL(file.url).pathname);

    const next = fake.requests.length;
    const more = fake.injectMessage({ content: '!more', author: alice });
    const rest = contentOf(await answerTo(more, next, '"more"', (ps) => contentOf(ps).includes('```')));
    expect(rest).toContain('```');
    expect(rest).not.toBe(contentOf(posts));
  });

  it('does not download an attachment over the size cap or of the wrong type, and says why', async () => {
    const from = fake.requests.length;
    const big = fake.addFile('huge.log', 'x', 'text/plain', 10 * 1024 * 1024);
    const image = fake.addFile('screenshot.png', Buffer.from([0x89, 0x50, 0x4e, 0x47]), 'image/png');
    const id = fake.injectMessage({ content: `${mention()} what inode size does the hurd ext2 need`, author: alice, mentions: [fake.botUser], attachments: [big, image] });
    const text = contentOf(await answerTo(id, from, 'a message with unreadable files'));
    expect(text).toContain('huge.log: too big');
    expect(text).toContain('screenshot.png');
    expect(fake.downloads).not.toContain(new URL(big.url).pathname);
    expect(fake.downloads).not.toContain(new URL(image.url).pathname);
  });

  it('tells someone else about a topic, naming them without pinging them', async () => {
    const from = fake.requests.length;
    const id = fake.injectMessage({ content: '!tell bob about memory', author: alice });
    const [reply] = await answerTo(id, from, 'tell');
    expect(String(reply!.json!.content)).toMatch(/^bob:/);
    expect(String(reply!.json!.content)).toContain('580');
    expect(reply!.json!.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it('survives garbage: a 1 MB message of binary noise, CR/LF and NULs, and a binary attachment', async () => {
    const noise = Array.from({ length: 1_000_000 }, (_, i) => String.fromCharCode((i * 7919) % 0xd7ff)).join('');
    const from = fake.requests.length;
    const binary = fake.addFile('dump.log', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1]), 'text/plain');
    fake.injectMessage({ content: `${mention()} \r\n\0${noise}\r\n`, author: alice, mentions: [fake.botUser] });
    const withBinary = fake.injectMessage({ content: `${mention()} what inode size does the hurd ext2 need`, author: alice, mentions: [fake.botUser], attachments: [binary] });
    const text = contentOf(await answerTo(withBinary, from, 'a question after 1 MB of noise'));
    expect(text).toContain('dump.log: looks binary');
    expect(text).toContain('128');
    for (const p of fake.requests.slice(from)) if (p.json && typeof p.json.content === 'string') expect(p.json.content.length).toBeLessThan(2000);
  });

  it('splits a 5000-character answer into messages under 2000 characters with intact code fences', async () => {
    const padding = Array.from({ length: 110 }, (_, i) => `# note ${i}: keep this comment so the file stays long`).join('\n');
    const longConfig = `${padding}\n${overMemory}`;
    const from = fake.requests.length;
    const id = fake.injectMessage({ content: `!fix\n${longConfig}`, author: alice });
    const posts = await answerTo(id, from, 'a long fix', (ps) => /vif = \[ '' \]\n```/.test(contentOf(ps)));
    const contents = posts.map((p) => String(p.json!.content));
    expect(contents.join('').length).toBeGreaterThanOrEqual(5000);
    expect(contents.length).toBeGreaterThanOrEqual(3);
    for (const c of contents) {
      expect(c.length).toBeLessThan(2000);
      expect(fenceBalanced(c)).toBe(true);
    }
    // The corrected config survives the split line for line: every comment is there, in order.
    const ini = contents.flatMap((c) => [...c.matchAll(/```ini\n([\s\S]*?)\n```/g)].map((m) => m[1]!)).join('\n');
    expect(ini).toContain(padding);
    expect(ini).not.toMatch(/^memory = 1024$/m);
  });

  it('sends a corrected config that is too long for messages as a file attachment (multipart)', async () => {
    const padding = Array.from({ length: 200 }, (_, i) => `# note ${i}: keep this comment so the file stays long`).join('\n');
    const file = fake.addFile('hurd.cfg', `${padding}\n${overMemory}`);
    const from = fake.requests.length;
    const id = fake.injectMessage({ content: '!fix', author: alice, attachments: [file] });
    const posts = await answerTo(id, from, 'a fix with a long attached config', (ps) => ps.some((p) => p.files.length > 0));
    const files = posts.flatMap((p) => p.files);
    expect(files.length).toBeGreaterThanOrEqual(1);
    const corrected = files.find((f) => f.text.includes(padding));
    expect(corrected).toBeDefined();
    expect(corrected!.text).not.toMatch(/^memory = 1024$/m);
    for (const p of posts) expect(p.json!.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it('does not ping @everyone, roles or users named in a question', async () => {
    const from = fake.requests.length;
    const id = fake.injectMessage({
      content: `${mention()} !diagnose Error: @everyone <@&${fake.guildId}> <@${alice.id}> @here something odd happened`,
      author: alice,
      mentions: [fake.botUser, alice],
    });
    const posts = await answerTo(id, from, 'a question full of mentions');
    for (const p of posts) {
      expect(p.json!.allowed_mentions).toEqual({ parse: [], replied_user: false });
      expect(String(p.json!.content)).not.toMatch(/@everyone|@here|<@&\d|<@!?\d/);
    }
  });

  it('answers slash commands: /ask as an interaction response', async () => {
    const from = fake.requests.length;
    const { id } = fake.injectSlash({ name: 'ask', author: alice, options: [{ name: 'question', type: STRING, value: 'how much ram can i give the hurd domU?' }] });
    const cb = await fake.waitForRequest((r) => r.path.startsWith(`/interactions/${id}/`), '/ask callback', { from });
    expect(cb.json!.type).toBe(4);
    const data = cb.json!.data as { content: string; allowed_mentions: unknown; flags?: number };
    expect(data.content).toContain('580');
    expect(data.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect((data.flags ?? 0) & EPHEMERAL).toBe(0);
    expect(cb.headers.authorization).toBeUndefined();
  });

  it('answers /template with typed options as an ini code block', async () => {
    const from = fake.requests.length;
    const { id } = fake.injectSlash({
      name: 'template',
      author: alice,
      options: [
        { name: 'boot', type: STRING, value: 'direct' },
        { name: 'pae', type: BOOLEAN, value: true },
        { name: 'dialect', type: STRING, value: 'xl' },
        { name: 'name', type: STRING, value: 'gnu' },
        { name: 'memory', type: INTEGER, value: 384 },
      ],
    });
    const cb = await fake.waitForRequest((r) => r.path.startsWith(`/interactions/${id}/`), '/template callback', { from });
    const content = (cb.json!.data as { content: string }).content;
    expect(content).toMatch(/```ini\n[\s\S]*memory\s*=\s*384[\s\S]*```/);
    expect(content).toMatch(/name\s*=\s*["']gnu["']/);
    expect(content).toContain('gnumach-xen-pae');
  });

  it('answers /check with an attached file: deferred, then the edited original response', async () => {
    const from = fake.requests.length;
    const file = fake.addFile('hurd.cfg', overMemory);
    const { id, token } = fake.injectSlash({ name: 'check', author: alice, options: [{ name: 'file', type: ATTACHMENT, value: file }] });
    const deferred = await fake.waitForRequest((r) => r.path.startsWith(`/interactions/${id}/`), '/check deferral', { from });
    expect(deferred.json!.type).toBe(5);
    const edit = await fake.waitForRequest((r) => r.method === 'PATCH' && r.path === `/webhooks/${fake.applicationId}/${token}/messages/@original`, '/check answer', { from });
    expect(String(edit.json!.content)).toContain('memory-over-580');
    expect(edit.json!.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it('answers interaction errors ephemerally (flags 64): a file it cannot read, an unknown command', async () => {
    const from = fake.requests.length;
    const image = fake.addFile('disk.img', Buffer.from([0, 1, 2, 3]), 'application/x-raw-disk-image');
    const bad = fake.injectSlash({ name: 'check', author: alice, options: [{ name: 'file', type: ATTACHMENT, value: image }] });
    const unknown = fake.injectSlash({ name: 'frobnicate', author: alice });
    for (const [i, what] of [
      [bad, 'the unreadable file'],
      [unknown, 'the unknown command'],
    ] as const) {
      const cb = await fake.waitForRequest((r) => r.path.startsWith(`/interactions/${i.id}/`), `ephemeral error for ${what}`, { from });
      expect(cb.json!.type).toBe(4);
      const data = cb.json!.data as { content: string; flags: number };
      expect(data.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(data.content.length).toBeGreaterThan(0);
    }
    const badData = (await fake.waitForRequest((r) => r.path.startsWith(`/interactions/${bad.id}/`), 'bad file', { from })).json!.data as { content: string };
    expect(badData.content).toContain('disk.img');
    expect(fake.downloads).not.toContain(new URL(image.url).pathname);
  });

  it('resumes after the gateway drops, and answers what was said while it was away', async () => {
    for (const how of [{ code: 4000 }, 'terminate', 'op 7 reconnect'] as const) {
      const resumes = fake.resumes;
      const identifies = fake.identifies;
      const from = fake.requests.length;
      if (how === 'op 7 reconnect') {
        fake.sendOp(7);
        await fake.waitUntil(() => !fake.isLive, 'the client to close after op 7');
      } else fake.dropConnection(how);
      // Sent while the client is disconnected: the fake queues them and replays them on RESUME.
      const ids = [
        fake.injectMessage({ content: '!ask how much ram can i give the hurd domU?', author: alice }),
        fake.injectMessage({ content: '!ask what inode size does the hurd ext2 need', author: alice }),
        fake.injectMessage({ content: `${mention()} where do i get gnumach-xen and hurd-modules`, author: alice, mentions: [fake.botUser] }),
      ];
      await fake.waitUntil(() => fake.resumes > resumes && fake.isLive, `RESUME after ${JSON.stringify(how)}`, 20_000);
      for (const id of ids) await fake.waitForRequest((r) => messageReference(r) === id, `the replayed message ${id}`, { from, timeoutMs: 20_000 });
      await quiet();
      // Each missed event answered exactly once, and the session was resumed, not re-identified.
      for (const id of ids) expect(repliesTo(id, from).length).toBeGreaterThanOrEqual(1);
      expect(new Set(ids.map((id) => String(repliesTo(id, from)[0]!.json!.content))).size).toBe(3);
      expect(fake.identifies).toBe(identifies);
    }
  }, 60_000);

  it('answers 200 questions and 100 /ask commands through the gateway; answer latency p50/p99 is logged', async () => {
    const latencies: number[] = [];
    const asker = fake.makeUser('bench');
    for (let i = 0; i < 200; i++) {
      const q = questions[i % questions.length]!;
      const from = fake.requests.length;
      const sent = performance.now();
      const id = fake.injectMessage({ content: `${mention()} ${q}`, author: asker, mentions: [fake.botUser] });
      const reply = await fake.waitForRequest((r) => messageReference(r) === id, `answer ${i} (${q})`, { from, timeoutMs: 20_000 });
      latencies.push(reply.at - sent);
    }
    const slash: number[] = [];
    for (let i = 0; i < 100; i++) {
      const q = questions[(i + 7) % questions.length]!;
      const from = fake.requests.length;
      const sent = performance.now();
      const { id } = fake.injectSlash({ name: 'ask', author: asker, options: [{ name: 'question', type: STRING, value: q }] });
      const cb = await fake.waitForRequest((r) => r.path.startsWith(`/interactions/${id}/`), `/ask ${i} (${q})`, { from, timeoutMs: 20_000 });
      slash.push(cb.at - sent);
    }
    // The brain alone on the same questions, to tell its share from the transport's.
    const alone: number[] = [];
    const brain = makeBrain();
    for (let i = 0; i < 200; i++) {
      const t = performance.now();
      brain.handle({ text: questions[i % questions.length]!, author: 'bench', channel: 'c', transport: 'discord', addressed: true });
      alone.push(performance.now() - t);
    }
    const summary = (xs: number[]) => {
      const sorted = [...xs].sort((a, b) => a - b);
      const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
      return `p50 ${pct(50).toFixed(1)} ms, p99 ${pct(99).toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms`;
    };
    console.log(`discord answer latency, ${latencies.length} mentioned questions (MESSAGE_CREATE -> reply POST): ${summary(latencies)}`);
    console.log(`discord answer latency, ${slash.length} /ask commands (INTERACTION_CREATE -> callback POST): ${summary(slash)}`);
    console.log(`brain.handle alone on the same questions: ${summary(alone)}`);
    expect(latencies).toHaveLength(200);
    expect(slash).toHaveLength(100);
  }, 180_000);

  it('sent no payload in the whole session that could ping anyone', () => {
    const payloads = fake.requests.filter((r) => r.json && typeof r.json.content === 'string');
    expect(payloads.length).toBeGreaterThan(20);
    for (const r of payloads) {
      expect(r.json!.allowed_mentions).toEqual({ parse: [], replied_user: false });
      expect(String(r.json!.content)).not.toMatch(/@everyone|@here|<@&\d/);
    }
    const callbacks = fake.requests.filter((r) => r.path.endsWith('/callback') && (r.json?.data as { content?: string } | undefined)?.content);
    for (const r of callbacks) expect((r.json!.data as { allowed_mentions: unknown }).allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(fake.heartbeats).toBeGreaterThan(0);
  });
});

describe('Discord adapter and the maintainer store', () => {
  let f: FakeDiscord;
  let handle: DiscordHandle | undefined;
  let store: Store;
  const MAINTAINER_ROLE = '990000000000000077';

  beforeAll(async () => {
    f = new FakeDiscord({ roles: [{ id: MAINTAINER_ROLE, name: 'hurd-maintainers' }] });
    await f.start();
    store = await openStore(mkdtempSync(join(tmpdir(), 'hxb-discord-store-')));
    handle = await startDiscord(
      createBrain({ name: 'hurd-xen-bot', prefix: '!', knowledge, store }),
      { token: 't', apiBase: f.apiBase, registerCommands: false, maxAttachmentBytes: ATTACHMENT_CAP, unaddressedChannels: [], admins: [MAINTAINER_ROLE], guildIds: [] },
      { limits: { perUser: 1000, perChannel: 1000, windowMs: 60_000, repeatWindowMs: 0, maxLines: 4 }, ignore: [], clientOptions: { rest: { globalRequestsPerSecond: 1e6 } } },
    );
  }, 60_000);

  afterAll(async () => {
    await handle?.stop();
    await f?.stop();
    store?.close();
  });

  it('lets a member with a maintainer role teach, and refuses everybody else', async () => {
    const from = f.requests.length;
    const plain = f.makeUser('plainuser');
    const refused = f.injectMessage({ content: '!learn hurdbox is the public Hurd machine', author: plain });
    await f.waitForRequest((r) => (r.json?.message_reference as { message_id?: string } | undefined)?.message_id === refused, 'the refusal', { from });
    expect(store.factoid('hurdbox')).toBeUndefined();
    const maint = f.makeUser('maint');
    const taught = f.injectMessage({ content: '!learn hurdbox is the public Hurd machine', author: maint, roles: [MAINTAINER_ROLE] });
    const reply = await f.waitForRequest((r) => (r.json?.message_reference as { message_id?: string } | undefined)?.message_id === taught, 'the taught fact', { from });
    expect(String(reply.json?.content)).toMatch(/Taught: hurdbox/);
    expect(store.factoid('hurdbox')?.taughtBy).toBe('maint');
  }, 60_000);
});

describe('Discord adapter: set-up as the discord.js guide has it', () => {
  let f: FakeDiscord;
  let handle: DiscordHandle | undefined;
  const GUILD_FOR_TRYING = '990000000000000123';

  beforeAll(async () => {
    f = new FakeDiscord();
    await f.start();
    handle = await startDiscord(
      makeBrain(),
      { token: 't', apiBase: f.apiBase, registerCommands: true, maxAttachmentBytes: ATTACHMENT_CAP, unaddressedChannels: [], admins: [], guildIds: [GUILD_FOR_TRYING] },
      { limits: { perUser: 1000, perChannel: 1000, windowMs: 60_000, repeatWindowMs: 0, maxLines: 4 }, ignore: [], clientOptions: { rest: { globalRequestsPerSecond: 1e6 } } },
    );
  }, 60_000);

  afterAll(async () => {
    await handle?.stop();
    await f?.stop();
  });

  it('registers the slash commands in the configured guild only (they appear at once), not globally', () => {
    const puts = f.requests.filter((r) => r.method === 'PUT' && r.path.endsWith('/commands'));
    expect(puts.map((r) => r.path)).toEqual([`/applications/${f.applicationId}/guilds/${GUILD_FOR_TRYING}/commands`]);
  });

  it('shows what it is for in its presence', async () => {
    await f.waitUntil(() => f.received.some((fr) => fr.op === 3), 'a presence update', 10_000);
    const presence = f.received.find((fr) => fr.op === 3)!.d as { activities: { name: string; type: number }[] };
    expect(presence.activities[0]).toMatchObject({ name: 'for xl errors · /help', type: 3 });
  });

  it.runIf(built)('registers the commands from the command line too (discord-deploy), in a guild', async () => {
    const before = f.requests.length;
    // spawned asynchronously: the fake Discord answers from this very process
    const { execFile } = await import('node:child_process');
    const r = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(process.execPath, [CLI, 'discord-deploy', '--guild', '990000000000000555'], { env: { ...process.env, DISCORD_TOKEN: 't', DISCORD_API_BASE: f.apiBase, BOT_CONFIG: '' }, timeout: 30_000 }, (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      ),
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/registered 11 commands in guild 990000000000000555/);
    expect(f.requests.slice(before).some((q) => q.method === 'PUT' && q.path === `/applications/${f.applicationId}/guilds/990000000000000555/commands`)).toBe(true);
  });
});

describe('Discord adapter: a deferred answer that turns out private', () => {
  let f: FakeDiscord;
  let handle: DiscordHandle | undefined;

  beforeAll(async () => {
    f = new FakeDiscord();
    await f.start();
    handle = await startDiscord(
      makeBrain(),
      { token: 't', apiBase: f.apiBase, registerCommands: false, maxAttachmentBytes: ATTACHMENT_CAP, unaddressedChannels: [], admins: [], guildIds: [] },
      // one answer per person per minute: the second /check is refused, privately
      { limits: { perUser: 1, perChannel: 1000, windowMs: 60_000, repeatWindowMs: 0, maxLines: 4 }, ignore: [], clientOptions: { rest: { globalRequestsPerSecond: 1e6 } } },
    );
  }, 60_000);

  afterAll(async () => {
    await handle?.stop();
    await f?.stop();
  });

  it('is never edited into the public deferral: the deferral is deleted and the answer follows privately', async () => {
    const user = f.makeUser('ratey');
    const file = f.addFile('hurd.cfg', 'memory = 1024\n');
    const first = f.injectSlash({ name: 'check', author: user, options: [{ name: 'file', type: 11, value: file }] });
    await f.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(first.token), 'the first answer');
    const from = f.requests.length;
    const second = f.injectSlash({ name: 'check', author: user, options: [{ name: 'file', type: 11, value: file }] });
    const followUp = await f.waitForRequest((r) => r.method === 'POST' && r.path === `/webhooks/${f.applicationId}/${second.token}`, 'the private answer', { from });
    expect((followUp.json?.flags as number) & 64).toBe(64);
    const mine = f.requests.slice(from).filter((r) => r.path.includes(second.token));
    expect(mine.some((r) => r.method === 'DELETE' && r.path.endsWith('/messages/@original'))).toBe(true);
    expect(mine.some((r) => r.method === 'PATCH')).toBe(false);
  }, 60_000);
});

describe('Discord adapter: known errors pasted without addressing the bot', () => {
  const paeError = readFileSync(`${EVAL}/logs/010-pae-xm3-nonpae-gnumach-on-pae-xen.txt`, 'utf8');
  let quietFake: FakeDiscord;
  let quietBot: DiscordHandle | undefined;
  const metrics = createMetrics({ processMetrics: false });

  beforeAll(async () => {
    quietFake = new FakeDiscord();
    await quietFake.start();
    quietBot = await startDiscord(
      makeBrain(),
      // Configured by name, as people write it; the adapter resolves it to the channel id.
      { token: 't', apiBase: quietFake.apiBase, registerCommands: false, maxAttachmentBytes: ATTACHMENT_CAP, unaddressedChannels: ['#hurd-xen'], admins: [], guildIds: [] },
      {
        limits: { perUser: 1000, perChannel: 1000, windowMs: 60_000, repeatWindowMs: 0, maxLines: 4 },
        ignore: [],
        metrics,
        clientOptions: { rest: { globalRequestsPerSecond: 1e6 } },
      },
    );
  }, 60_000);

  afterAll(async () => {
    await quietBot?.stop();
    await quietFake?.stop();
  });

  it('points at it once in a channel where that is switched on, and nowhere else', async () => {
    const bob = quietFake.makeUser('bob');
    const elsewhere = quietFake.injectMessage({ content: paeError, author: bob, channelId: quietFake.otherChannelId });
    const pasted = quietFake.injectMessage({ content: paeError, author: bob });
    const again = quietFake.injectMessage({ content: paeError, author: bob });
    const chatter = quietFake.injectMessage({ content: 'anyone around?', author: bob });
    // An addressed question marks the end: everything before it has been handled when its answer arrives.
    const barrier = quietFake.injectMessage({ content: '!ask what inode size does the hurd ext2 need', author: bob });
    await quietFake.waitForRequest((r) => (r.json?.message_reference as { message_id?: string } | undefined)?.message_id === barrier, 'the barrier answer');
    const posts = quietFake.requests.filter((r) => r.method === 'POST' && /\/messages$/.test(r.path));
    const answered = (id: string) => posts.filter((r) => (r.json?.message_reference as { message_id?: string } | undefined)?.message_id === id);
    expect(answered(pasted)).toHaveLength(1);
    expect(String(answered(pasted)[0]!.json!.content)).toMatch(/pae/i);
    expect(answered(elsewhere)).toHaveLength(0);
    expect(answered(again)).toHaveLength(0);
    expect(answered(chatter)).toHaveLength(0);
  });

  it('counts the exchanges it handled in the metrics, labelled discord', async () => {
    const text = await metrics.render();
    expect(text).toMatch(/hurdxen_messages_total\{transport="discord",kind="log"\} [1-9]/);
    expect(text).toMatch(/hurdxen_replies_total\{transport="discord",kind="\w+"\} [1-9]/);
  });
});

describe('Discord adapter start-up', () => {
  it('fails to start with a token the API refuses, and leaves nothing running', async () => {
    const strict = new FakeDiscord({ token: 'the-right-token' });
    await strict.start();
    try {
      const limits = { perUser: 6, perChannel: 20, windowMs: 60_000, repeatWindowMs: 0, maxLines: 4 };
      const cfg = { token: 'a-wrong-token', apiBase: strict.apiBase, registerCommands: false, maxAttachmentBytes: 1024, unaddressedChannels: [], admins: [], guildIds: [] };
      const brain: Brain = { name: 'b', prefix: '!', version: '0', handle: () => null };
      await expect(startDiscord(brain, cfg, { limits, ignore: [], readyTimeoutMs: 10_000 })).rejects.toThrow();
      expect(strict.connections).toBe(0);
    } finally {
      await strict.stop();
    }
  });
});

describe('Discord adapter: rate limits', () => {
  it('gives one polite notice when someone asks too fast, then stays quiet', async () => {
    const f = new FakeDiscord();
    await f.start();
    const handle = await startDiscord(
      makeBrain(),
      { token: 't', apiBase: f.apiBase, registerCommands: false, maxAttachmentBytes: 1024, unaddressedChannels: [], admins: [], guildIds: [] },
      { limits: { perUser: 2, perChannel: 100, windowMs: 60_000, repeatWindowMs: 0, maxLines: 4 }, ignore: [], clientOptions: { rest: { globalRequestsPerSecond: 1e6 } } },
    );
    try {
      const carol = f.makeUser('carol');
      const ids = ['how much ram can i give the hurd domU?', 'what inode size does the hurd ext2 need', 'how do i start the hurd vm with xm', 'where do i get gnumach-xen and hurd-modules'].map(
        (q) => f.injectMessage({ content: `!ask ${q}`, author: carol }),
      );
      const barrier = f.injectMessage({ content: '!ask how much ram can i give the hurd domU?', author: f.makeUser('dave') });
      await f.waitForRequest((r) => (r.json?.message_reference as { message_id?: string } | undefined)?.message_id === barrier, 'the barrier answer');
      const replyTo = (id: string) => f.requests.filter((r) => (r.json?.message_reference as { message_id?: string } | undefined)?.message_id === id);
      expect(replyTo(ids[0]!)).toHaveLength(1);
      expect(replyTo(ids[1]!)).toHaveLength(1);
      expect(String(replyTo(ids[2]!)[0]!.json!.content)).toMatch(/faster than I can answer/);
      expect(replyTo(ids[3]!)).toHaveLength(0);
    } finally {
      await handle.stop();
      await f.stop();
    }
  }, 30_000);
});

describe('Discord adapter shutdown', () => {
  it('stops cleanly even when asked to while the gateway is reconnecting (no retry loop left behind)', async () => {
    const f = new FakeDiscord();
    await f.start();
    try {
      const limits = { perUser: 6, perChannel: 20, windowMs: 60_000, repeatWindowMs: 0, maxLines: 4 };
      const cfg = { token: 't', apiBase: f.apiBase, registerCommands: false, maxAttachmentBytes: 1024, unaddressedChannels: [], admins: [], guildIds: [] };
      const brain: Brain = { name: 'b', prefix: '!', version: '0', handle: () => null };
      const handle = await startDiscord(brain, cfg, { limits, ignore: [] });
      const reconnecting = new Promise((r) => (handle.client as EventEmitter).once('shardReconnecting', r));
      f.dropConnection({ code: 4000 });
      await reconnecting;
      await handle.stop();
      const after = f.connections;
      await new Promise((r) => setTimeout(r, 1_500));
      // discord.js retries every 500 ms when destroyed mid-reconnect; none of that may happen after stop().
      expect(f.connections).toBe(after);
    } finally {
      await f.stop();
    }
  }, 30_000);
});

describe('Discord input helpers', () => {
  it('unfence keeps the words and the pasted text, without the fences', () => {
    expect(unfence('my config:\n```ini\nmemory = 512\n```\nthanks')).toBe('my config:\n\nmemory = 512\n\nthanks');
    expect(unfence('```memory = 512```')).toBe('memory = 512');
  });

  it('unflattenConfig puts each assignment of a one-line config back on its own line', () => {
    expect(unflattenConfig(`kernel = "/boot/gnumach-xen-pae" memory = 1024 disk = ['phy:sda4,hda,w', 'file:/x y,hdb,r'] extra = "root=device:hd0"`)).toBe(
      `kernel = "/boot/gnumach-xen-pae"\nmemory = 1024\ndisk = ['phy:sda4,hda,w', 'file:/x y,hdb,r']\nextra = "root=device:hd0"`,
    );
    expect(unflattenConfig('a = 1\nb = 2')).toBe('a = 1\nb = 2');
  });

  it('attachmentProblem accepts text configs and logs, refuses big or non-text files before download', () => {
    const a = (name: string, contentType: string | null, size = 100) => ({ name, size, url: 'https://cdn.discordapp.com/attachments/1/2/x', contentType });
    expect(attachmentProblem(a('hurd.cfg', null), 1024)).toBeNull();
    expect(attachmentProblem(a('xl.log', 'text/plain; charset=utf-8'), 1024)).toBeNull();
    expect(attachmentProblem(a('hurd', 'text/plain'), 1024)).toBeNull();
    expect(attachmentProblem(a('notes.txt', 'application/octet-stream'), 1024)).toBeNull();
    expect(attachmentProblem(a('hurd.cfg', null, 2048), 1024)).toMatch(/too big/);
    expect(attachmentProblem(a('photo.png', 'image/png'), 1024)).toMatch(/text files/);
    expect(attachmentProblem(a('hurd.cfg', 'image/png'), 1024)).toMatch(/text files/);
    // Only Discord's CDN, or the host of the configured API base, is ever fetched.
    const elsewhere = { name: 'hurd.cfg', size: 10, url: 'http://169.254.169.254/latest/meta-data', contentType: null };
    expect(attachmentProblem(elsewhere, 1024)).toMatch(/not a Discord attachment/);
    expect(attachmentProblem({ ...elsewhere, url: 'http://127.0.0.1:9/a/hurd.cfg' }, 1024, 'http://127.0.0.1:9/api')).toBeNull();
  });

  it('slashArgs passes typed options as they came, a one-line config put back on lines', () => {
    const opts: Record<string, string | number | boolean> = { boot: 'pvgrub', pae: false, dialect: 'xm', name: 'my hurd', memory: 256 };
    expect(slashArgs('template', (o) => opts[o] ?? null)).toEqual({ boot: 'pvgrub', pae: false, dialect: 'xm', name: 'my hurd', memory: 256 });
    expect(slashArgs('ask', (o) => (o === 'question' ? 'what is pv-grub' : null))).toEqual({ question: 'what is pv-grub' });
    expect(slashArgs('convert', (o) => (o === 'config' ? 'memory = 256 name = "hurd"' : null))).toEqual({ config: 'memory = 256\nname = "hurd"' });
    expect(slashArgs('help', () => null)).toEqual({});
    expect(() => slashArgs('nope', () => null)).toThrow(/unknown command/);
    // maintainer commands are no slash commands
    expect(() => slashArgs('learn', () => null)).toThrow(/unknown command/);
  });
});
