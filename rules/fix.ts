/**
 * The fixer: applies the structured fixes of config findings the way ESLint does (sort, skip overlapping
 * edits, re-lint, repeat), keeps layout and comments, refuses any pass that would break the file's syntax,
 * and writes a unified diff whose hunk headers name the rules that made them.
 */
import { structuredPatch } from 'diff';
import type { Dialect, Edit, ParsedConfig } from './config/types.js';
import { parseConfig } from './config/index.js';
import { executableConstructs, newExecutableConstructs } from './config/python/index.js';
import { configRules } from './catalogue/config/index.js';
import { lintConfig } from './engine.js';
import type { ConfigRule, Finding } from './types.js';

export const MAX_FIX_PASSES = 10;

/**
 * Lint a parsed config with the config catalogue: the engine's lintConfig, so a rule that throws is skipped, and
 * reported to rules/engine.ts onRuleError listeners, here too (once per fix pass it ran in).
 */
export function lintParsed(config: ParsedConfig, dialect?: Dialect, rules: readonly ConfigRule[] = configRules): Finding[] {
  return lintConfig(config, dialect, rules);
}

/** One finding's edits, applied together or not at all. */
export interface FixGroup {
  rule: string;
  name: string;
  edits: Edit[];
}

export interface AppliedFix {
  rule: string;
  name: string;
  /** 1-based lines of the corrected text the fix touched (first..last). */
  lines: [number, number];
}

export interface FixResult {
  output: string;
  changed: boolean;
  applied: AppliedFix[];
  passes: number;
  /** Unified diff original -> output, hunk headers annotated with rule ids; null when nothing changed. */
  diff: string | null;
  /** Findings of the output (the re-lint). */
  remaining: Finding[];
  /** Fixes left out because applying them would have made the file run Python code it did not run before. */
  refused: { rule: string; name: string; why: string }[];
}

export interface FixOptions {
  dialect?: Dialect;
  maxPasses?: number;
  rules?: ConfigRule[];
  /** Only apply fixes of these rule ids (default: every fixable finding). */
  only?: ReadonlySet<string>;
  /** File name shown in the diff headers. */
  fileName?: string;
}

function rangeOf(edits: Edit[]): [number, number] {
  let start = Infinity;
  let end = -Infinity;
  for (const e of edits) {
    start = Math.min(start, e.start);
    end = Math.max(end, e.end);
  }
  return [start, end];
}

function overlaps(a: Edit, b: Edit): boolean {
  if (a.start < b.end && b.start < a.end) return true;
  // Two insertions (or an insertion at a replaced range's edge) at the same point have no defined order.
  const aEmpty = a.start === a.end;
  const bEmpty = b.start === b.end;
  return (aEmpty || bEmpty) && a.start <= b.end && b.start <= a.end;
}

function wellFormed(edits: Edit[], length: number): boolean {
  const sorted = [...edits].sort((x, y) => x.start - y.start);
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i]!;
    if (!(e.start >= 0 && e.end >= e.start && e.end <= length)) return false;
    const next = sorted[i + 1];
    if (next && overlaps(e, next)) return false;
  }
  return true;
}

/** Apply non-overlapping edits (any order given) in one linear pass. */
export function applyEditList(source: string, edits: Edit[]): string {
  const parts: string[] = [];
  let cursor = 0;
  for (const e of [...edits].sort((x, y) => x.start - y.start || x.end - y.end)) {
    parts.push(source.slice(cursor, e.start), e.text);
    cursor = Math.max(cursor, e.end);
  }
  parts.push(source.slice(cursor));
  return parts.join('');
}

/** Bounds that keep one pass linear-ish on absurd inputs (a 40 000-line paste). */
export const MAX_GROUPS_PER_PASS = 500;
export const MAX_EDITS_PER_GROUP = 5000;

