/**
 * The rule engine: runs the catalogue over a parsed config or a pasted log.
 * Parsers -> rules -> findings, each finding with its documentation source and knowledge entry.
 */
import type { ParsedConfig } from './config/types.js';
import type { ConfigRule, Finding, LogRule, Rule, Severity } from './types.js';
import { configRules } from './catalogue/config-rules.js';
import { logRules } from './catalogue/log-rules.js';
import { analysePaste, type PasteAnalysis } from './logs/analysis.js';
import { hasKind } from './logs/query.js';
import { MESSAGE_FAMILIES } from './logs/inventory.js';
import type { LogEvent } from './logs/types.js';

export { capInput, MAX_INPUT_CHARS } from './logs/cap.js';

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
  events: readonly LogEvent[];
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

/** Event kinds that show a create run got past the toolstack: the domain was built and the kernel runs. */
const RUN_GOT_FURTHER = ['started-domain', 'gnumach-banner', 'running-on'];

/**
 * A paste that shows several tries (create, fix something, create again) is decided by the last one: errors of
 * the earlier runs, when the last run has errors of its own or got further (the domain started) without any, are
 * kept as notes only.
 */
function staleRunsDemoted(findings: Finding[], events: readonly LogEvent[]): Finding[] {
  let lastRun = 0;
  for (const e of events) {
    const t = e.text.slice(0, 200);
    if (e.type === 'command' && /\b(?:xl|xm)\b/.test(t) && /\bcreate\b/.test(t)) lastRun = Math.max(lastRun, e.line);
  }
  if (lastRun === 0) return findings;
  const current = findings.filter((f) => f.severity === 'error' && (f.line ?? 0) >= lastRun);
  // The last run has no error of its own: it decides only when it visibly got further (the domain started, GNU Mach
  // came up); a run cut off right after the command says nothing yet.
  if (current.length === 0 && !events.some((e) => e.line > lastRun && RUN_GOT_FURTHER.some((k) => hasKind(e, k)))) return findings;
  return findings.map((f) => (f.severity !== 'info' && f.line !== undefined && f.line < lastRun ? { ...f, severity: 'info', message: `(an earlier attempt in this paste) ${f.message}` } : f));
}

/**
 * Diagnose a pasted log. Pass the paste's analysis when the caller already made one (the brain classifies with
 * it): the paste is then split, cleaned and parsed only once, and every rule reads the same lines.
 */
export function diagnoseLog(paste: string | PasteAnalysis, config?: ParsedConfig, rules: LogRule[] = logRules): LogDiagnosis {
  const { text: capped, lines, events } = typeof paste === 'string' ? analysePaste(paste) : paste;
  const findings = sortFindings(staleRunsDemoted(oneFindingPerCause(rules.flatMap((rule) => safely(() => rule.check({ text: capped, events, config, lines })))), events));
  return { findings, events, recognised: findings.length > 0 };
}
