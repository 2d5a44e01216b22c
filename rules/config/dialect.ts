/** What each dialect parser hands back to parseConfig. */
import type { Assignment, DialectResult, NotEvaluated, PlainValue } from './types.js';

export interface DialectParse {
  result: DialectResult;
  /** Assignments found (with error recovery, so also for rejected files). */
  assignments: Assignment[];
  values: Record<string, PlainValue>;
  duplicates: Record<string, number[]>;
  notEvaluated: NotEvaluated[];
}

/** Records the line of every plain '=' assignment per key; keeps only keys set more than once. */
export function collectDuplicates(assigns: readonly { key: string; op: string; line: number }[]): Record<string, number[]> {
  const lines = new Map<string, number[]>();
  for (const a of assigns) {
    if (a.op !== '=') continue;
    const list = lines.get(a.key) ?? [];
    list.push(a.line);
    lines.set(a.key, list);
  }
  const out: Record<string, number[]> = {};
  for (const [key, list] of lines) if (list.length > 1) out[key] = list;
  return out;
}
