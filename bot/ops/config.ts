/**
 * Bot configuration: one JSON file (BOT_CONFIG) plus environment overrides, validated with zod.
 * Secrets come from the environment or from a file named by *_FILE variables; they are never logged.
 */
import { existsSync, readFileSync } from 'node:fs';
// (the knowledge base's edit distance: a pure function, no dependency loaded with it)
import { editDistance } from '../../knowledge/normalize.js';
import { z } from 'zod';
import { defined, type EnvAccess } from '../adapters/network.js';
import { NETWORKS } from '../adapters/registry.js';

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

/** Each network's section (`irc`, `discord`, ...), declared by the network itself (bot/adapters/registry.ts). */
const networkSections = Object.fromEntries(NETWORKS.map((n) => [n.key, n.schema.optional()])) as {
  [N in (typeof NETWORKS)[number] as N['key']]: z.ZodOptional<N['schema']>;
};

export const configSchema = z.strictObject({
  /** Where the bot keeps its database (unanswered questions, feedback, taught facts); BOT_DATA_DIR overrides. */
  dataDir: z.string().default('./data'),
  name: z.string().min(1).default('hurd-xen-bot'),
  prefix: z.string().min(1).max(3).default('!'),
  /** Directory of Hurd wiki pages (ikiwiki .mdwn) to search beside the curated entries. */
  wikiDir: z.string().optional(),
  ignore: z.array(z.string()).default([]),
  limits: limitsSchema.default(limitsSchema.parse({})),
  ...networkSections,
  health: z
    .strictObject({ enabled: z.boolean().default(false), host: z.string().default('127.0.0.1'), port: z.number().int().nonnegative().default(9464) })
    .default({ enabled: false, host: '127.0.0.1', port: 9464 }),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type BotConfig = z.infer<typeof configSchema>;
export type { IrcConfig } from '../adapters/irc/network.js';
export type { DiscordConfig } from '../adapters/discord/network.js';
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
class EnvReader implements EnvAccess {
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
  // Each network reads its own section and variables; an unwanted network's section stays out.
  const sections: Record<string, unknown> = {};
  for (const n of NETWORKS) {
    const own = raw[n.key];
    sections[n.key] = n.settings((typeof own === 'object' && own !== null ? own : {}) as Record<string, unknown>, r, problems, file ?? 'config');
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
    ...sections,
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
