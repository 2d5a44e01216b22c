/**
 * The adapter contract (issue 15): what a chat network brings to the bot. A network is one folder under
 * bot/adapters/ with a `network.ts` (this contract: its configuration section and how to start it) and the adapter
 * it loads lazily, plus a renderer in bot/render/. main.ts and the config loader know networks only through the
 * list in registry.ts, so a new network (Matrix, XMPP) touches nothing else.
 */
import type { z } from 'zod';
import type { Brain } from '../brain/reply.js';
import type { ConfigProblem, LimitsConfig } from '../ops/config.js';
import type { Logger } from '../ops/log.js';
import type { BotMetrics } from '../ops/metrics.js';

/** The environment, read strictly: each value's variable is remembered for error messages. */
export interface EnvAccess {
  str(name: string, path: string): string | undefined;
  bool(name: string, path: string): boolean | undefined;
  int(name: string, path: string): number | undefined;
  list(name: string, path: string): string[] | undefined;
  /** NAME, or the contents of the file NAME_FILE names. */
  secret(name: string, path: string): string | undefined;
  /** config path (irc.port) -> variable (IRC_PORT) */
  readonly origin: ReadonlyMap<string, string>;
}

/** What every network gets from the process: the shared limits and ignore lists, its logger and the metrics. */
export interface NetworkDeps {
  limits: LimitsConfig;
  ignore: string[];
  /** Ignore masks maintainers added at run time (kept in the store). */
  extraIgnore?: () => readonly string[];
  logger: Logger;
  metrics?: BotMetrics;
}

export interface NetworkHandle {
  stop(): Promise<void>;
  state(): 'connected' | 'reconnecting';
}

export interface Network<C = unknown> {
  /** Its section of the configuration file, and its name in logs and /healthz. */
  readonly key: string;
  readonly schema: z.ZodType<C>;
  /**
   * Its section: the file's, with the environment's overrides; undefined when the network is not wanted. Problems
   * (a setting without the one that makes the network wanted) are added to `problems`, named by their variable.
   */
  settings(file: Record<string, unknown>, env: EnvAccess, problems: ConfigProblem[], fileName: string): Record<string, unknown> | undefined;
  /** The name people address the bot by on this network, when it has its own. */
  nick?(cfg: C): string | undefined;
  /** A start error no retry can cure (a refused token): the network fails for good. */
  isFatal(e: unknown): boolean;
  start(brain: Brain, cfg: C, deps: NetworkDeps): Promise<NetworkHandle>;
}

/** Drop undefined values so that they do not override the file. */
export function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
