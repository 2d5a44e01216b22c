/**
 * Docker cannot run on the development machines, so this replays the Dockerfile outside Docker:
 * each stage gets a clean temp root, COPY lines copy from the repo (honouring .dockerignore) or
 * from an earlier stage, RUN lines run in the stage's WORKDIR, and the runtime stage is started
 * the way CMD starts it, with the VOLUMEs mapped to temp dirs. The instructions are parsed from
 * the Dockerfile itself, so the test follows any change to it.
 *
 * Slow (two `npm ci` and a full build): one run, from the local npm cache.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

// ---------------------------------------------------------------------------------------------
// A small Dockerfile reader: enough for the instructions our Dockerfile uses, strict about the rest.

interface Instruction {
  op: string;
  args: string;
}

interface Stage {
  name: string;
  steps: Instruction[];
}

function readInstructions(text: string): Instruction[] {
  const joined = text.replace(/\\\r?\n/g, ' ');
  return joined
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => {
      const space = l.search(/\s/);
      return { op: l.slice(0, space).toUpperCase(), args: l.slice(space + 1).trim() };
    });
}

function readStages(text: string): Stage[] {
  const stages: Stage[] = [];
  for (const ins of readInstructions(text)) {
    if (ins.op === 'FROM') {
      const name = /\sAS\s+(\S+)$/i.exec(ins.args)?.[1] ?? String(stages.length);
      stages.push({ name, steps: [] });
    } else {
      const current = stages.at(-1);
      if (!current) throw new Error(`${ins.op} before FROM`);
      current.steps.push(ins);
    }
  }
  return stages;
}

/** `KEY=value KEY2="value 2"` */
function readEnv(args: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const m of args.matchAll(/(\w+)=("([^"]*)"|\S*)/g)) env[m[1] ?? ''] = m[3] ?? m[2] ?? '';
  return env;
}

/** Exec form: ["node", "-e", "..."] */
function readExec(args: string): string[] {
  const parsed: unknown = JSON.parse(args);
  if (!Array.isArray(parsed) || !parsed.every((a) => typeof a === 'string')) throw new Error(`not exec form: ${args}`);
  return parsed;
}

function readOptions(args: string): { options: Record<string, string>; rest: string } {
  const options: Record<string, string> = {};
  let rest = args;
  for (let m = /^--([\w-]+)=(\S+)\s+/.exec(rest); m; m = /^--([\w-]+)=(\S+)\s+/.exec(rest)) {
    options[m[1] ?? ''] = m[2] ?? '';
    rest = rest.slice(m[0].length);
  }
  return { options, rest };
}

// ---------------------------------------------------------------------------------------------
// .dockerignore: patterns are globs on context-relative paths; a match on a parent excludes the children; `!` re-includes.

