/**
 * The rule engine: runs the catalogue over a parsed config or a pasted log.
 * Parsers -> rules -> findings, each finding with its documentation source and knowledge entry.
 */
import type { ParsedConfig } from './config/types.js';
import type { ConfigRule, Finding, LogRule, Rule, Severity } from './types.js';
import { configRules } from './catalogue/config-rules.js';
import { logRules } from './catalogue/log-rules.js';
import { parseLog } from './logs/parse.js';
import type { LogEvent } from './logs/types.js';

/** Inputs are capped before any regex sees them. */
export const MAX_INPUT_CHARS = 256 * 1024;

export function capInput(text: string, max = MAX_INPUT_CHARS): string {
  return text.length > max ? text.slice(0, max) : text;
}

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

export function diagnoseLog(text: string, config?: ParsedConfig, rules: LogRule[] = logRules): LogDiagnosis {
  const capped = capInput(text);
  const events = parseLog(capped);
  const findings = sortFindings(rules.flatMap((rule) => safely(() => rule.check({ text: capped, events, config }))));
  return { findings, events, recognised: findings.length > 0 };
}
