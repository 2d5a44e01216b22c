/**
 * The rule engine: runs the catalogue over a parsed config or a pasted log.
 * Parsers -> rules -> findings, each finding with its documentation source and knowledge entry.
 */
import type { ParsedConfig } from './config/types.js';
import type { ConfigRule, Finding, LogRule, Rule, Severity } from './types.js';
import { configRules } from './catalogue/config/index.js';
import { logRules } from './catalogue/logs/index.js';
import { findWordings } from './catalogue/wordings.js';
import { analysePaste, type PasteAnalysis } from './logs/analysis.js';
import { hasKind } from './logs/query.js';
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

/** Told of every rule that threw (its id and what it threw); the bot logs and counts them. */
export type RuleErrorListener = (ruleId: string, error: unknown) => void;

const ruleErrorListeners = new Set<RuleErrorListener>();
const ruleErrorCounts = new Map<string, number>();

/** Listen to the rules that throw; returns the function that stops listening. */
export function onRuleError(listener: RuleErrorListener): () => void {
  ruleErrorListeners.add(listener);
  return () => ruleErrorListeners.delete(listener);
}

/** How many times rules threw since the process started: one rule's count, or all of them. */
export function ruleErrorCount(ruleId?: string): number {
  if (ruleId !== undefined) return ruleErrorCounts.get(ruleId) ?? 0;
  let total = 0;
  for (const n of ruleErrorCounts.values()) total += n;
  return total;
}

function reportRuleError(ruleId: string, error: unknown): void {
  ruleErrorCounts.set(ruleId, (ruleErrorCounts.get(ruleId) ?? 0) + 1);
  for (const listener of ruleErrorListeners) {
    try {
      listener(ruleId, error);
    } catch {
      // a listener that fails (a closed log stream) must not turn one rule's bug into a failed diagnosis
    }
  }
}

/**
 * A rule that throws must not take the bot down: it is skipped and the others still run; but it is a bug, so it is
 * counted and every onRuleError listener hears of it instead of the finding silently missing.
 */
function safely<T>(ruleId: string, fn: () => T[]): T[] {
  try {
    return fn();
  } catch (error) {
    reportRuleError(ruleId, error);
    return [];
  }
}

export function lintConfig(config: ParsedConfig, dialect?: 'xm' | 'xl', rules: readonly ConfigRule[] = configRules): Finding[] {
  return sortFindings(rules.flatMap((rule) => safely(rule.meta.id, () => rule.check({ config, ...(dialect ? { dialect } : {}) }))));
}

export interface LogDiagnosis {
  findings: Finding[];
  events: readonly LogEvent[];
  /** False when the paste looks like an error the catalogue does not know. */
  recognised: boolean;
}

/** The rules' precedence (meta.yieldsTo / meta.supersedes, as the inventory families declare it): one cause, one finding. */
function oneFindingPerCause(findings: Finding[], rules: readonly LogRule[]): Finding[] {
  const fired = new Set(findings.map((f) => f.rule));
  const dropped = new Set<string>();
  for (const { meta } of rules) {
    if (!fired.has(meta.id)) continue;
    if (meta.yieldsTo?.some((id) => fired.has(id))) dropped.add(meta.id);
    for (const id of meta.supersedes ?? []) dropped.add(id);
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
 * it): the paste is then split, cleaned and parsed only once, and every rule reads the same lines. The rules that
 * declare the wordings of their message share one pass over those lines (rules/catalogue/wordings.ts).
 */
export function diagnoseLog(paste: string | PasteAnalysis, config?: ParsedConfig, rules: readonly LogRule[] = logRules): LogDiagnosis {
  const { text: capped, lines, events } = typeof paste === 'string' ? analysePaste(paste) : paste;
  try {
    findWordings(lines, rules.map((r) => r.meta));
  } catch {
    // not lost: each wording rule then looks for its own lines, and what fails is reported under its id
  }
  const all = rules.flatMap((rule) => safely(rule.meta.id, () => rule.check({ text: capped, events, lines, ...(config ? { config } : {}) })));
  const findings = sortFindings(staleRunsDemoted(oneFindingPerCause(all, rules), events));
  return { findings, events, recognised: findings.length > 0 };
}
