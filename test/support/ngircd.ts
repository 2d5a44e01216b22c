/**
 * A real ngircd for tests: config in a temp dir, 127.0.0.1 on a free port, foreground (-n), stopped by pid.
 * `restart()` kills it hard and starts it again on the same port (for reconnect tests).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const NGIRCD = process.env.NGIRCD ?? '/usr/sbin/ngircd';

export interface NgircdOptions {
  maxNickLength?: number;
  /**
   * ngircd's flood penalty ("MaxPenaltyTime"): -1 is the server's real behaviour (throttle, then drop a client
   * whose receive buffer overflows), 0 switches penalties off for tests that are not about flooding.
   */
  maxPenaltyTime?: number;
  /** Also listen with TLS on `tlsPort`, with a fresh self-signed certificate (needs the openssl CLI). */
  tls?: boolean;
}

export interface Ngircd {
  host: string;
  port: number;
  /** The TLS port when started with `tls`. */
  tlsPort?: number;
  readonly pid: number | undefined;
  /** Server output so far (for failure messages). */
  log(): string;
  /** Kill the server (SIGKILL: every client sees its socket drop) and wait until it is gone. */
  kill(): Promise<void>;
  /** Start it again on the same port. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function portOpen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = connect({ host, port });
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => resolve(false));
  });
}

/** Poll `cond` until it holds or `timeoutMs` passes. */
export async function waitFor(cond: () => boolean | Promise<boolean>, timeoutMs: number, what: string, stepMs = 25): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await cond()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

/** A self-signed certificate and DH parameters for the TLS listener (files readable by ngircd's user). */
function makeTlsFiles(dir: string): { cert: string; key: string; dh: string } {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  const dh = join(dir, 'dh.pem');
  const quiet = { stdio: 'ignore' as const, timeout: 60_000 };
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=127.0.0.1'], quiet);
  execFileSync('openssl', ['dhparam', '-dsaparam', '-out', dh, '2048'], quiet);
  for (const f of [cert, key, dh]) chmodSync(f, 0o644);
  return { cert, key, dh };
}

function configText(dir: string, port: number, opts: NgircdOptions, tls?: { port: number; cert: string; key: string; dh: string }): string {
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  return [
    '[Global]',
    '  Name = irc.test.local',
    '  Info = hurd-xen-bot test server',
    '  AdminInfo1 = test',
    '  AdminInfo2 = test',
    '  AdminEMail = test@localhost',
    '  Listen = 127.0.0.1',
    `  Ports = ${port}`,
    `  MotdFile = ${join(dir, 'motd')}`,
    // Started as root, ngircd drops to ServerUID (it refuses 0); nobody can read the world-readable temp dir.
    ...(asRoot ? ['  ServerUID = 65534', '  ServerGID = 65534'] : []),
    '[Limits]',
    `  MaxNickLength = ${opts.maxNickLength ?? 30}`,
    '  MaxConnectionsIP = 0',
    '  MaxJoins = 0',
    '  PingTimeout = 120',
    '  PongTimeout = 60',
    `  MaxPenaltyTime = ${opts.maxPenaltyTime ?? 0}`,
    '[Options]',
    '  PAM = no',
    '  Ident = no',
    '  DNS = no',
    '  OperCanUseMode = yes',
    ...(tls ? ['[SSL]', `  Ports = ${tls.port}`, `  CertFile = ${tls.cert}`, `  KeyFile = ${tls.key}`, `  DHFile = ${tls.dh}`] : []),
    '',
  ].join('\n');
}

export async function startNgircd(opts: NgircdOptions = {}): Promise<Ngircd> {
  const dir = mkdtempSync(join(tmpdir(), 'ngircd-'));
  chmodSync(dir, 0o755);
  const port = await freePort();
  const conf = join(dir, 'ngircd.conf');
  writeFileSync(join(dir, 'motd'), 'hurd-xen-bot test server\n');
  const tls = opts.tls ? { port: await freePort(), ...makeTlsFiles(dir) } : undefined;
  writeFileSync(conf, configText(dir, port, opts, tls));
  let child: ChildProcess | undefined;
  let output = '';
  const host = '127.0.0.1';

  async function start(): Promise<void> {
    const proc = spawn(NGIRCD, ['-n', '-f', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    proc.stdout?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
    proc.stderr?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
    let exited = false;
    proc.once('exit', () => (exited = true));
    await waitFor(async () => exited || ((await portOpen(host, port)) && (!tls || (await portOpen(host, tls.port)))), 20_000, `ngircd on port ${port}`, 50).catch((e: Error) => {
      throw new Error(`${e.message}\n${output}`);
    });
    if (exited) throw new Error(`ngircd exited at start:\n${output}`);
  }

  async function kill(): Promise<void> {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill('SIGKILL');
    await gone;
  }

  await start();
  return {
    host,
    port,
    ...(tls ? { tlsPort: tls.port } : {}),
    get pid() {
      return child?.pid;
    },
    log: () => output,
    kill,
    start,
    async stop() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
