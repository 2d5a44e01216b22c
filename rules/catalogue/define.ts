/**
 * The one way to declare a rule, config and log alike (ESLint's rule objects: meta + check; ShellCheck's one code,
 * one explanation, one fix):
 *
 *   defineRule({
 *     meta: { id, name, title, severity, domain, target, docs: { url, section }, fixable, knowledge,
 *             message, explanation, messages: { someId: 'text with {{placeholders}}' }, [triggers | wordings] },
 *     check(ctx) { return [{ messageId: 'someId', data: { placeholders: '...' }, line, advice, fix }]; },
 *   })
 *
 * check returns reports; defineRule turns each into a Finding that carries the rule's id, name, docs and knowledge
 * entry and the text of meta.messages[messageId] with the report's data filled in. A log rule that declares
 * meta.wordings (the lines of the message it explains) runs only when the paste carries one, and gets the first such
 * line as ctx.match: a new log message is one rule file and its test.
 */
import type { Edit } from '../config/types.js';
import { pasteLines } from '../logs/lines.js';
import { hasAnyKind } from '../logs/query.js';
import type { ConfigContext, ConfigRule, Finding, FixVariant, LogContext, LogRule, RuleMeta, Severity, Wording, WordingMatch } from '../types.js';
import { wordingMatch } from './wordings.js';

/** Values for a message's {{placeholders}} (undefined only so that reports of a union type check: never give one). */
export type MessageData = Readonly<Record<string, string | number | undefined>>;

/** One finding as a rule's check reports it. */
export interface Report<M extends string = string> {
  /** The key of meta.messages whose text the finding says. */
  messageId: M;
  data?: MessageData;
  /** Config rules: where the value is in the file. */
  at?: { line: number; column: number };
  /** Log rules: the line of the paste. */
  line?: number | undefined;
  /** When this occurrence is more or less serious than meta.severity. */
  severity?: Severity;
  /** Config rules: the edits that fix it. */
  fix?: Edit[];
  /** Config rules: the question the fix depends on, with one variant per answer. */
  ask?: { question: string; variants: FixVariant[] };
  /** The one thing to do, in words. */
  advice?: string;
  /** When this occurrence is better explained by another knowledge entry than meta.knowledge. */
  knowledge?: string;
}

interface DeclaredMeta<M extends string> extends Omit<RuleMeta, 'fixable' | 'source' | 'messages' | 'target' | 'wordings'> {
  /** Default false (log and command rules give advice, never edits). */
  fixable?: boolean;
  messages: Record<M, string>;
}

/** The context of a rule that declares wordings: the first paste line that carries one of them. */
export type MatchedLogContext = LogContext & { match: WordingMatch };

export interface ConfigRuleDeclaration<M extends string> {
  meta: DeclaredMeta<M> & { target: 'config' };
  check(ctx: ConfigContext): Report<NoInfer<M>>[];
}

export interface LogRuleDeclaration<M extends string> {
  meta: DeclaredMeta<M> & { target: 'log' | 'command'; wordings?: undefined };
  check(ctx: LogContext): Report<NoInfer<M>>[];
}

export interface WordingRuleDeclaration<M extends string> {
  meta: DeclaredMeta<M> & { target: 'log' | 'command'; wordings: readonly Wording[] };
  check(ctx: MatchedLogContext): Report<NoInfer<M>>[];
}

const PLACEHOLDER = /\{\{\s*([\w-]{1,40})\s*\}\}/g;

/** A message's text with its {{placeholders}} filled in; one the data does not name stays as it is (as in ESLint). */
export function interpolate(template: string, data?: MessageData): string {
  if (!data) return template;
  return template.replace(PLACEHOLDER, (whole, key: string) => (Object.hasOwn(data, key) ? String(data[key]) : whole));
}

function messageOf(meta: RuleMeta, report: Report): string {
  const template = meta.messages[report.messageId];
  // a messageId the rule does not declare is a bug of the rule: the engine reports it like any rule that throws
  if (template === undefined) throw new Error(`${meta.id} reports messageId "${report.messageId}", which its meta.messages does not declare`);
  return interpolate(template, report.data);
}

function configFinding(meta: RuleMeta, r: Report): Finding {
  const f: Finding = {
    rule: meta.id,
    name: meta.name,
    severity: r.severity ?? meta.severity,
    message: messageOf(meta, r),
    messageId: r.messageId,
    source: meta.docs,
    knowledge: r.knowledge ?? meta.knowledge,
  };
  if (r.at) {
    f.line = r.at.line;
    f.column = r.at.column;
  }
  if (r.fix && r.fix.length > 0) f.fix = r.fix;
  if (r.ask) f.ask = r.ask;
  if (r.advice) f.advice = r.advice;
  return f;
}

function logFinding(meta: RuleMeta, r: Report): Finding {
  return {
    rule: meta.id,
    name: meta.name,
    severity: r.severity ?? meta.severity,
    message: messageOf(meta, r),
    messageId: r.messageId,
    ...(r.line !== undefined ? { line: r.line } : {}),
    ...(r.advice !== undefined ? { advice: r.advice } : {}),
    source: meta.docs,
    knowledge: r.knowledge ?? meta.knowledge,
  };
}

function fullMeta<T extends RuleMeta['target']>(declared: DeclaredMeta<string> & { target: T; wordings?: readonly Wording[] | undefined }): RuleMeta & { target: T } {
  const { wordings, ...rest } = declared;
  return { ...rest, ...(wordings ? { wordings } : {}), fixable: declared.fixable ?? false, source: declared.docs };
}

export function defineRule<M extends string>(rule: ConfigRuleDeclaration<M>): ConfigRule;
export function defineRule<M extends string>(rule: WordingRuleDeclaration<M>): LogRule;
export function defineRule<M extends string>(rule: LogRuleDeclaration<M>): LogRule;
export function defineRule(rule: ConfigRuleDeclaration<string> | LogRuleDeclaration<string> | WordingRuleDeclaration<string>): ConfigRule | LogRule {
  if (rule.meta.target === 'config') {
    const declared = rule as ConfigRuleDeclaration<string>;
    const meta = fullMeta(declared.meta);
    return { meta, check: (ctx: ConfigContext) => declared.check(ctx).map((r) => configFinding(meta, r)) };
  }
  const meta = fullMeta(rule.meta as DeclaredMeta<string> & { target: 'log' | 'command'; wordings?: readonly Wording[] });
  const check = rule.check as (ctx: LogContext | MatchedLogContext) => Report[];
  return {
    meta,
    check(ctx: LogContext): Finding[] {
      if (meta.triggers && !hasAnyKind(ctx.events, meta.triggers)) return [];
      if (meta.wordings) {
        const match = wordingMatch(meta, ctx.lines ?? pasteLines(ctx.text));
        // (a message other programs print too is the rule's only when the paste also shows what makes it ours)
        if (!match || (match.wording.onlyWith && !match.wording.onlyWith.pattern.test(ctx.text))) return [];
        return check({ ...ctx, match }).map((r) => logFinding(meta, r));
      }
      return check(ctx).map((r) => logFinding(meta, r));
    },
  };
}

/** At most one finding per rule and paste unless the rule says otherwise: people want the answer, not a list. */
export function once<M extends string>(report: Report<M> | undefined): Report<M>[] {
  return report ? [report] : [];
}
