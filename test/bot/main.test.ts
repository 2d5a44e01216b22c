/**
 * `node dist/bot/main.js` as deployed: IRC configured only through the environment variables that
 * deployment scripts use, a real ngircd, a real irc-framework user; SIGTERM ends it with QUIT.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import irc, { type Client, type MessageEvent } from 'irc-framework';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNgircd, waitFor, type Ngircd } from '../support/ngircd.js';
import { built, ROOT } from '../support/cli.js';

describe.runIf(built)('npm start with IRC configured by environment', () => {
  let server: Ngircd;
  let bot: ChildProcess;
  let user: Client;
  const heard: MessageEvent[] = [];
  let quits = 0;
  let output = '';

  beforeAll(async () => {
    server = await startNgircd({ maxPenaltyTime: 0 });
    bot = spawn(process.execPath, [resolve(ROOT, 'dist/bot/main.js')], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH,
        IRC_SERVER: server.host,
        IRC_PORT: String(server.port),
        IRC_TLS: 'false',
        IRC_NICK: 'xenbot',
        IRC_CHANNELS: '#hurd,#hurd-xen',
        IRC_NICKSERV_PASSWORD: 'hunter2-never-logged',
        LOG_LEVEL: 'debug',
      },
    });
    bot.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    bot.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    user = new irc.Client();
    user.connect({ host: server.host, port: server.port, nick: 'alice', username: 'alice', auto_reconnect: false });
    await new Promise<void>((ok) => user.once('registered', () => ok()));
    user.join('#hurd');
    user.on('privmsg', (e: MessageEvent) => {
      if (e.nick === 'xenbot') heard.push(e);
    });
    user.on('quit', (e: { nick: string }) => {
      if (e.nick === 'xenbot') quits++;
    });
    await waitFor(() => output.includes('hurd-xen-bot running'), 30_000, `bot running: ${output}`);
  }, 120_000);

  afterAll(async () => {
    bot?.kill('SIGKILL');
    user?.quit();
    await server?.stop();
  });

  it('joins the channels from IRC_CHANNELS and answers a question addressed to IRC_NICK', async () => {
    // the bot's JOIN may land after alice's: ask until the bot is in the channel
    await waitFor(async () => {
      if (heard.length === 0) user.say('#hurd', 'xenbot: which TERM do i set before native-install?');
      await new Promise((r) => setTimeout(r, 500));
      return heard.length > 0;
    }, 30_000, 'an answer');
    expect(heard[0]!.target).toBe('#hurd');
    expect(heard[0]!.message).toMatch(/mach/i);
  });

  it('never logs the NickServ password', () => {
    expect(output).not.toContain('hunter2-never-logged');
  });

  it('quits IRC and exits 0 within 10 s of SIGTERM', async () => {
    const exited = new Promise<number | null>((ok) => bot.once('exit', (code) => ok(code)));
    const t0 = Date.now();
    bot.kill('SIGTERM');
    const code = await exited;
    expect(code).toBe(0);
    expect(Date.now() - t0).toBeLessThan(10_000);
    await waitFor(() => quits > 0, 5_000, 'QUIT seen by the channel');
  });
});
