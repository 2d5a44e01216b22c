/** What every part of the bench shares: the rows it reports, statistics, time limits. */
import { packageRoot } from '../../bot/ops/paths.js';
import type { Message } from '../../bot/brain/reply.js';

export interface Row {
  section: string;
  metric: string;
  value: number | null;
  unit: string;
  /** Human-readable target, e.g. "< 2 ms". */
  target?: string;
  pass?: boolean;
  note?: string;
}

export interface Stats {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

export const ROOT = packageRoot();
export const rows: Row[] = [];
export const add = (row: Row): void => void rows.push(row);

export function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
  return { n: sorted.length, p50: at(50), p99: at(99), max: sorted.at(-1) ?? Number.NaN };
}

export const median = (xs: number[]): number => stats(xs).p50;
export const round = (x: number, digits = 3): number => Number(x.toFixed(digits));
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Rejects after `ms` so that nothing in the bench can hang it. */
export function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no result within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export const message = (text: string, addressed = true): Message => ({ text, author: 'bench', channel: '#bench', transport: 'irc', addressed });

export function table(): string {
  const header = ['section', 'metric', 'value', 'target', 'result'];
  const body = rows.map((r) => [
    r.section,
    r.metric,
    r.value === null ? 'n/a' : `${r.value} ${r.unit}`,
    r.target ?? '',
    r.pass === undefined ? '' : r.pass ? 'PASS' : 'FAIL',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 2 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  const notes = rows.filter((r) => r.note).map((r) => `  - ${r.section} / ${r.metric}: ${r.note}`);
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line), '', 'notes:', ...notes].join('\n');
}

