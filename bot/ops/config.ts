/**
 * Bot configuration: one JSON file (BOT_CONFIG) plus environment overrides, validated with zod.
 * Secrets come from the environment or from a file named by *_FILE variables; they are never logged.
 */
import { existsSync, readFileSync } from 'node:fs';
// (the knowledge base's edit distance: a pure function, no dependency loaded with it)
import { editDistance } from '../../knowledge/normalize.js';
import { z } from 'zod';

const limitsSchema = z.strictObject({
  /** Messages a user may send to the bot per window before one polite notice and silence. */
  perUser: z.number().int().positive().default(6),
  perChannel: z.number().int().positive().default(20),
  windowMs: z.number().int().positive().default(60_000),
  /** The same answer in the same channel within this window gets "see above". */
  repeatWindowMs: z.number().int().nonnegative().default(120_000),
  /** Lines per reply in a channel before "say 'more'". */
  // Two lines in a channel (issue 14): the answer, then one more; the rest behind "more" or in a private message.
  maxLines: z.number().int().positive().default(2),
});

const ircSchema = z.strictObject({
  server: z.string().min(1),
  port: z.number().int().positive().max(65535).default(6667),
  tls: z.boolean().default(false),
  /** Accept self-signed certificates (test servers only). */
  tlsInsecure: z.boolean().default(false),
  nick: z.string().min(1).default('hurd-xen-bot'),
  altNicks: z.array(z.string()).default([]),
  username: z.string().default('hurdxen'),
  realname: z.string().default('hurd-xen-bot: GNU Hurd on Xen help'),
  channels: z.array(z.string()).default([]),
  sasl: z
    .strictObject({ mechanism: z.enum(['PLAIN', 'EXTERNAL']).default('PLAIN'), account: z.string(), password: z.string().optional() })
    .optional(),
  nickservPassword: z.string().optional(),
  /** Services accounts allowed to run admin commands. */
  admins: z.array(z.string()).default([]),
  /** Quiet window (ms) that closes a multi-line paste. */
  pasteWindowMs: z.number().int().nonnegative().default(1500),
  /** Channels where the bot may point at a known error nobody asked it about. */
  unaddressedChannels: z.array(z.string()).default([]),
  unaddressedCooldownMs: z.number().int().nonnegative().default(600_000),
  /** Outgoing flood control: burst size and sustained lines per second. */
  floodBurst: z.number().int().positive().default(4),
  floodRate: z.number().positive().default(1),
  /**
   * Where a config or diff longer than the channel's line count goes: "private" (a message to the asker, with a
   * one-line pointer in the channel) or "more" (kept in the channel, behind "more").
   */
  longOutput: z.enum(['private', 'more']).default('private'),
  reconnectMaxDelayMs: z.number().int().positive().default(60_000),
});

const discordSchema = z.strictObject({
  token: z.string().min(1),
  /** REST base, e.g. https://discord.com/api (tests point it at loopback). */
  apiBase: z.string().url().optional(),
  registerCommands: z.boolean().default(true),
  /** Register the slash commands in these guilds only (they appear at once) instead of globally. */
  guildIds: z.array(z.string()).default([]),
  /** Maintainers: Discord user ids, or role ids whose members are maintainers (teach, forget, reload, unanswered). */
  admins: z.array(z.string()).default([]),
  /** Attachments bigger than this are not downloaded. */
  maxAttachmentBytes: z.number().int().positive().default(256 * 1024),
  unaddressedChannels: z.array(z.string()).default([]),
});

