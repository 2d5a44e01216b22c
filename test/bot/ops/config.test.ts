/**
 * The configuration loader (issue 19): strict keys, every problem at once, each named by the variable or the file
 * key it came from, no silent fall-back for a bad yes/no or number, and the README's own example working.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../bot/ops/config.js';

const dir = mkdtempSync(join(tmpdir(), 'hxb-config-'));
const file = (name: string, json: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, JSON.stringify(json));
  return p;
};
const problems = (env: Record<string, string>, path?: string): string[] => {
  try {
    loadConfig(env, path);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems.map((p) => `${p.where}: ${p.message}`);
    throw e;
  }
  return [];
};

describe('loadConfig', () => {
  it('reports every unknown key at once, with the file key and a likely spelling', () => {
    const p = file('typos.json', { prefx: '!', irc: { server: 'irc.example', nickk: 'bot' } });
    const found = problems({}, p);
    expect(found).toHaveLength(2);
    expect(found).toContain(`${p}: prefx: unknown key (did you mean prefix?)`);
    expect(found).toContain(`${p}: irc.nickk: unknown key (did you mean nick?)`);
  });

  it('names the variable a bad value came from, and refuses yes/no and numbers it cannot read', () => {
    const found = problems({ IRC_SERVER: 'irc.example', IRC_TLS: 'maybe', IRC_PORT: 'abc' });
    expect(found).toEqual(expect.arrayContaining([expect.stringMatching(/^IRC_TLS: "maybe" is not a yes\/no value/), expect.stringMatching(/^IRC_PORT: "abc" is not a whole number/)]));
    expect(problems({ IRC_SERVER: 'irc.example', IRC_PORT: '99999' })).toEqual([expect.stringMatching(/^IRC_PORT: /)]);
  });

  it('does not ignore IRC settings given without a server', () => {
    expect(problems({ IRC_PORT: '6697' })).toEqual(['IRC_PORT: IRC settings without an IRC server (IRC_SERVER or irc.server)']);
  });

  it("connects with SASL when the account is in the file and the password in the environment (the README's example)", () => {
    const p = file('sasl.json', { irc: { server: 'irc.libera.chat', sasl: { mechanism: 'PLAIN', account: 'hurd-xen-bot' } } });
    const cfg = loadConfig({ IRC_SASL_PASSWORD: 'secret' }, p);
    expect(cfg.irc?.sasl).toEqual({ mechanism: 'PLAIN', account: 'hurd-xen-bot', password: 'secret' });
  });

  it('refuses a placeholder Discord token instead of connecting with it', () => {
    const p = file('placeholder.json', { discord: { token: 'set DISCORD_TOKEN instead' } });
    expect(problems({}, p)).toEqual([`${p}: discord.token: looks like a placeholder, not a bot token (tokens have no spaces); set DISCORD_TOKEN`]);
  });

  it('treats an absent default file as no configuration, an absent named one as an error', () => {
    expect(loadConfig({ BOT_CONFIG_DEFAULT: join(dir, 'absent.json') }).irc).toBeUndefined();
    expect(problems({ BOT_CONFIG: join(dir, 'absent.json') })).toEqual([`${join(dir, 'absent.json')}: cannot read it (ENOENT)`]);
  });
});
