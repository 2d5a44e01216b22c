/** Talking to the bot from the command line: reply (one message, or JSON lines), ask, chat, and the maintainer's unanswered list; discord-deploy. */
import { CommanderError } from 'commander';
import { dataDir, InputError, out, replyJson, storeOrNothing, wikiDir } from './io.js';

export async function runReply(opts: { jsonl?: boolean; name?: string; prefix?: string }, words: string[]): Promise<number> {
  const { createBrain } = await import('../brain/index.js');
  const brain = createBrain({ name: opts.name, prefix: opts.prefix });
  if (!opts.jsonl) {
    const text = words.join(' ');
    if (!text) throw new CommanderError(2, 'usage', 'reply: give a message, or --jsonl to read JSON lines from stdin');
    out(JSON.stringify(await replyJson(brain.handle({ text, author: 'cli', channel: 'cli', transport: 'cli', addressed: true }))));
    return 0;
  }
  const { createInterface } = await import('node:readline');
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let n = 0;
  for await (const line of rl) {
    n++;
    if (line.trim() === '') continue;
    let input: unknown;
    try {
      input = JSON.parse(line);
    } catch (e) {
      out(JSON.stringify({ error: `line ${n}: not JSON: ${(e as Error).message}`, line: n }));
      continue;
    }
    const o = input as { text?: unknown; author?: unknown; channel?: unknown };
    if (typeof o !== 'object' || o === null || typeof o.text !== 'string') {
      out(JSON.stringify({ error: `line ${n}: expected {"text": string, "author"?: string, "channel"?: string}`, line: n }));
      continue;
    }
    const author = typeof o.author === 'string' ? o.author : 'cli';
    const channel = typeof o.channel === 'string' ? o.channel : 'cli';
    out(JSON.stringify(await replyJson(brain.handle({ text: o.text, author, channel, transport: 'cli', addressed: true }))));
  }
  return 0;
}

/** `--var n=2`: a variable of the xm command line; integers stay integers, as xm's checkers make them. */
export async function runDiscordDeploy(opts: { guild?: string[] }): Promise<number> {
  const { loadConfig, ConfigError } = await import('../ops/config.js');
  let cfg;
  try {
    cfg = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) throw new InputError(e.message);
    throw e;
  }
  if (!cfg.discord) throw new InputError('no Discord token: set DISCORD_TOKEN (or discord.token in the config file)');
  const djs = await import('discord.js');
  const { slashCommandData } = await import('../adapters/discord/adapter.js');
  const rest = new djs.REST({ version: '10', ...(cfg.discord.apiBase ? { api: cfg.discord.apiBase } : {}) }).setToken(cfg.discord.token);
  const app = (await rest.get(djs.Routes.currentApplication())) as { id: string };
  const commands = slashCommandData(djs);
  const guilds = opts.guild && opts.guild.length > 0 ? opts.guild : cfg.discord.guildIds;
  try {
    if (guilds.length > 0) {
      for (const g of guilds) await rest.put(djs.Routes.applicationGuildCommands(app.id, g), { body: commands });
      out(`registered ${commands.length} commands in guild${guilds.length > 1 ? 's' : ''} ${guilds.join(', ')}`);
    } else {
      await rest.put(djs.Routes.applicationCommands(app.id), { body: commands });
      out(`registered ${commands.length} commands globally (they may take up to an hour to appear)`);
    }
  } finally {
    // the REST client's sweepers and keep-alive sockets would hold a one-shot command open
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
  return 0;
}

export async function runUnanswered(opts: { json?: boolean; limit?: string; dataDir?: string }): Promise<number> {
  const dir = dataDir(opts.dataDir);
  const { openStore } = await import('../../store/index.js');
  let store;
  try {
    store = await openStore(dir);
  } catch (e) {
    throw new InputError((e as Error).message);
  }
  try {
    const rows = store.unanswered(Number.parseInt(opts.limit ?? '100', 10) || 100);
    if (opts.json) out(JSON.stringify(rows, null, 2));
    else if (rows.length === 0) out('nothing unanswered');
    else for (const r of rows) out(`${r.count}\t${r.kind}\t${new Date(r.lastSeen).toISOString()}\t${r.transport}:${r.channel}\t${r.text.replace(/\s+/g, ' ').slice(0, 300)}`);
  } finally {
    store.close();
  }
  return 0;
}

export async function runAsk(words: string[], opts: { json?: boolean; wikiDir?: string }): Promise<number> {
  const question = words.join(' ');
  const wiki = wikiDir(opts.wikiDir);
  const { createBrain } = await import('../brain/index.js');
  const store = await storeOrNothing(dataDir());
  const brain = createBrain({ ...(wiki ? { wikiDir: wiki } : {}), ...(store ? { store } : {}) });
  const reply = brain.handle({ text: question, author: 'cli', channel: 'cli', transport: 'cli', addressed: true });
  if (opts.json) out(JSON.stringify(await replyJson(reply)));
  else {
    const { renderText } = await import('../render/text.js');
    out(reply ? renderText(reply, { withMore: true }) : '');
  }
  store?.close();
  return reply?.answered ? 0 : 1;
}

export async function runRules(opts: { json?: boolean }): Promise<number> {
  const { allRules } = await import('../../rules/engine.js');
  const rules = allRules();
  if (opts.json) out(JSON.stringify(rules.map((r) => r.meta), null, 2));
  else for (const r of rules) out(`${r.meta.id}\t${r.meta.name}\t${r.meta.severity}\t${r.meta.title}\t${r.meta.source.url}`);
  return 0;
}

export async function runChat(): Promise<number> {
  const { runConsole } = await import('../adapters/console.js');
  const { createBrain } = await import('../brain/index.js');
  const store = await storeOrNothing(dataDir());
  const wiki = wikiDir();
  try {
    await runConsole({ input: process.stdin, output: process.stdout, brain: createBrain({ ...(wiki ? { wikiDir: wiki } : {}), ...(store ? { store } : {}) }) });
  } finally {
    store?.close();
  }
  return 0;
}