function dockerignore(): (path: string) => boolean {
  const file = join(ROOT, '.dockerignore');
  const rules = existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('#'))
        .map((l) => {
          const negate = l.startsWith('!');
          const glob = (negate ? l.slice(1) : l).replace(/^\/+|\/+$/g, '');
          const re = glob
            .split('/')
            .map((part) => (part === '**' ? '.*' : part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')))
            .join('/')
            .replace(/\.\*\//g, '(?:.*/)?');
          return { negate, re: new RegExp(`^${re}(?:/.*)?$`) };
        })
    : [];
  return (path) => {
    let ignored = false;
    for (const rule of rules) if (rule.re.test(path)) ignored = !rule.negate;
    return ignored;
  };
}

// ---------------------------------------------------------------------------------------------
// Replaying the stages

interface Built {
  roots: Map<string, string>;
  workdir: string;
  env: Record<string, string>;
  volumes: Map<string, string>;
  cmd: string[];
  healthcheck: string[];
  stopSignal: string;
  user: string | undefined;
  runLog: string[];
}

/** The environment a RUN or CMD sees: the image's ENV on a clean base (nothing leaks from vitest or npx). */
function baseEnv(): Record<string, string> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/root' };
  if (process.env.TMPDIR) env.TMPDIR = process.env.TMPDIR;
  return env;
}

/** Docker would fetch from the registry; here the local npm cache stands in for it. */
function offline(command: string): string {
  return command.replace(/\bnpm ci\b/g, 'npm ci --prefer-offline');
}

function buildStages(stages: Stage[], scratch: string): Built {
  const ignored = dockerignore();
  const roots = new Map<string, string>();
  const volumes = new Map<string, string>();
  const runLog: string[] = [];
  let last: Omit<Built, 'roots' | 'volumes' | 'runLog'> | undefined;

  for (const stage of stages) {
    const root = join(scratch, `stage-${stage.name}`);
    mkdirSync(root, { recursive: true });
    roots.set(stage.name, root);
    const inStage = (p: string, workdir: string) => join(root, p.startsWith('/') ? p : join(workdir, p));
    const state = { workdir: '/', env: {} as Record<string, string>, cmd: [] as string[], healthcheck: [] as string[], stopSignal: 'SIGTERM', user: undefined as string | undefined };

    for (const { op, args } of stage.steps) {
      switch (op) {
        case 'WORKDIR':
          state.workdir = args.startsWith('/') ? args : join(state.workdir, args);
          mkdirSync(inStage(state.workdir, '/'), { recursive: true });
          break;
        case 'ENV':
          Object.assign(state.env, readEnv(args));
          break;
        case 'COPY': {
          const { options, rest } = readOptions(args);
          const parts = rest.split(/\s+/);
          const dest = parts.pop() ?? '.';
          for (const src of parts) {
            const fromRoot = options.from ? roots.get(options.from) : undefined;
            if (options.from && !fromRoot) throw new Error(`COPY --from=${options.from}: no such stage`);
            const source = fromRoot ? join(fromRoot, src) : join(ROOT, src);
            if (!existsSync(source)) throw new Error(`COPY ${src}: not found (Docker would fail here too)`);
            if (!fromRoot && ignored(src)) throw new Error(`COPY ${src}: excluded by .dockerignore`);
            // Docker: a directory's contents go into dest; a file goes into dest/ or becomes dest.
            const isDir = statSync(source).isDirectory();
            const target = inStage(dest, state.workdir);
            const to = isDir || !dest.endsWith('/') ? target : join(target, basename(src));
            mkdirSync(isDir ? to : dirname(to), { recursive: true });
            cpSync(source, to, {
              recursive: true,
              filter: (p) => fromRoot !== undefined || !ignored(relative(ROOT, p)) || relative(ROOT, p) === src,
            });
          }
          break;
        }
        case 'RUN': {
          const command = offline(args);
          const cwd = inStage(state.workdir, '/');
          const started = Date.now();
          const r = spawnSync('sh', ['-c', command], { cwd, env: { ...baseEnv(), ...state.env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
          runLog.push(`[${stage.name}] ${command} -> ${r.status} in ${Date.now() - started} ms`);
          if (r.status !== 0) throw new Error(`RUN ${command} failed (${r.status}):\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`);
          break;
        }
        case 'CMD':
          state.cmd = readExec(args);
          break;
        case 'HEALTHCHECK': {
          const { rest } = readOptions(args);
          if (!rest.startsWith('CMD ')) throw new Error(`HEALTHCHECK without CMD: ${args}`);
          state.healthcheck = readExec(rest.slice(4).trim());
          break;
        }
        case 'VOLUME':
          for (const v of readExec(args)) {
            const dir = join(scratch, `volume${v.replace(/\//g, '-')}`);
            mkdirSync(dir, { recursive: true });
            volumes.set(v, dir);
          }
          break;
        case 'STOPSIGNAL':
          state.stopSignal = args;
          break;
        case 'USER':
          state.user = args;
          break;
        case 'EXPOSE':
        case 'LABEL':
        case 'ARG':
          break;
        default:
          throw new Error(`the replay does not know ${op}: teach it, or keep the Dockerfile simple`);
      }
    }
    last = state;
  }
  if (!last) throw new Error('no stages');
  return { roots, volumes, runLog, ...last };
}

/** Container paths in ENV values (BOT_CONFIG=/config/bot.json) point into the volume dirs. */
function mapVolumes(env: Record<string, string>, volumes: Map<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    const volume = [...volumes.keys()].find((vol) => v === vol || v.startsWith(`${vol}/`));
    out[k] = volume ? (volumes.get(volume) ?? '') + v.slice(volume.length) : v;
  }
  return out;
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => res(port));
    });
  });
}

