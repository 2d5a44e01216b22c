/**
 * `node dist/bot/main.js` with IRC and Discord both configured: one network's failure never takes the other down
 * (issue 11, defect 4: a refused Discord call at start-up used to exit the whole process within a second).
 * Real ngircd, the local protocol-faithful Discord server, real HTTP to /healthz.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import irc, { type Client, type MessageEvent } from 'irc-framework';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../support/fake-discord.js';
import { startNgircd, waitFor, type Ngircd } from '../support/ngircd.js';
import { built, ROOT } from '../support/cli.js';

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((ok) => srv.listen(0, '127.0.0.1', ok));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((ok) => srv.close(() => ok()));
  return port;
}

interface Bot {
  proc: ChildProcess;
  output: () => string;
  health: () => Promise<Record<string, unknown>>;
  exited: Promise<number | null>;
}

async function startBot(env: Record<string, string>): Promise<Bot> {
  const healthPort = await freePort();
  let output = '';
  const proc = spawn(process.execPath, [resolve(ROOT, 'dist/bot/main.js')], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH, HEALTH_PORT: String(healthPort), LOG_LEVEL: 'debug', ...env },
  });
  proc.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((ok) => proc.once('exit', (code) => ok(code)));
  const health = async () => (await (await fetch(`http://127.0.0.1:${healthPort}/healthz`)).json()) as Record<string, unknown>;
  await waitFor(async () => health().then(() => true, () => false), 30_000, `health endpoint: ${output}`);
  return { proc, output: () => output, health, exited };
}

describe.runIf(built)('IRC and Discord configured together', () => {
  let server: Ngircd;
  let user: Client;
  const heard: MessageEvent[] = [];
  const bots: Bot[] = [];
  const fakes: FakeDiscord[] = [];

  beforeAll(async () => {
    server = await startNgircd({ maxPenaltyTime: 0 });
    user = new irc.Client();
    user.connect({ host: server.host, port: server.port, nick: 'alice', username: 'alice', auto_reconnect: false });
    await new Promise<void>((ok) => user.once('registered', () => ok()));
    user.join('#hurd');
    user.on('privmsg', (e: MessageEvent) => heard.push(e));
  }, 60_000);

  afterAll(async () => {
    for (const b of bots) b.proc.kill('SIGKILL');
    for (const f of fakes) await f.stop();
    user?.quit();
    await server?.stop();
  });

  const ircEnv = (nick: string) => ({ IRC_SERVER: server.host, IRC_PORT: String(server.port), IRC_TLS: 'false', IRC_NICK: nick, IRC_CHANNELS: '#hurd' });

  async function asksAndHears(nick: string): Promise<string> {
    await waitFor(
      async () => {
        if (!heard.some((h) => h.nick === nick)) user.say('#hurd', `${nick}: which TERM do i set before native-install?`);
        await new Promise((r) => setTimeout(r, 500));
        return heard.some((h) => h.nick === nick);
      },
      30_000,
      `an answer from ${nick}`,
    );
    return heard.find((h) => h.nick === nick)!.message;
  }

  it('Discord unreachable (connection refused): IRC still answers, /healthz says which network is down', async () => {
    const dead = await freePort();
    const bot = await startBot({ ...ircEnv('xenbot1'), DISCORD_TOKEN: 'some-token', DISCORD_API_BASE: `http://127.0.0.1:${dead}/api` });
    bots.push(bot);
    expect(await asksAndHears('xenbot1')).toMatch(/mach/i);
    await waitFor(async () => (await bot.health()).irc === 'connected', 15_000, 'irc connected in /healthz');
    const h = await bot.health();
    expect(h.discord).toBe('reconnecting');
    expect(h.status).toBe('degraded');
    expect(bot.proc.exitCode).toBeNull();
    expect(bot.output()).toMatch(/discord: start failed, retrying/);
  }, 90_000);

  it('a token Discord refuses: Discord fails for good, IRC keeps running', async () => {
    const strict = new FakeDiscord({ token: 'the-right-token' });
    await strict.start();
    fakes.push(strict);
    const bot = await startBot({ ...ircEnv('xenbot2'), DISCORD_TOKEN: 'a-wrong-token', DISCORD_API_BASE: strict.apiBase });
    bots.push(bot);
    await waitFor(async () => (await bot.health()).discord === 'failed', 30_000, `discord failed in /healthz: ${bot.output()}`);
    expect(await asksAndHears('xenbot2')).toMatch(/mach/i);
    expect(bot.proc.exitCode).toBeNull();
  }, 90_000);

  it('Discord alone with a refused token: nothing left to run, exit 1 with a clear line', async () => {
    const strict = new FakeDiscord({ token: 'the-right-token' });
    await strict.start();
    fakes.push(strict);
    const bot = await startBot({ DISCORD_TOKEN: 'a-wrong-token', DISCORD_API_BASE: strict.apiBase });
    bots.push(bot);
    expect(await bot.exited).toBe(1);
    expect(bot.output()).toMatch(/every configured network failed for good/);
    expect(bot.output()).not.toContain('a-wrong-token');
  }, 60_000);
});