/** Index of the first taken edit whose end is >= offset (taken is sorted and non-overlapping). */
function firstEndingAtOrAfter(taken: Edit[], offset: number): number {
  let lo = 0;
  let hi = taken.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (taken[mid]!.end < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function overlapsTaken(taken: Edit[], e: Edit): boolean {
  for (let i = firstEndingAtOrAfter(taken, e.start); i < taken.length && taken[i]!.start <= e.end; i++) if (overlaps(e, taken[i]!)) return true;
  return false;
}

/** ESLint's choice: sort fixes by position, take each one that overlaps nothing taken so far. */
export function chooseGroups(groups: FixGroup[], length: number): FixGroup[] {
  const candidates = groups
    .filter((g) => g.edits.length > 0 && g.edits.length <= MAX_EDITS_PER_GROUP && wellFormed(g.edits, length))
    .map((g) => ({ g, range: rangeOf(g.edits) }))
    .sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  let taken: Edit[] = [];
  const chosen: FixGroup[] = [];
  for (const { g } of candidates) {
    if (chosen.length >= MAX_GROUPS_PER_PASS) break;
    if (g.edits.some((e) => overlapsTaken(taken, e))) continue;
    taken = [...taken, ...g.edits].sort((x, y) => x.start - y.start || x.end - y.end);
    chosen.push(g);
  }
  return chosen;
}

/** Where offsets of the old text land after the edits (insertions at the offset itself stay after it). */
function offsetMapper(edits: Edit[]): (offset: number) => number {
  const sorted = [...edits].sort((x, y) => x.end - y.end);
  const prefix: number[] = [0];
  for (const e of sorted) prefix.push(prefix[prefix.length - 1]! + e.text.length - (e.end - e.start));
  return (offset) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const e = sorted[mid]!;
      const before = e.end < offset || (e.end === offset && e.start !== e.end);
      if (before) lo = mid + 1;
      else hi = mid;
    }
    return offset + prefix[lo]!;
  };
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** The dialects the text is valid in. */
function validIn(config: ParsedConfig): Set<Dialect> {
  const out = new Set<Dialect>();
  if (config.xm.ok) out.add('xm');
  if (config.xl.ok) out.add('xl');
  return out;
}

/** A pass must not break a dialect the text was valid in (the target one, or both when unknown). */
function keepsSyntax(before: Set<Dialect>, after: Set<Dialect>, dialect: Dialect | undefined): boolean {
  const needed = dialect ? [dialect] : [...before];
  return needed.every((d) => !before.has(d) || after.has(d));
}

function groupsOf(findings: Finding[], only?: ReadonlySet<string>): FixGroup[] {
  return findings
    .filter((f) => f.fix && f.fix.length > 0 && (!only || only.has(f.rule)))
    .map((f) => ({ rule: f.rule, name: f.name, edits: f.fix! }));
}

interface Tracked {
  rule: string;
  name: string;
  start: number;
  end: number;
}

/**
 * Fix a config: lint, apply every non-overlapping fix, re-lint and repeat until nothing changes (at most
 * maxPasses). `initial` are extra edit groups to apply in the first pass (an answered question's variant);
 * `linted` saves re-parsing when the caller already has the parse and the findings of `source`.
 */
export function fixConfig(source: string, options: FixOptions = {}, initial: FixGroup[] = [], linted?: { config: ParsedConfig; findings: Finding[] }): FixResult {
  const { dialect, rules = configRules, only } = options;
  const maxPasses = options.maxPasses ?? MAX_FIX_PASSES;
  let text = source;
  let config = linted?.config ?? parseConfig(text);
  let findings = linted?.findings ?? lintParsed(config, dialect, rules);
  const tracked: Tracked[] = [];
  const refused: FixResult['refused'] = [];
  // What the user's own file executes: a corrected file may execute nothing more (xm runs the file on dom0).
  const userCode = executableConstructs(source);
  const addsCode = (candidate: string) => newExecutableConstructs(userCode, candidate);
  let passes = 0;
  let pending = initial;
  while (passes < maxPasses) {
    const chosen = chooseGroups([...pending, ...groupsOf(findings, only)], text.length);
    pending = [];
    if (chosen.length === 0) break;
    const before = validIn(config);
    let accepted = chosen;
    let next = applyEditList(text, accepted.flatMap((g) => g.edits));
    let nextConfig = parseConfig(next);
    if (!keepsSyntax(before, validIn(nextConfig), dialect) || addsCode(next).length > 0) {
      // Find the fixes that keep the syntax and add no code, one at a time.
      accepted = [];
      for (const g of chosen) {
        const trial = [...accepted, g];
        const trialText = applyEditList(text, trial.flatMap((x) => x.edits));
        const code = addsCode(trialText);
        if (code.length > 0) {
          if (!refused.some((r) => r.rule === g.rule)) refused.push({ rule: g.rule, name: g.name, why: `the edit would turn text into Python code (${code.slice(0, 3).join(', ')})` });
          continue;
        }
        if (keepsSyntax(before, validIn(parseConfig(trialText)), dialect)) accepted = trial;
      }
      if (accepted.length === 0) break;
      next = applyEditList(text, accepted.flatMap((g) => g.edits));
      nextConfig = parseConfig(next);
    }
    const map = offsetMapper(accepted.flatMap((g) => g.edits));
    for (const t of tracked) {
      t.start = map(t.start);
      t.end = Math.max(t.start, map(t.end));
    }
    for (const g of accepted) {
      const [start, end] = rangeOf(g.edits);
      const growth = g.edits.reduce((n, e) => n + e.text.length - (e.end - e.start), 0);
      const newStart = map(start);
      tracked.push({ rule: g.rule, name: g.name, start: newStart, end: Math.max(newStart, newStart + (end - start) + growth) });
    }
    passes++;
    if (next === text) break;
    text = next;
    config = nextConfig;
    findings = lintParsed(config, dialect, rules);
  }
  const applied: AppliedFix[] = tracked.map((t) => ({ rule: t.rule, name: t.name, lines: [lineAt(text, t.start), lineAt(text, Math.max(t.start, t.end - 1))] }));
  const changed = text !== source;
  return {
    output: text,
    changed,
    applied,
    passes,
    diff: changed ? annotatedDiff(source, text, applied, options.fileName) : null,
    remaining: findings,
    refused,
  };
}

/** Unified diff whose `@@` lines carry the rules that produced each hunk: `@@ -4,1 +4,1 @@ # HX201 memory-over-580`. */
const MAX_DIFF_EDITS = 2000;

interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  lines: string[];
}