export const configSchema = z.strictObject({
  /** Where the bot keeps its database (unanswered questions, feedback, taught facts); BOT_DATA_DIR overrides. */
  dataDir: z.string().default('./data'),
  name: z.string().min(1).default('hurd-xen-bot'),
  prefix: z.string().min(1).max(3).default('!'),
  /** Directory of Hurd wiki pages (ikiwiki .mdwn) to search beside the curated entries. */
  wikiDir: z.string().optional(),
  ignore: z.array(z.string()).default([]),
  limits: limitsSchema.default(limitsSchema.parse({})),
  irc: ircSchema.optional(),
  discord: discordSchema.optional(),
  health: z
    .strictObject({ enabled: z.boolean().default(false), host: z.string().default('127.0.0.1'), port: z.number().int().nonnegative().default(9464) })
    .default({ enabled: false, host: '127.0.0.1', port: 9464 }),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type BotConfig = z.infer<typeof configSchema>;
export type IrcConfig = z.infer<typeof ircSchema>;
export type DiscordConfig = z.infer<typeof discordSchema>;
export type LimitsConfig = z.infer<typeof limitsSchema>;

type Env = Record<string, string | undefined>;

/** One thing wrong with the configuration, named by where the value came from (a variable or a file key). */
export interface ConfigProblem {
  where: string;
  message: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(problems.length === 1 ? `${problems[0]!.where}: ${problems[0]!.message}` : `${problems.length} problems in the configuration:\n${problems.map((p) => `  ${p.where}: ${p.message}`).join('\n')}`);
  }
}

const TRUE = /^(?:1|true|yes|on)$/i;
const FALSE = /^(?:0|false|no|off)$/i;

/** The environment's values, parsed strictly, with each one's variable name remembered for error messages. */
class EnvReader {
  readonly problems: ConfigProblem[] = [];
  /** config path (irc.port) -> variable (IRC_PORT) */
  readonly origin = new Map<string, string>();
  constructor(private readonly env: Env) {}

  str(name: string, path: string): string | undefined {
    const v = this.env[name];
    if (v === undefined || v === '') return undefined;
    this.origin.set(path, name);
    return v;
  }

  bool(name: string, path: string): boolean | undefined {
    const v = this.str(name, path);
    if (v === undefined) return undefined;
    if (TRUE.test(v.trim())) return true;
    if (FALSE.test(v.trim())) return false;
    this.problems.push({ where: name, message: `"${v.slice(0, 40)}" is not a yes/no value (use true/false, yes/no, on/off or 1/0)` });
    return undefined;
  }

  int(name: string, path: string): number | undefined {
    const v = this.str(name, path);
    if (v === undefined) return undefined;
    if (!/^\s*\d{1,9}\s*$/.test(v)) {
      this.problems.push({ where: name, message: `"${v.slice(0, 40)}" is not a whole number` });
      return undefined;
    }
    return Number(v);
  }

  list(name: string, path: string): string[] | undefined {
    const v = this.str(name, path);
    return v === undefined ? undefined : v.split(',').map((s) => s.trim()).filter(Boolean);
  }

  secret(name: string, path: string): string | undefined {
    const direct = this.str(name, path);
    if (direct) return direct;
    const file = this.str(`${name}_FILE`, path);
    if (!file) return undefined;
    try {
      return readFileSync(file, 'utf8').trim();
    } catch (e) {
      this.problems.push({ where: `${name}_FILE`, message: `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      return undefined;
    }
  }
}

/** Drop undefined values so that they do not override the file. */
function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Where the image keeps its configuration when there is one; absent there means "no configuration" (console). */
export const DEFAULT_CONFIG_VAR = 'BOT_CONFIG_DEFAULT';

/**
 * Load the configuration: the file (BOT_CONFIG, which must exist when set; or BOT_CONFIG_DEFAULT, which may be
 * absent), then environment overrides. Every problem is reported at once, each named by the variable or the file
 * key it came from; unknown keys are problems too (a typo would otherwise be ignored silently).
 */
export function loadConfig(env: Env = process.env, path = env.BOT_CONFIG): BotConfig {
  const problems: ConfigProblem[] = [];
  let raw: Record<string, unknown> = {};
  const fallback = env[DEFAULT_CONFIG_VAR];
  const file = path || (fallback && existsSync(fallback) ? fallback : undefined);
  if (file) {
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) problems.push({ where: file, message: 'the configuration must be a JSON object' });
      else raw = parsed as Record<string, unknown>;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      problems.push({ where: file, message: code ? `cannot read it (${code})` : `not valid JSON: ${(e as Error).message}` });
    }
  }
  const r = new EnvReader(env);
  const ircFile = (typeof raw.irc === 'object' && raw.irc !== null ? raw.irc : {}) as Record<string, unknown>;
  const ircEnv = defined({
    server: r.str('IRC_SERVER', 'irc.server'),
    port: r.int('IRC_PORT', 'irc.port'),
    tls: r.bool('IRC_TLS', 'irc.tls'),
    nick: r.str('IRC_NICK', 'irc.nick'),
    channels: r.list('IRC_CHANNELS', 'irc.channels'),
  });
  const irc = { ...ircFile, ...ircEnv } as Record<string, unknown>;
  const saslAccount = r.str('IRC_SASL_ACCOUNT', 'irc.sasl.account');
  const saslPassword = r.secret('IRC_SASL_PASSWORD', 'irc.sasl.password');
  const fileSasl = typeof ircFile.sasl === 'object' && ircFile.sasl !== null ? (ircFile.sasl as Record<string, unknown>) : undefined;
  // The password from the environment goes with the account from the file too (the README's own example).
  if (saslAccount || (fileSasl && saslPassword)) irc.sasl = { ...(fileSasl ?? {}), ...(saslAccount ? { account: saslAccount } : {}), ...(saslPassword ? { password: saslPassword } : {}) };
  else if (saslPassword) problems.push({ where: 'IRC_SASL_PASSWORD', message: 'set, but no SASL account (IRC_SASL_ACCOUNT or irc.sasl.account)' });
  const nickserv = r.secret('IRC_NICKSERV_PASSWORD', 'irc.nickservPassword');
  if (nickserv) irc.nickservPassword = nickserv;
  const ircWanted = irc.server !== undefined;
  if (!ircWanted && Object.keys(ircEnv).length > 0) {
    problems.push({ where: [...r.origin.entries()].filter(([p]) => p.startsWith('irc.')).map(([, v]) => v).join(', '), message: 'IRC settings without an IRC server (IRC_SERVER or irc.server)' });
  }

  const discordFile = (typeof raw.discord === 'object' && raw.discord !== null ? raw.discord : {}) as Record<string, unknown>;
  const discord = { ...discordFile, ...defined({ token: r.secret('DISCORD_TOKEN', 'discord.token'), apiBase: r.str('DISCORD_API_BASE', 'discord.apiBase') }) } as Record<string, unknown>;
  if (typeof discord.token === 'string' && /\s/.test(discord.token.trim())) {
    problems.push({ where: r.origin.has('discord.token') ? 'DISCORD_TOKEN' : `${file ?? 'config'}: discord.token`, message: 'looks like a placeholder, not a bot token (tokens have no spaces); set DISCORD_TOKEN' });
  }

  const merged: Record<string, unknown> = {
    ...raw,
    ...defined({
      name: r.str('BOT_NAME', 'name'),
      prefix: r.str('BOT_PREFIX', 'prefix'),
      wikiDir: r.str('BOT_WIKI_DIR', 'wikiDir'),
      logLevel: r.str('LOG_LEVEL', 'logLevel'),
      dataDir: r.str('BOT_DATA_DIR', 'dataDir'),
    }),
    irc: ircWanted ? irc : undefined,
    discord: discord.token ? discord : undefined,
  };
  const healthPort = r.int('HEALTH_PORT', 'health.port');
  if (healthPort !== undefined) merged.health = { ...((raw.health as object) ?? {}), enabled: true, port: healthPort };
  problems.push(...r.problems);
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const at = issue.path.map(String).join('.');
      const keys = (issue as { keys?: string[] }).keys;
      if (issue.code === 'unrecognized_keys' && keys) {
        for (const k of keys) problems.push({ where: `${file ?? 'config'}: ${at ? `${at}.` : ''}${k}`, message: `unknown key${suggest(k, knownKeysAt(at))}` });
        continue;
      }
      const variable = r.origin.get(at);
      problems.push({ where: variable ?? `${file ?? 'config'}: ${at || '(root)'}`, message: issue.message });
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return parsed.data!;
}

/** The keys the schema allows at a config path ('' is the top level). */
function knownKeysAt(path: string): string[] {
  let schema: unknown = configSchema;
  for (const part of path === '' ? [] : path.split('.')) {
    const shape = unwrap(schema)?.shape as Record<string, unknown> | undefined;
    schema = shape?.[part];
  }
  return Object.keys((unwrap(schema)?.shape as object | undefined) ?? {});
}

function unwrap(schema: unknown): { shape?: unknown } | undefined {
  let s = schema as { shape?: unknown; unwrap?: () => unknown; def?: { innerType?: unknown } } | undefined;
  for (let i = 0; i < 5 && s && s.shape === undefined; i++) s = (s.def?.innerType ?? (typeof s.unwrap === 'function' ? s.unwrap() : undefined)) as typeof s;
  return s;
}

/** " (did you mean prefix?)" for a key one or two edits away from a known one. */
function suggest(key: string, known: string[]): string {
  let best: string | undefined;
  let bestD = 3;
  for (const k of known) {
    const d = editDistance(key.toLowerCase(), k.toLowerCase(), 2);
    if (d < bestD) [best, bestD] = [k, d];
  }
  return best ? ` (did you mean ${best}?)` : known.length > 0 ? ` (known here: ${known.join(', ')})` : '';
}

/** A copy safe to log: secrets replaced. */
export function redactConfig(cfg: BotConfig): unknown {
  return JSON.parse(
    JSON.stringify(cfg, (k, v) => (['password', 'token', 'nickservPassword'].includes(k) && v ? '[redacted]' : v)),
  );
}
