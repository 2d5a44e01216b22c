import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NETWORKS } from '../../../bot/adapters/registry.js';
import { configSchema, loadConfig } from '../../../bot/ops/config.js';

describe('the network registry: every network declares its own configuration and start', () => {
  it('lists each network once, by the key of its configuration section', () => {
    const keys = NETWORKS.map((n) => n.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(['irc', 'discord']);
  });

  it('makes each network\'s section part of the configuration schema', () => {
    const shape = configSchema.shape as Record<string, unknown>;
    for (const n of NETWORKS) expect(shape[n.key]).toBeDefined();
  });

  it('leaves a network out when nothing asks for it, and reads its variables when something does', () => {
    expect(loadConfig({}, undefined)).toMatchObject({ irc: undefined, discord: undefined });
    const cfg = loadConfig({ IRC_SERVER: '127.0.0.1', IRC_CHANNELS: '#hurd,#xen', DISCORD_TOKEN: 'abc.def' }, undefined);
    expect(cfg.irc).toMatchObject({ server: '127.0.0.1', channels: ['#hurd', '#xen'] });
    expect(cfg.discord).toMatchObject({ token: 'abc.def' });
  });

  it('names the network\'s own problems by the variable they came from', () => {
    expect(() => loadConfig({ IRC_PORT: '6697' }, undefined)).toThrow(/IRC_PORT: IRC settings without an IRC server/);
    expect(() => loadConfig({ DISCORD_TOKEN: 'your token here' }, undefined)).toThrow(/DISCORD_TOKEN: looks like a placeholder/);
  });

  it('imports no network library up front: the registry and each network.ts import only light modules', () => {
    // A static import of irc-framework or discord.js here would load it for every start, configured or not.
    const root = join(import.meta.dirname, '..', '..', '..', 'bot', 'adapters');
    const files = ['registry.ts', 'network.ts', ...NETWORKS.map((n) => join(n.key, 'network.ts'))];
    for (const f of files) {
      const staticImports = readFileSync(join(root, f), 'utf8').split('\n').filter((l) => /^import\s(?!type\b)/.test(l));
      expect(staticImports.filter((l) => /irc-framework|discord\.js|\/adapter\.js/.test(l)), f).toEqual([]);
    }
  });
});
