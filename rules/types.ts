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

/** One wording of a message a program prints, as a log rule declares it (rules/catalogue/logs/, the inventory). */
export interface Wording {
  /** Applied to one line of the paste (at most a few hundred characters); must pass recheck. */
  pattern: RegExp;
  /** Which program and generation prints it, and where (repository path at a commit, or package). */
  printedBy: string;
  /** A line as the program prints it, built from the format string: the tests feed it to the rule. */
  example: string;
  /**
   * A message other programs print too (GRUB legacy's "Error 13" comes from every GRUB 0.97, chainloading Windows
   * included) is ours only when the paste also shows this, anywhere (tested on the whole capped paste, so a plain
   * alternation: linear); `example` is a line that shows it, for the tests.
   */
  onlyWith?: { pattern: RegExp; example: string };
}

/** The first line of a paste that carries one of a rule's wordings (found by the engine's one pass over the paste). */
export interface WordingMatch {
  /** 1-based line of the paste. */
  line: number;
  /** What the wording was tested on: the cleaned line, cut to MAX_WORDING_LINE characters. */
  text: string;
  wording: Wording;
  /** The named groups of the wording's match (e.g. the vdev or path the message printed). */
  groups: Readonly<Record<string, string>>;
}

export interface RuleMeta {
  /** Stable id, never reused. Ranges: HX1xx kernel/ramdisk, HX2xx memory, HX3xx disk/root, HX4xx network,
   *  HX5xx toolstack/syntax, HX6xx log diagnoses, HX7xx pasted commands, HX8xx log diagnoses continued (HX6xx is full). */
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
  /** The documentation the rule derives from: a URL of rules/catalogue/sources.ts and the section there. */
  docs: Source;
  /** The same object as `docs`, under its older name (bot/ and knowledge/ read it). */
  source: Source;
  /** id of the knowledge entry (knowledge/entries/<id>.md) that explains it. */
  knowledge: string;
  /** What the rule's findings say, by messageId; `{{name}}` takes the value the finding's report gives for name. */
  messages: Readonly<Record<string, string>>;
  /**
   * Log rules: event kinds without which the rule cannot fire (like an ESLint rule's node selectors): when a paste
   * has none of them the rule is not run at all, so a long paste costs the rules that could apply, not every rule's scan.
   */
  triggers?: readonly string[];
  /**
   * Log rules: the wordings of the message the rule explains. The engine finds the first paste line that carries
   * any of them (one pass over the paste for all rules) and runs the rule only then, with that line as ctx.match.
   */
  wordings?: readonly Wording[];
  /** Rules that say the same thing more precisely: when one of them fires, this rule's finding is dropped. */
  yieldsTo?: readonly string[];
  /** Rules this one says more precisely: when it fires, their findings are dropped (one cause, one finding). */
  supersedes?: readonly string[];
  /**
   * Log rules whose finding leaves the cause open (issue 16): the one observation that separates the causes, asked
   * for when the paste does not show it yet (`shownBy` finds it in a paste; then nothing is asked again). The rules
   * that read that output together with this finding conclude; their sources cite the observation.
   */
  decidedBy?: DecidingObservation;
}

/** What to paste (with the command that shows it), why it decides, and how to see that it was pasted. */
export interface DecidingObservation {
  what: string;
  why: string;
  /**
   * Matches a paste that already decides: the observation itself, or a wording of the message that leaves no doubt
   * (`guest type xen-3.0-x86_32 not supported` can only be a non-PAE GNU Mach). Anchored or literal: linear.
   */
  shownBy: RegExp;
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
  /** Which of the rule's meta.messages this is (set by every rule of the catalogue; optional for hand-made findings). */
  messageId?: string;
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

/** A rule as the engine runs it (made by defineRule in rules/catalogue/define.ts, the one way to declare one). */
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
