/**
 * Prometheus metrics for the bot, on a private registry (never prom-client's global one, so that
 * tests and embedders can make as many as they like).
 */
import { performance } from 'node:perf_hooks';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Brain, Kind, Message, Reply, Transport } from '../brain/reply.js';

export const METRIC_PREFIX = 'hurdxen_';

/** Seconds. The brain answers in well under 10 ms, so most of the resolution sits there. */
export const LATENCY_BUCKETS = [
  0.0001, 0.00025, 0.0005, 0.00075, 0.001, 0.0015, 0.002, 0.003, 0.004, 0.005, 0.0075, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
  1,
];

/** Kind label for a message the brain stayed silent on. */
export type HandledKind = Kind | 'silent';

export interface BotMetrics {
  readonly registry: Registry;
  /** A message reached the brain. */
  messageHandled(transport: Transport, kind: HandledKind): void;
  /** The bot said something back. */
  replySent(transport: Transport, kind: Kind): void;
  /** One count per finding, labelled with the rule id (HXnnn). */
  ruleHits(ruleIds: Iterable<string>): void;
  /** A pasted error that no rule recognised. */
  unknownError(transport: Transport): void;
  /** An exception caught at the edge (adapter, brain call) that would otherwise have been lost. */
  internalError(transport: Transport): void;
  /** A rule threw while checking a paste or a config (the other rules still ran). */
  ruleError(ruleId: string): void;
  latency(seconds: number, transport: Transport, kind: HandledKind): void;
  reconnect(transport: Transport): void;
  /** Prometheus text exposition of everything in the registry. */
  render(): Promise<string>;
  readonly contentType: string;
}

export interface MetricsOptions {
  /** Feedback counts per entry and rule, read from the maintainer store at each scrape. */
  feedback?: () => { kind: string; ref: string; count: number }[];
  /** Also export process metrics (CPU, RSS, event loop lag...). Default true. */
  processMetrics?: boolean;
}

/** Rule ids become label values: keep them to the id shape so a bad rule cannot explode cardinality. */
function ruleLabel(id: string): string {
  return /^[A-Za-z0-9_-]{1,24}$/.test(id) ? id : 'other';
}

export function createMetrics(opts: MetricsOptions = {}): BotMetrics {
  const registry = new Registry();
  if (opts.processMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: METRIC_PREFIX });

  const messages = new Counter({
    name: `${METRIC_PREFIX}messages_total`,
    help: 'Messages handed to the brain, by transport and the kind the brain gave them',
    labelNames: ['transport', 'kind'] as const,
    registers: [registry],
  });
  const replies = new Counter({
    name: `${METRIC_PREFIX}replies_total`,
    help: 'Replies sent, by transport and kind',
    labelNames: ['transport', 'kind'] as const,
    registers: [registry],
  });
  if (opts.feedback) {
    const read = opts.feedback;
    new Gauge({
      name: `${METRIC_PREFIX}feedback`,
      help: 'Feedback on replies (!wrong, !thanks) per knowledge entry or rule the reply came from, from the store',
      labelNames: ['kind', 'ref'] as const,
      registers: [registry],
      collect() {
        this.reset();
        try {
          for (const f of read().slice(0, 500)) this.set({ kind: f.kind, ref: f.ref }, f.count);
        } catch {
          // a failing store leaves the gauge empty for this scrape
        }
      },
    });
  }
  const rules = new Counter({
    name: `${METRIC_PREFIX}rule_hits_total`,
    help: 'Findings reported, by rule id',
    labelNames: ['rule'] as const,
    registers: [registry],
  });
  const unknown = new Counter({
    name: `${METRIC_PREFIX}unknown_errors_total`,
    help: 'Pasted error logs that no rule recognised',
    labelNames: ['transport'] as const,
    registers: [registry],
  });
  const internal = new Counter({
    name: `${METRIC_PREFIX}internal_errors_total`,
    help: 'Exceptions caught while handling a message or talking to a network',
    labelNames: ['transport'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: `${METRIC_PREFIX}brain_latency_seconds`,
    help: 'Time the brain took to handle one message',
    labelNames: ['transport', 'kind'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const ruleErrors = new Counter({
    name: `${METRIC_PREFIX}rule_errors_total`,
    help: 'Rules that threw while checking a paste or a config (their findings are lost, the others are kept)',
    labelNames: ['rule'] as const,
    registers: [registry],
  });
  const reconnects = new Counter({
    name: `${METRIC_PREFIX}reconnects_total`,
    help: 'Reconnections to a chat network',
    labelNames: ['transport'] as const,
    registers: [registry],
  });

  return {
    registry,
    contentType: registry.contentType,
    messageHandled: (transport, kind) => messages.inc({ transport, kind }),
    replySent: (transport, kind) => replies.inc({ transport, kind }),
    ruleHits: (ids) => {
      for (const id of ids) rules.inc({ rule: ruleLabel(id) });
    },
    unknownError: (transport) => unknown.inc({ transport }),
    internalError: (transport) => internal.inc({ transport }),
    ruleError: (ruleId) => ruleErrors.inc({ rule: ruleLabel(ruleId) }),
    latency: (seconds, transport, kind) => {
      if (Number.isFinite(seconds) && seconds >= 0) latency.observe({ transport, kind }, seconds);
    },
    reconnect: (transport) => reconnects.inc({ transport }),
    render: () => registry.metrics(),
  };
}

/** Record one brain exchange: the message, its reply (if any), the rules that fired and the time taken. */
export function recordExchange(metrics: BotMetrics, msg: Message, reply: Reply | null, seconds: number): void {
  const kind: HandledKind = reply?.kind ?? 'silent';
  metrics.messageHandled(msg.transport, kind);
  metrics.latency(seconds, msg.transport, kind);
  if (!reply) return;
  if (reply.answered || reply.blocks.length > 0) metrics.replySent(msg.transport, reply.kind);
  metrics.ruleHits(reply.findings.map((f) => f.rule));
  if (reply.kind === 'log' && reply.findings.length === 0) metrics.unknownError(msg.transport);
}

/** brain.handle, timed and recorded. The brain never throws by contract; if it does anyway, that is counted and the bot stays silent. */
export function handleMeasured(brain: Brain, msg: Message, metrics: BotMetrics): Reply | null {
  const start = performance.now();
  let reply: Reply | null;
  try {
    reply = brain.handle(msg);
  } catch {
    metrics.internalError(msg.transport);
    reply = null;
  }
  recordExchange(metrics, msg, reply, (performance.now() - start) / 1000);
  return reply;
}

/** The same brain with every exchange timed and counted: wrap once, hand it to every adapter. */
export function measureBrain(brain: Brain, metrics: BotMetrics): Brain {
  return {
    get name() {
      return brain.name;
    },
    get prefix() {
      return brain.prefix;
    },
    get version() {
      return brain.version;
    },
    handle: (msg) => handleMeasured(brain, msg, metrics),
  };
}
