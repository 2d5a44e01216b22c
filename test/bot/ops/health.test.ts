import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { configSchema, loadConfig } from '../../../bot/ops/config.js';
import { maybeStartHealthServer, startHealthServer, type HealthServer } from '../../../bot/ops/health.js';
import { createMetrics } from '../../../bot/ops/metrics.js';

const open: HealthServer[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function start(...args: Parameters<typeof startHealthServer>): Promise<HealthServer> {
  const server = await startHealthServer(...args);
  open.push(server);
  return server;
}

/** True when something accepts TCP connections there. */
function listening(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

/**
 * A small parser for the Prometheus text format (0.0.4): every line is a comment (# HELP / # TYPE)
 * or `name{labels} value`. Returns the samples; throws on a malformed line.
 */
function parsePrometheus(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  const typed = new Set<string>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line);
    if (meta) {
      if (meta[1] === 'TYPE') {
        expect(['counter', 'gauge', 'histogram', 'summary', 'untyped']).toContain(meta[3]);
        typed.add(meta[2] ?? '');
      }
      continue;
    }
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*",?)*\})? (-?[0-9.e+-]+|NaN|[+-]Inf)$/i.exec(line);
    if (!m) throw new Error(`not Prometheus text: ${JSON.stringify(line)}`);
    const family = (m[1] ?? '').replace(/_(bucket|sum|count)$/, '');
    expect(typed.has(m[1] ?? '') || typed.has(family)).toBe(true);
    samples.set(`${m[1]}${m[2] ?? ''}`, Number(m[3]));
  }
  return samples;
}

describe('health endpoint', () => {
  it('is off by default: the default configuration starts nothing', async () => {
    const cfg = loadConfig({});
    expect(cfg.health.enabled).toBe(false);
    expect(await maybeStartHealthServer(cfg.health, createMetrics({ processMetrics: false }))).toBeNull();
    expect(await listening('127.0.0.1', cfg.health.port)).toBe(false);
  });

  it('binds to loopback unless told otherwise', async () => {
    expect(configSchema.parse({}).health.host).toBe('127.0.0.1');
    const server = await start({ port: 0 }, createMetrics({ processMetrics: false }));
    expect(server.host).toBe('127.0.0.1');
    expect(await listening('127.0.0.1', server.port)).toBe(true);
  });

  it('answers /healthz with liveness JSON including caller detail', async () => {
    const server = await start({ port: 0 }, createMetrics({ processMetrics: false }), {
      version: '1.2.3',
      detail: () => ({ irc: 'connected' }),
    });
    const res = await fetch(`http://127.0.0.1:${server.port}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 'ok', version: '1.2.3', irc: 'connected' });
    expect(typeof body.uptimeSeconds).toBe('number');
  });

  it('still answers /healthz when the detail callback throws', async () => {
    const server = await start({ port: 0 }, createMetrics({ processMetrics: false }), { detail: () => { throw new Error('x'); } });
    const res = await fetch(`http://127.0.0.1:${server.port}/healthz`);
    expect(res.status).toBe(200);
  });

  it('serves /metrics as Prometheus text that parses and carries the bot counters', async () => {
    const metrics = createMetrics();
    metrics.messageHandled('irc', 'question');
    metrics.ruleHits(['HX201']);
    metrics.latency(0.0009, 'irc', 'question');
    metrics.reconnect('discord');
    const server = await start({ port: 0 }, metrics);
    const res = await fetch(`http://127.0.0.1:${server.port}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const samples = parsePrometheus(await res.text());
    expect(samples.get('hurdxen_messages_total{transport="irc",kind="question"}')).toBe(1);
    expect(samples.get('hurdxen_rule_hits_total{rule="HX201"}')).toBe(1);
    expect(samples.get('hurdxen_reconnects_total{transport="discord"}')).toBe(1);
    expect(samples.get('hurdxen_brain_latency_seconds_count{transport="irc",kind="question"}')).toBe(1);
    expect(samples.get('hurdxen_process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('refuses other paths and methods', async () => {
    const server = await start({ port: 0 }, createMetrics({ processMetrics: false }));
    expect((await fetch(`http://127.0.0.1:${server.port}/`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${server.port}/metrics`, { method: 'POST', body: 'x' })).status).toBe(405);
  });

  it('closes promptly even with a keep-alive client attached', async () => {
    const server = await startHealthServer({ port: 0 }, createMetrics({ processMetrics: false }));
    await fetch(`http://127.0.0.1:${server.port}/healthz`, { keepalive: true });
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await listening('127.0.0.1', server.port)).toBe(false);
  });

  it('reports a port already in use as an error instead of crashing', async () => {
    const first = await start({ port: 0 }, createMetrics({ processMetrics: false }));
    await expect(startHealthServer({ port: first.port }, createMetrics({ processMetrics: false }))).rejects.toThrow(/EADDRINUSE/);
  });
});
