/**
 * Bot configuration: one JSON file (BOT_CONFIG) plus environment overrides, validated with zod.
 * Secrets come from the environment or from a file named by *_FILE variables; they are never logged.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const limitsSchema = z.object({
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

const ircSchema = z.object({
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
    .object({ mechanism: z.enum(['PLAIN', 'EXTERNAL']).default('PLAIN'), account: z.string(), password: z.string().optional() })
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

const discordSchema = z.object({
  token: z.string().min(1),
  /** REST base, e.g. https://discord.com/api (tests point it at loopback). */
  apiBase: z.string().url().optional(),
  /** Application id for slash command registration (taken from READY when absent). */
  applicationId: z.string().optional(),
  registerCommands: z.boolean().default(true),
  /** Maintainers: Discord user ids, or role ids whose members are maintainers (teach, forget, reload, unanswered). */
  admins: z.array(z.string()).default([]),
  /** Attachments bigger than this are not downloaded. */
  maxAttachmentBytes: z.number().int().positive().default(256 * 1024),
  unaddressedChannels: z.array(z.string()).default([]),
});

export const configSchema = z.object({
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
    .object({ enabled: z.boolean().default(false), host: z.string().default('127.0.0.1'), port: z.number().int().nonnegative().default(9464) })
    .default({ enabled: false, host: '127.0.0.1', port: 9464 }),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type BotConfig = z.infer<typeof configSchema>;
export type IrcConfig = z.infer<typeof ircSchema>;
export type DiscordConfig = z.infer<typeof discordSchema>;
export type LimitsConfig = z.infer<typeof limitsSchema>;

type Env = Record<string, string | undefined>;

function secret(env: Env, name: string): string | undefined {
  const direct = env[name];
  if (direct) return direct;
  const file = env[`${name}_FILE`];
  if (file) return readFileSync(file, 'utf8').trim();
  return undefined;
}

function bool(v: string | undefined): boolean | undefined {
  if (v === undefined || v === '') return undefined;
  return /^(1|true|yes|on)$/i.test(v.trim());
}

function list(v: string | undefined): string[] | undefined {
  if (v === undefined || v.trim() === '') return undefined;
  return v.split(',').map((s) => s.trim()).filter(Boolean);
}

function int(v: string | undefined): number | undefined {
  if (v === undefined || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isInteger(n) ? n : Number.NaN;
}

/** Drop undefined values so that they do not override the file. */
function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export class ConfigError extends Error {}

/** Load the configuration: file (BOT_CONFIG or the given path), then environment overrides. */
export function loadConfig(env: Env = process.env, path = env.BOT_CONFIG): BotConfig {
  let raw: Record<string, unknown> = {};
  if (path) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      throw new ConfigError(`cannot read config file ${path}: ${(e as Error).message}`);
    }
    try {
      raw = JSON.parse(text) as Record<string, unknown>;
    } catch (e) {
      throw new ConfigError(`config file ${path} is not valid JSON: ${(e as Error).message}`);
    }
  }
  const ircFile = (raw.irc ?? {}) as Record<string, unknown>;
  const ircEnv = defined({
    server: env.IRC_SERVER,
    port: int(env.IRC_PORT),
    tls: bool(env.IRC_TLS),
    nick: env.IRC_NICK,
    channels: list(env.IRC_CHANNELS),
  });
  const saslAccount = env.IRC_SASL_ACCOUNT;
  const saslPassword = secret(env, 'IRC_SASL_PASSWORD');
  const irc = { ...ircFile, ...ircEnv } as Record<string, unknown>;
  if (saslAccount) irc.sasl = { ...((ircFile.sasl as object) ?? {}), account: saslAccount, ...(saslPassword ? { password: saslPassword } : {}) };
  const nickserv = secret(env, 'IRC_NICKSERV_PASSWORD');
  if (nickserv) irc.nickservPassword = nickserv;

  const discordFile = (raw.discord ?? {}) as Record<string, unknown>;
  const discord = { ...discordFile, ...defined({ token: secret(env, 'DISCORD_TOKEN'), apiBase: env.DISCORD_API_BASE }) } as Record<string, unknown>;

  const merged: Record<string, unknown> = {
    ...raw,
    ...defined({ name: env.BOT_NAME, prefix: env.BOT_PREFIX, wikiDir: env.BOT_WIKI_DIR, logLevel: env.LOG_LEVEL, dataDir: env.BOT_DATA_DIR }),
    irc: irc.server ? irc : undefined,
    discord: discord.token ? discord : undefined,
  };
  if (env.HEALTH_PORT) merged.health = { ...((raw.health as object) ?? {}), enabled: true, port: int(env.HEALTH_PORT) };
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new ConfigError(`invalid configuration at ${first?.path.join('.') || '(root)'}: ${first?.message}`);
  }
  return parsed.data;
}

/** A copy safe to log: secrets replaced. */
export function redactConfig(cfg: BotConfig): unknown {
  return JSON.parse(
    JSON.stringify(cfg, (k, v) => (['password', 'token', 'nickservPassword'].includes(k) && v ? '[redacted]' : v)),
  );
}
