/** Whole processes: resident memory with both chat adapters loaded, CLI cold start. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

import { add, ROOT, round, stats } from './support.js';

export function run(command: string, args: string[], input?: string, timeoutMs = 30_000): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: performance.now() - started });
    });
    child.stdin.end(input ?? '');
  });
}

export async function benchMemory(): Promise<void> {
  const url = (p: string) => JSON.stringify(pathToFileURL(join(ROOT, 'dist', p)).href);
  // A fresh process, so the figure is what the bot holds after start-up and not what the bench allocated.
  const script = [
    `const { createBrain } = await import(${url('bot/brain/index.js')});`,
    `await import(${url('bot/adapters/irc/adapter.js')});`,
    `await import(${url('bot/adapters/discord/adapter.js')});`,
    `const brain = createBrain();`,
    `brain.handle({ text: 'how much memory can the hurd use?', author: 'a', channel: '#c', transport: 'irc', addressed: true });`,
    `globalThis.gc?.();`,
    `const m = process.memoryUsage();`,
    `process.stdout.write(JSON.stringify({ rss: m.rss, heapUsed: m.heapUsed }));`,
  ].join('\n');
  const r = await run(process.execPath, ['--expose-gc', '--input-type=module', '-e', script]);
  if (r.code !== 0) {
    add({ section: 'memory', metric: 'RSS after load', value: null, unit: 'MB', target: '< 150 MB', pass: false, note: `failed: ${r.stderr.trim().split('\n').at(-1) ?? ''}` });
    return;
  }
  const m = JSON.parse(r.stdout) as { rss: number; heapUsed: number };
  const mb = (b: number) => round(b / 1024 / 1024, 1);
  add({ section: 'memory', metric: 'RSS after load (brain + knowledge + irc and discord adapters imported, after GC)', value: mb(m.rss), unit: 'MB', target: '< 150 MB', pass: m.rss < 150 * 1024 * 1024 });
  add({ section: 'memory', metric: 'JS heap used after load', value: mb(m.heapUsed), unit: 'MB' });
}

export async function benchCli(): Promise<void> {
  const cli = join(ROOT, 'dist', 'bot', 'cli.js');
  const input = `${JSON.stringify({ text: 'how much memory can I give the hurd?' })}\n`;
  const times: number[] = [];
  let failure: string | undefined;
  for (let i = 0; i < 5; i++) {
    const r = await run(process.execPath, [cli, 'reply', '--jsonl'], input);
    const first = r.stdout.split('\n').find(Boolean);
    try {
      JSON.parse(first ?? '');
    } catch {
      failure = `exit ${r.code}, no JSON reply: ${(r.stderr || r.stdout).trim().split('\n').at(-1) ?? ''}`;
      break;
    }
    times.push(r.ms);
  }
  if (failure) add({ section: 'cli', metric: 'cold start, one `reply --jsonl`', value: null, unit: 'ms', note: failure });
  else {
    const s = stats(times);
    add({ section: 'cli', metric: `cold start, one \`reply --jsonl\` (median of ${s.n}, spawn to exit)`, value: Math.round(s.p50), unit: 'ms', note: `min ${Math.round(Math.min(...times))} ms, max ${Math.round(s.max)} ms` });
  }
}

