/**
 * Shared shape of the log and command rules: meta in one place, findings that always carry the
 * rule's source and knowledge entry, and the documentation addresses the rules cite.
 */
import { hasAnyKind } from '../logs/query.js';
import type { Domain, Finding, LogContext, LogRule, RuleMeta, Severity, Source } from '../types.js';

export const HURD_XEN_PAGE = 'https://www.gnu.org/software/hurd/microkernel/mach/gnumach/ports/xen.html';
export const HURD_XEN_NETWORKING = 'https://www.gnu.org/software/hurd/microkernel/mach/gnumach/ports/xen/networking_configuration.html';
/** The last Xen tree that still had xm/xend (9e8672f1c3^). */
export const XEN_XM_TREE = 'https://github.com/xen-project/xen/blob/e04254f7bc';
export const XEN_TREE = 'https://github.com/xen-project/xen/blob/c447b7308b';
export const GNUMACH_TREE = 'https://github.com/GitMirroring/hurd-gnumach/blob/970604df3b';

export function source(url: string, section: string): Source {
  return { url, section };
}

export interface LogRuleMeta {
  id: string;
  name: string;
  title: string;
  severity: Severity;
  domain?: Domain;
  target?: 'log' | 'command';
  message: string;
  explanation: string;
  source: Source;
  knowledge: string;
  /**
   * Event kinds without which the rule cannot fire (like an ESLint rule's node selectors): when a paste has none
   * of them the rule is not run at all, so a long paste costs the rules that could apply, not every rule's scan.
   */
  triggers?: readonly string[];
}

export interface Diagnosis {
  message: string;
  advice?: string;
  line?: number;
  severity?: Severity;
  knowledge?: string;
}

export function defineLogRule(meta: LogRuleMeta, diagnose: (ctx: LogContext) => Diagnosis[]): LogRule {
  const full: RuleMeta & { target: 'log' | 'command' } = {
    ...meta,
    domain: meta.domain ?? (meta.target === 'command' ? 'command' : 'log'),
    target: meta.target ?? 'log',
    fixable: false,
  };
  return {
    meta: full,
    check(ctx: LogContext): Finding[] {
      if (meta.triggers && !hasAnyKind(ctx.events, meta.triggers)) return [];
      return diagnose(ctx).map((d) => ({
        rule: full.id,
        name: full.name,
        severity: d.severity ?? full.severity,
        message: d.message,
        ...(d.line !== undefined ? { line: d.line } : {}),
        ...(d.advice !== undefined ? { advice: d.advice } : {}),
        source: full.source,
        knowledge: d.knowledge ?? full.knowledge,
      }));
    },
  };
}

/** At most one diagnosis per rule and paste unless the rule says otherwise: people want the answer, not a list. */
export function once(d: Diagnosis | undefined): Diagnosis[] {
  return d ? [d] : [];
}
