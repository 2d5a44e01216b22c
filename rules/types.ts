/**
 * The contract of the rule engine: rules, findings, fixes.
 * Modeled on ESLint rule objects (meta + check) and ShellCheck's one-code-one-explanation-one-fix habit.
 */
import type { Edit, ParsedConfig } from './config/types.js';

export type Severity = 'error' | 'warning' | 'info';
export type Domain = 'kernel' | 'ramdisk' | 'memory' | 'disk' | 'network' | 'boot' | 'toolstack' | 'syntax' | 'log' | 'command';
/** What a rule inspects. */
export type Target = 'config' | 'log' | 'command';

export interface Source {
  /** URL of the documentation the rule derives from. */
  url: string;
  /** Section / fact reference, e.g. 'hurd-xen-facts.md #30' or 'xl.cfg(5) disk'. */
  section: string;
}

export interface RuleMeta {
  /** Stable id, never reused. Ranges: HX1xx kernel/ramdisk, HX2xx memory, HX3xx disk/root, HX4xx network,
   *  HX5xx toolstack/syntax, HX6xx log diagnoses, HX7xx pasted commands. */
  id: string;
  /** Short slug, e.g. 'memory-over-580'. */
  name: string;
  title: string;
  severity: Severity;
  domain: Domain;
  target: Target;
  /** One line for a person in a hurry. */
  message: string;
  /** Longer explanation (a few sentences). */
  explanation: string;
  /** True when the rule can produce a structured config fix. */
  fixable: boolean;
  source: Source;
  /** id of the knowledge entry (knowledge/entries/<id>.md) that explains it. */
  knowledge: string;
}

/** A question the fixer cannot answer itself (e.g. "is your hypervisor PAE?"), with one fix per answer. */
export interface FixVariant {
  label: string;
  edits: Edit[];
}

export interface Finding {
  rule: string;
  name: string;
  severity: Severity;
  /** Specific message for this occurrence (may differ from meta.message: it names the values found). */
  message: string;
  line?: number;
  column?: number;
  /** Edits that fix this finding (config rules only). */
  fix?: Edit[];
  /** When the fix depends on a fact the bot cannot know: the question and one variant per answer. */
  ask?: { question: string; variants: FixVariant[] };
  /** Advice in words when there is no mechanical fix (log rules mostly). */
  advice?: string;
  source: Source;
  knowledge: string;
}

export interface ConfigContext {
  config: ParsedConfig;
  /** The dialect the user targets, if known (from the paste, e.g. "xl create"). */
  dialect?: 'xm' | 'xl';
}

export interface ConfigRule {
  meta: RuleMeta & { target: 'config' };
  check(ctx: ConfigContext): Finding[];
}

export interface LogContext {
  /** The log text, already capped. */
  text: string;
  /** The events the log parser found. */
  events: readonly import('./logs/types.js').LogEvent[];
  /** A config pasted along with the log, if any. */
  config?: ParsedConfig;
  /** The paste's cleaned lines (chat prefixes, fences and controls removed), computed once for every rule. */
  lines?: readonly import('./logs/lines.js').PasteLine[];
}

export interface LogRule {
  meta: RuleMeta & { target: 'log' | 'command' };
  check(ctx: LogContext): Finding[];
}

export type Rule = ConfigRule | LogRule;
