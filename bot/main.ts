/**
 * `npm start`: read the configuration, then run IRC and/or Discord in one process, or the console chat
 * when no network is configured. Network libraries are imported only for the networks in use.
 */
import { ConfigError, loadConfig, type BotConfig } from './ops/config.js';
import { createBrain } from './brain/index.js';
import type { SupervisedNetwork } from './adapters/supervise.js';
import type { Network } from './adapters/network.js';
import { NETWORKS } from './adapters/registry.js';

/** The configured networks, each with its own section of the configuration. */
function configuredNetworks(cfg: BotConfig): { network: Network<never>; section: never }[] {
  const sections = cfg as unknown as Record<string, unknown>;
  return NETWORKS.filter((n) => sections[n.key] !== undefined).map((n) => ({ network: n as unknown as Network<never>, section: sections[n.key] as never }));
}

const CONFIGURE_HINT =
  'No IRC or Discord configured: console chat. Set IRC_SERVER (+ IRC_CHANNELS, IRC_NICK) or DISCORD_TOKEN, or BOT_CONFIG=bot.json, to connect.';

/** /healthz detail: each network's state, and "degraded" while any configured one is not connected. */
function networkHealth(networks: readonly SupervisedNetwork[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of networks) out[n.name] = n.state();
  if (networks.some((n) => n.state() !== 'connected')) out.status = 'degraded';
  return out;
}

const WARM_UP = [
  // (misspelt on purpose: the typo corrector and its English word list are read now too)
  'how much memmory can the hurd domU have?',
  'kernel = "/boot/gnumach-xen-pae"\nramdisk = "/boot/hurd-modules"\nmemory = 1024\ndisk = [\'phy:sda4,hda,w\']\nextra = "root=device:hd0"',
  "root@dom0:~# xm create -c hurd\nUsing config file \"/etc/xen/hurd\".\nError: Device 0 (vif) could not be connected. Hotplug scripts not working.",
  '!version',
];

interface Running {
  name: string;
  stop(): Promise<void>;
}

async function start(cfg: BotConfig): Promise<void> {
  const { createLogger } = await import('./ops/log.js');
  const logger = createLogger(cfg.logLevel);
  const running: Running[] = [];
  // The maintainer's store: the bot answers without it (one error line, /healthz says degraded).
  let storeProblem: string | undefined;
  const store = await (async () => {
    try {
      const { openStore } = await import('../store/index.js');
      const s = await openStore(cfg.dataDir);
      logger.info({ path: s.path }, 'store open');
      return s;
    } catch (e) {
      storeProblem = (e as Error).message;
      logger.error({ dataDir: cfg.dataDir, err: storeProblem }, 'store unavailable: answering without it (nothing unanswered, no feedback, no taught facts)');
      return undefined;
    }
  })();
  if (store) running.push({ name: 'store', stop: async () => store.close() });
  const configured = configuredNetworks(cfg);
  // The name people address the bot by: a network's own nick (IRC's), else the configured name.
  const nick = configured.map(({ network, section }) => network.nick?.(section)).find((n) => n !== undefined);
  const brain = createBrain({ name: nick ?? cfg.name, prefix: cfg.prefix, wikiDir: cfg.wikiDir, ...(store ? { store } : {}) });
  // SIGHUP re-reads the knowledge base without dropping any connection.
  process.on('SIGHUP', () => logger.info({ result: brain.reloadKnowledge?.() }, 'SIGHUP: knowledge reload'));
  // prom-client is loaded only when someone can read the metrics.
  const metrics = cfg.health.enabled ? (await import('./ops/metrics.js')).createMetrics(store ? { feedback: () => store.feedbackCounts() } : {}) : undefined;

  // A rule that throws loses its own findings only (rules/engine.ts): say so in the log and count it per rule.
  const { onRuleError } = await import('../rules/engine.js');
  onRuleError((rule, err) => {
    logger.error({ rule, err: err instanceof Error ? err.message : String(err) }, 'rule failed; the other rules ran');
    metrics?.ruleError(rule);
  });

  const networks: SupervisedNetwork[] = [];
  if (cfg.health.enabled && metrics) {
    const { startHealthServer } = await import('./ops/health.js');
    const server = await startHealthServer({ host: cfg.health.host, port: cfg.health.port }, metrics, {
      detail: () => ({ ...networkHealth(networks), ...(storeProblem ? { store: `unavailable: ${storeProblem}`, status: 'degraded' } : { store: 'ok' }) }),
    });
    logger.info({ port: server.port, host: cfg.health.host }, 'health endpoint listening');
    running.push({ name: 'health', stop: () => server.close() });
  }

  const anyNetwork = configured.length > 0;
  if (!anyNetwork && (process.stdin.isTTY || !cfg.health.enabled)) {
    const { runConsole } = await import('./adapters/console.js');
    await runConsole({ input: process.stdin, output: process.stdout, brain, banner: CONFIGURE_HINT });
    await Promise.all(running.map((r) => r.stop()));
    return;
  }

  // One pass over each path (question, config, log, command) before the first user: the code is compiled and the
  // knowledge loaded now, so nobody in the channel pays for it. A private channel name keeps it out of any state.
  const warmStart = performance.now();
  for (const text of WARM_UP) brain.handle({ text, author: 'warm-up', channel: '\u0000warm-up', transport: 'cli', addressed: true });
  logger.info({ ms: Math.round(performance.now() - warmStart) }, 'warmed up');

  const common = { limits: cfg.limits, ignore: cfg.ignore, logger, metrics, ...(store ? { extraIgnore: () => store.ignoreMasks() } : {}) };
  const { supervise, allFailed } = await import('./adapters/supervise.js');
  const exitIfNothingLeft = (): void => {
    if (!allFailed(networks)) return;
    logger.error({ networks: networks.map((n) => `${n.name}: ${n.lastError() ?? 'failed'}`) }, 'every configured network failed for good');
    void Promise.allSettled(running.map((r) => r.stop())).then(() => process.exit(1));
  };
  // Each network starts, fails and retries on its own: a refused Discord call must not take IRC down.
  for (const { network, section } of configured) {
    const log = logger.child({ transport: network.key });
    networks.push(
      supervise({
        name: network.key,
        start: () => network.start(brain, section, { ...common, logger: log }),
        isFatal: (e) => network.isFatal(e),
        onRetry: (attempt, delayMs, err) => log.warn({ attempt, delayMs, err }, `${network.key}: start failed, retrying`),
        onFailed: (err) => {
          log.error({ err }, `${network.key}: failed for good (check its credentials and settings)`);
          exitIfNothingLeft();
        },
      }),
    );
  }
  for (const n of networks) running.push({ name: n.name, stop: () => n.stop() });
  logger.info({ adapters: running.map((r) => r.name) }, 'hurd-xen-bot running');

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => process.exit(1), 9_000);
    deadline.unref();
    void Promise.allSettled(running.map((r) => r.stop())).then(() => {
      logger.flush?.();
      process.exit(0);
    });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

let cfg: BotConfig;
try {
  cfg = loadConfig();
} catch (e) {
  if (e instanceof ConfigError) {
    process.stderr.write(`hurd-xen-bot: ${e.message}\n`);
    process.exit(2);
  }
  throw e;
}
start(cfg).catch((e: unknown) => {
  process.stderr.write(`hurd-xen-bot: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
