/**
 * The optional operations endpoint: GET /healthz (liveness, JSON) and GET /metrics (Prometheus text).
 * Off unless configured; bound to loopback unless told otherwise, since metrics are nobody else's business.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BotMetrics } from './metrics.js';

export const DEFAULT_HEALTH_HOST = '127.0.0.1';

export interface HealthOptions {
  /** Defaults to loopback. */
  host?: string;
  /** 0 picks a free port (tests). */
  port: number;
}

/** Extra liveness detail, e.g. which networks are connected. Must be cheap and must not throw. */
export type HealthDetail = () => Record<string, string | number | boolean>;

export interface HealthExtras {
  version?: string;
  detail?: HealthDetail;
}

export interface HealthServer {
  /** The port actually bound (useful with port 0). */
  readonly port: number;
  readonly host: string;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function healthBody(started: number, extras: HealthExtras): string {
  let detail: Record<string, string | number | boolean>;
  try {
    detail = extras.detail?.() ?? {};
  } catch {
    detail = { detail: 'unavailable' };
  }
  return JSON.stringify({
    status: 'ok',
    // detail may say 'degraded' (a configured network is down): it is spread after, so it wins
    uptimeSeconds: Math.round((Date.now() - started) / 1000),
    ...(extras.version ? { version: extras.version } : {}),
    ...detail,
  });
}

export function startHealthServer(opts: HealthOptions, metrics: BotMetrics, extras: HealthExtras = {}): Promise<HealthServer> {
  const host = opts.host ?? DEFAULT_HEALTH_HOST;
  const started = Date.now();

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      send(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
      return;
    }
    if (path === '/healthz') {
      send(res, 200, 'application/json; charset=utf-8', healthBody(started, extras));
      return;
    }
    if (path === '/metrics') {
      metrics.render().then(
        (text) => send(res, 200, metrics.contentType, text),
        () => send(res, 500, 'text/plain; charset=utf-8', 'metrics unavailable\n'),
      );
      return;
    }
    send(res, 404, 'text/plain; charset=utf-8', 'not found: try /healthz or /metrics\n');
  });
  // A scraper that stalls must not hold the process open on shutdown or tie up sockets.
  server.requestTimeout = 5_000;
  server.headersTimeout = 5_000;
  server.keepAliveTimeout = 1_000;

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => {
      server.off('error', reject);
      const port = (server.address() as AddressInfo).port;
      resolve({
        port,
        host,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

/** The endpoint as configured (BotConfig.health): null, and nothing listening, unless enabled. */
export async function maybeStartHealthServer(
  cfg: { enabled: boolean; host?: string; port: number } | undefined,
  metrics: BotMetrics,
  extras: HealthExtras = {},
): Promise<HealthServer | null> {
  if (!cfg?.enabled) return null;
  return startHealthServer({ host: cfg.host ?? DEFAULT_HEALTH_HOST, port: cfg.port }, metrics, extras);
}