/** One hunk from the first to the last differing line (common head and tail trimmed). */
function coarseHunk(before: string, after: string): Hunk {
  const split = (s: string) => {
    const lines = s.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    return lines;
  };
  const a = split(before);
  const b = split(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const removed = a.slice(head, a.length - tail);
  const added = b.slice(head, b.length - tail);
  const lines = [...removed.map((l) => `-${l}`), ...added.map((l) => `+${l}`)];
  if (!before.endsWith('\n') && tail === 0 && removed.length > 0) lines.splice(removed.length, 0, '\\ No newline at end of file');
  if (!after.endsWith('\n') && tail === 0 && added.length > 0) lines.push('\\ No newline at end of file');
  return { oldStart: removed.length > 0 ? head + 1 : head, oldLines: removed.length, newStart: added.length > 0 ? head + 1 : head, newLines: added.length, lines };
}

export function annotatedDiff(before: string, after: string, applied: AppliedFix[], fileName = 'hurd'): string {
  // Myers' diff is O(N·D): on a huge file with thousands of changed lines (CRLF everywhere) it is quadratic, so past
  // MAX_DIFF_EDITS it gives up and one coarse hunk covers the changed region instead (linear, still a valid diff).
  const patch = structuredPatch(`a/${fileName}`, `b/${fileName}`, before, after, undefined, undefined, { context: 3, maxEditLength: MAX_DIFF_EDITS });
  const hunks = patch ? patch.hunks : [coarseHunk(before, after)];
  const out = [`--- a/${fileName}`, `+++ b/${fileName}`];
  for (const h of hunks) {
    const first = h.newStart;
    const last = h.newStart + Math.max(h.newLines, 1) - 1;
    const rules = applied.filter((a) => a.lines[0] <= last && a.lines[1] >= first);
    const names = [...new Map(rules.map((r) => [`${r.rule} ${r.name}`, true])).keys()];
    const header = `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`;
    out.push(names.length > 0 ? `${header} # ${names.join(', ')}` : header);
    out.push(...h.lines);
  }
  return out.join('\n') + '\n';
}
