/** Run the compiled CLI (`npm test` builds dist/ before vitest runs). */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CLI = resolve(ROOT, 'dist/bot/cli.js');
export const built = existsSync(CLI);

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], input?: string, nodeArgs: string[] = [], env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [...nodeArgs, CLI, ...args], { input, encoding: 'utf8', cwd: ROOT, timeout: 60_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
