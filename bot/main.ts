/**
 * `npm start`: read the configuration, then run IRC and/or Discord in one process, or the console chat
 * when no network is configured. Network libraries are imported only for the networks in use.
 */
import { ConfigError, loadConfig, type BotConfig } from './config.js';
import { createBrain } from './brain.js';

const CONFIGURE_HINT =
  'No IRC or Discord configured: console chat. Set IRC_SERVER (+ IRC_CHANNELS, IRC_NICK) or DISCORD_TOKEN, or BOT_CONFIG=bot.json, to connect.';

interface Running {
  name: string;
  stop(): Promise<void>;
}

async function start(cfg: BotConfig): Promise<void> {
  const { createLogger } = await import('./log.js');
  const logger = createLogger(cfg.logLevel);
  const brain = createBrain({ name: cfg.irc?.nick ?? cfg.name, prefix: cfg.prefix, wikiDir: cfg.wikiDir });
  const running: Running[] = [];
  // prom-client is loaded only when someone can read the metrics.
  const metrics = cfg.health.enabled ? (await import('./metrics.js')).createMetrics() : undefined;

  if (cfg.health.enabled && metrics) {
    const { startHealthServer } = await import('./health.js');
    const server = await startHealthServer({ host: cfg.health.host, port: cfg.health.port }, metrics);
    logger.info({ port: server.port, host: cfg.health.host }, 'health endpoint listening');
    running.push({ name: 'health', stop: () => server.close() });
  }

  const networks = Boolean(cfg.irc) || Boolean(cfg.discord);
  if (!networks && (process.stdin.isTTY || !cfg.health.enabled)) {
    const { runConsole } = await import('./adapters/console.js');
    await runConsole({ input: process.stdin, output: process.stdout, brain, banner: CONFIGURE_HINT });
    await Promise.all(running.map((r) => r.stop()));
    return;
  }

  const common = { limits: cfg.limits, ignore: cfg.ignore, logger, metrics };
  if (cfg.irc) {
    const { startIrc } = await import('./adapters/irc.js');
    const irc = await startIrc(brain, cfg.irc, { ...common, logger: logger.child({ transport: 'irc' }) });
    running.push({ name: 'irc', stop: () => irc.stop('shutting down') });
  }
  if (cfg.discord) {
    const { startDiscord } = await import('./adapters/discord.js');
    const discord = await startDiscord(brain, cfg.discord, { ...common, logger: logger.child({ transport: 'discord' }) });
    running.push({ name: 'discord', stop: () => discord.stop() });
  }
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