async function waitForHealth(port: number, child: ChildProcess, ms: number): Promise<Response> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the bot exited (${child.exitCode}) before serving /healthz`);
    try {
      return await fetch(`http://127.0.0.1:${port}/healthz`);
    } catch {
      if (Date.now() > deadline) throw new Error(`no /healthz on ${port} after ${ms} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((res) => {
    if (child.exitCode !== null || child.signalCode !== null) res({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => res({ code, signal }));
  });
}

// ---------------------------------------------------------------------------------------------

const scratch = mkdtempSync(join(tmpdir(), 'hurd-xen-bot-docker-'));
let bot: ChildProcess | undefined;
afterAll(() => {
  if (bot && bot.exitCode === null && bot.signalCode === null) bot.kill('SIGKILL');
  // Three node_modules trees: removing them can outlast a hook timeout on a busy machine, so rm runs on its own.
  spawn('rm', ['-rf', scratch], { detached: true, stdio: 'ignore' }).unref();
});

describe('the Dockerfile', () => {
  const stages = readStages(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));

  it('is multi-stage, runs as a non-root user, stops on SIGTERM and has a healthcheck', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const runtime = stages.at(-1)?.steps ?? [];
    const ops = (op: string) => runtime.filter((s) => s.op === op).map((s) => s.args);
    expect(ops('USER')).toHaveLength(1);
    expect(ops('USER')[0]).not.toMatch(/^(root|0)(:|$)/);
    expect(ops('STOPSIGNAL')).toEqual(['SIGTERM']);
    expect(ops('HEALTHCHECK')).toHaveLength(1);
    expect(ops('CMD').map(readExec)).toEqual([['node', 'dist/bot/main.js']]);
    // No RUN in the runtime stage may install anything beyond production dependencies.
    for (const run of ops('RUN')) if (/\bnpm (ci|install)\b/.test(run)) expect(run).toMatch(/--omit=dev/);
  });

  it(
    'builds in a clean directory, starts headless with health on, passes its HEALTHCHECK and exits within 10 s of SIGTERM',
    { timeout: 300_000 },
    async () => {
      const image = buildStages(stages, scratch);
      const app = join(image.roots.get(stages.at(-1)?.name ?? '') ?? '', image.workdir);

      // Production dependencies only in the final image; the build output and knowledge are there.
      expect(existsSync(join(app, 'node_modules', 'pino'))).toBe(true);
      expect(existsSync(join(app, 'node_modules', 'typescript'))).toBe(false);
      expect(existsSync(join(app, 'node_modules', 'vitest'))).toBe(false);
      expect(existsSync(join(app, 'dist', 'bot', 'main.js'))).toBe(true);
      expect(existsSync(join(app, 'knowledge', 'entries'))).toBe(true);

      // docker run -v ./config:/config -v ./docs:/docs -e HEALTH_PORT=<free>: health on loopback, no chat networks.
      const port = await freePort();
      const env: Record<string, string> = { ...baseEnv(), ...mapVolumes(image.env, image.volumes), HEALTH_PORT: String(port) };
      expect(env.BOT_CONFIG_DEFAULT, 'BOT_CONFIG_DEFAULT should point into the /config volume').toMatch(new RegExp(`^${scratch}`));
      writeFileSync(env.BOT_CONFIG_DEFAULT ?? '', JSON.stringify({ health: { enabled: true, host: '127.0.0.1', port }, logLevel: 'info' }));

      const [command, ...args] = image.cmd;
      const output: string[] = [];
      const stdout: string[] = [];
      bot = spawn(command ?? 'node', args, { cwd: app, env, stdio: ['ignore', 'pipe', 'pipe'] });
      bot.stdout?.on('data', (d: Buffer) => {
        output.push(d.toString());
        stdout.push(d.toString());
      });
      bot.stderr?.on('data', (d: Buffer) => output.push(d.toString()));

      try {
        const res = await waitForHealth(port, bot, 30_000);
        expect(res.status).toBe(200);
        expect(await res.json()).toMatchObject({ status: 'ok' });
        expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(200);

        const [hcCommand, ...hcArgs] = image.healthcheck;
        const hc = spawnSync(hcCommand ?? 'node', hcArgs, { cwd: app, env, timeout: 10_000 });
        expect(hc.status, 'HEALTHCHECK command').toBe(0);

        // Structured logs: the bot said something, and every stdout line is a JSON record with a level.
        const lines = stdout.join('').split('\n').filter(Boolean);
        expect(lines.length).toBeGreaterThan(0);
        for (const line of lines) expect(JSON.parse(line)).toHaveProperty('level');

        const started = Date.now();
        bot.kill(image.stopSignal as NodeJS.Signals);
        const result = await Promise.race([exited(bot), new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 10_000))]);
        expect(result, `exit after ${image.stopSignal}`).not.toBe('timeout');
        expect(result).toEqual({ code: 0, signal: null });
        expect(Date.now() - started).toBeLessThan(10_000);
      } catch (e) {
        throw new Error(`${(e as Error).message}\n--- RUN steps ---\n${image.runLog.join('\n')}\n--- bot output ---\n${output.join('').slice(-4000)}`, { cause: e });
      }
    },
  );
});
