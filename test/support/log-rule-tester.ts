/**
 * Table tests for log and command rules, in the manner of ESLint's RuleTester: every valid paste
 * yields no finding of the rule, every invalid paste yields exactly the expected findings (matched by messageId,
 * and by the words they mention), each with the rule's source, knowledge entry and advice in words (log rules never
 * carry config edits).
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../rules/config/index.js';
import { capInput } from '../../rules/engine.js';
import { parseLog } from '../../rules/logs/parse.js';
import type { Finding, LogRule, Severity } from '../../rules/types.js';

export interface LogCase {
  name: string;
  log: string;
  /** A config pasted along with the log (mixed paste). */
  config?: string;
}

export interface ExpectedFinding {
  /** The key of the rule's meta.messages the finding reports (preferred: it names the case, the wording may change). */
  messageId?: string;
  severity?: Severity;
  /** Words the message + advice must contain (case-insensitive). */
  mentions?: string[];
  /** Words that must not appear (a wrong claim). */
  notMentions?: string[];
  line?: number;
}

export interface InvalidLogCase extends LogCase {
  findings: ExpectedFinding[];
}

export interface LogRuleCases {
  valid: LogCase[];
  invalid: InvalidLogCase[];
}

export function runLogRule(rule: LogRule, c: LogCase): Finding[] {
  const text = capInput(c.log);
  const config = c.config === undefined ? undefined : parseConfig(c.config);
  return rule.check({ text, events: parseLog(text), ...(config ? { config } : {}) });
}

export function testLogRule(rule: LogRule, cases: LogRuleCases): void {
  describe(`${rule.meta.id} ${rule.meta.name}`, () => {
    it('has complete meta', () => {
      const m = rule.meta;
      expect(m.id).toMatch(/^HX[678]\d\d$/);
      expect(m.name).toMatch(/^[a-z0-9-]+$/);
      for (const field of [m.title, m.message, m.explanation, m.source.url, m.source.section, m.knowledge]) expect(field.length).toBeGreaterThan(3);
      expect(m.source.url).toMatch(/^https:\/\//);
      expect(m.source).toBe(m.docs);
      expect(m.fixable).toBe(false);
      expect(Object.keys(m.messages).length).toBeGreaterThan(0);
      for (const [id, text] of Object.entries(m.messages)) expect(text.length, id).toBeGreaterThan(10);
    });

    for (const c of cases.valid) {
      it(`valid: ${c.name}`, () => {
        expect(runLogRule(rule, c).map((f) => f.message)).toEqual([]);
      });
    }

    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, () => {
        const findings = runLogRule(rule, c);
        expect(findings.length, JSON.stringify(findings, null, 1)).toBe(c.findings.length);
        findings.forEach((f, i) => {
          const want = c.findings[i] as ExpectedFinding;
          expect(f.rule).toBe(rule.meta.id);
          expect(f.name).toBe(rule.meta.name);
          expect(Object.keys(rule.meta.messages), 'a messageId of meta.messages').toContain(f.messageId);
          if (want.messageId !== undefined) expect(f.messageId, f.message).toBe(want.messageId);
          expect(f.source).toEqual(rule.meta.source);
          expect(f.knowledge.length).toBeGreaterThan(2);
          expect(f.fix, 'log rules give advice, not config edits').toBeUndefined();
          expect((f.advice ?? '').length, 'advice in words').toBeGreaterThan(10);
          expect(f.severity).toBe(want.severity ?? rule.meta.severity);
          if (want.line !== undefined) expect(f.line).toBe(want.line);
          const words = `${f.message}\n${f.advice ?? ''}`.toLowerCase();
          for (const m of want.mentions ?? []) expect(words, `mentions "${m}"`).toContain(m.toLowerCase());
          for (const m of want.notMentions ?? []) expect(words, `does not mention "${m}"`).not.toContain(m.toLowerCase());
        });
      });
    }
  });
}
