/**
 * The rule engine: runs the catalogue over a parsed config or a pasted log.
 * Parsers -> rules -> findings, each finding with its documentation source and knowledge entry.
 */
import type { ParsedConfig } from './config/types.js';
import type { ConfigRule, Finding, LogRule, Rule, Severity } from './types.js';
import { configRules } from './catalogue/config-rules.js';
import { logRules } from './catalogue/log-rules.js';
import { parseLog } from './logs/parse.js';
import { pasteLines } from './logs/lines.js';
import { MESSAGE_FAMILIES } from './logs/inventory.js';
import type { LogEvent } from './logs/types.js';

/** Inputs are capped before any regex sees them. */
export const MAX_INPUT_CHARS = 256 * 1024;

/**
 * At most `max` characters of a paste. The decisive lines of a long log are usually at its end (the error after
 * pages of `xl -vvv` debug output), so a long paste keeps its head (a quarter), its tail (the rest) and, from the
 * middle, up to MIDDLE_ERROR_LINES lines that look like errors; a marker line says how much was skipped.
 */
export function capInput(text: string, max = MAX_INPUT_CHARS): string {
  if (text.length <= max) return text;
  const headEnd = Math.max(text.lastIndexOf('\n', Math.floor(max / 4)), 0);
  const tailBudget = max - headEnd - 2048;
  const tailStart = Math.max(text.indexOf('\n', text.length - tailBudget), headEnd);
  const kept: string[] = [];
  let keptChars = 0;
  for (let at = headEnd + 1; at < tailStart && kept.length < MIDDLE_ERROR_LINES; ) {
    const nl = text.indexOf('\n', at);
    const end = nl < 0 || nl > tailStart ? tailStart : nl;
    const line = text.slice(at, Math.min(end, at + 400));
    if (MIDDLE_ERROR.test(line) && keptChars + line.length < 1536) {
      kept.push(line);
      keptChars += line.length + 1;
    }
    at = end + 1;
  }
  const skipped = tailStart - headEnd - keptChars;
  return `${text.slice(0, headEnd)}\n[... ${skipped} characters of the paste skipped ...]\n${kept.length ? `${kept.join('\n')}\n` : ''}${text.slice(tailStart + 1)}`;
}

const MIDDLE_ERROR_LINES = 20;
/** Literal alternation: linear. */
const MIDDLE_ERROR = /error|panic|fail|cannot|not found|invalid/i;

const severityOrder: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function allRules(): Rule[] {
  return [...configRules, ...logRules];
}

export function getRule(idOrName: string): Rule | undefined {
  const q = idOrName.trim().toLowerCase();
  return allRules().find((r) => r.meta.id.toLowerCase() === q || r.meta.name === q);
}

function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) => severityOrder[a.severity] - severityOrder[b.severity] || (a.line ?? 0) - (b.line ?? 0) || a.rule.localeCompare(b.rule),
  );
}

/** A rule that throws must not take the bot down: it is skipped, and the others still run. */
function safely<T>(fn: () => T[]): T[] {
  try {
    return fn();
  } catch {
    return [];
  }
}

export function lintConfig(config: ParsedConfig, dialect?: 'xm' | 'xl', rules: ConfigRule[] = configRules): Finding[] {
  return sortFindings(rules.flatMap((rule) => safely(() => rule.check({ config, dialect }))));
}

export interface LogDiagnosis {
  findings: Finding[];
  events: LogEvent[];
  /** False when the paste looks like an error the catalogue does not know. */
  recognised: boolean;
}

/** The inventory's precedence (rules/logs/inventory.ts yieldsTo / supersedes): one cause, one finding. */
function oneFindingPerCause(findings: Finding[]): Finding[] {
  const fired = new Set(findings.map((f) => f.rule));
  const dropped = new Set<string>();
  for (const family of MESSAGE_FAMILIES) {
    if (!fired.has(family.id)) continue;
    if (family.yieldsTo?.some((id) => fired.has(id))) dropped.add(family.id);
    for (const id of family.supersedes ?? []) dropped.add(id);
  }
  return dropped.size === 0 ? findings : findings.filter((f) => !dropped.has(f.rule));
}

/**
 * A paste that shows several tries (create, fix something, create again) is decided by the last one: errors of
 * the earlier runs, when the last run has errors of its own, are kept as notes only.
 */
function staleRunsDemoted(findings: Finding[], events: LogEvent[]): Finding[] {
  let lastRun = 0;
  for (const e of events) {
    const t = e.text.slice(0, 200);
    if (e.type === 'command' && /\b(?:xl|xm)\b/.test(t) && /\bcreate\b/.test(t)) lastRun = Math.max(lastRun, e.line);
  }
  if (lastRun === 0) return findings;
  const current = findings.filter((f) => f.severity === 'error' && (f.line ?? 0) >= lastRun);
  if (current.length === 0) return findings;
  return findings.map((f) => (f.severity !== 'info' && f.line !== undefined && f.line < lastRun ? { ...f, severity: 'info', message: `(an earlier attempt in this paste) ${f.message}` } : f));
}

export function diagnoseLog(text: string, config?: ParsedConfig, rules: LogRule[] = logRules): LogDiagnosis {
  const capped = capInput(text);
  // The paste is split and cleaned once; every rule reads the same lines.
  const lines = pasteLines(capped);
  const events = parseLog(capped, lines);
  const findings = sortFindings(staleRunsDemoted(oneFindingPerCause(rules.flatMap((rule) => safely(() => rule.check({ text: capped, events, config, lines })))), events));
  return { findings, events, recognised: findings.length > 0 };
}
