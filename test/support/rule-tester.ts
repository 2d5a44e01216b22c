/**
 * A table tester for config rules in the style of ESLint's RuleTester: valid cases (no finding),
 * invalid cases (the expected findings, matched by messageId, and the fixed output), and no-fix cases (output: null).
 * Each rule runs alone through the real parser and the real fixer.
 */
import { describe, expect, it } from 'vitest';
import type { Dialect } from '../../rules/config/types.js';
import { parseConfig } from '../../rules/config/index.js';
import { fixConfig, lintParsed } from '../../rules/fix.js';
import type { ConfigRule, Severity } from '../../rules/types.js';

export interface ValidCase {
  name?: string;
  code: string;
  dialect?: Dialect;
}

export interface ExpectedFinding {
  /** The key of the rule's meta.messages the finding reports (preferred: it names the case, the wording may change). */
  messageId?: string;
  severity?: Severity;
  line?: number;
  /** Every string must appear in the message (case-insensitive). */
  mentions?: string[];
  /** Number of answer variants when the finding asks a question. */
  variants?: number;
}

export interface InvalidCase {
  name?: string;
  code: string;
  dialect?: Dialect;
  errors: ExpectedFinding[];
  /** The file after this rule's fixes; null = the rule offers no fix here. Omit to skip the check. */
  output?: string | null;
}

export interface RuleCases {
  valid: (string | ValidCase)[];
  invalid: InvalidCase[];
}

function label(c: { name?: string; code: string }): string {
  return c.name ?? c.code.replace(/\n/g, '⏎').slice(0, 70);
}

export function lintWith(rule: ConfigRule, code: string, dialect?: Dialect) {
  return lintParsed(parseConfig(code), dialect, [rule]).filter((f) => f.rule === rule.meta.id);
}

export function testRule(rule: ConfigRule, cases: RuleCases): void {
  const { id, name } = rule.meta;
  describe(`${id} ${name}`, () => {
    it('has complete metadata', () => {
      const m = rule.meta;
      expect(m.id).toMatch(/^HX[1-5]\d\d$/);
      expect(m.name).toMatch(/^[a-z0-9-]+$/);
      expect(m.title.length).toBeGreaterThan(5);
      expect(m.message.length).toBeGreaterThan(20);
      expect(m.explanation.length).toBeGreaterThan(60);
      expect(m.source.url).toMatch(/^https:\/\//);
      expect(m.source.section.length).toBeGreaterThan(3);
      expect(m.knowledge).toMatch(/^[a-z0-9-]+$/);
      expect(m.target).toBe('config');
      expect(m.source).toBe(m.docs);
      expect(Object.keys(m.messages).length).toBeGreaterThan(0);
      for (const [id, text] of Object.entries(m.messages)) expect(text.length, id).toBeGreaterThan(10);
    });

    for (const v of cases.valid) {
      const c: ValidCase = typeof v === 'string' ? { code: v } : v;
      it(`valid: ${label(c)}`, () => {
        expect(lintWith(rule, c.code, c.dialect)).toEqual([]);
      });
    }

    for (const c of cases.invalid) {
      it(`invalid: ${label(c)}`, () => {
        const found = lintWith(rule, c.code, c.dialect);
        expect(found.map((f) => f.message)).toHaveLength(c.errors.length);
        c.errors.forEach((want, i) => {
          const f = found[i]!;
          expect(f.name).toBe(name);
          expect(Object.keys(rule.meta.messages), 'a messageId of meta.messages').toContain(f.messageId);
          if (want.messageId !== undefined) expect(f.messageId, f.message).toBe(want.messageId);
          if (want.severity) expect(f.severity, f.message).toBe(want.severity);
          if (want.line !== undefined) expect(f.line, f.message).toBe(want.line);
          for (const s of want.mentions ?? []) expect(f.message.toLowerCase(), f.message).toContain(s.toLowerCase());
          if (want.variants !== undefined) expect(f.ask?.variants).toHaveLength(want.variants);
          expect(f.source.url).toBe(rule.meta.source.url);
        });
        if (c.output === undefined) return;
        if (c.output === null) {
          expect(found.every((f) => !f.fix)).toBe(true);
          return;
        }
        const fixed = fixConfig(c.code, { ...(c.dialect ? { dialect: c.dialect } : {}), rules: [rule] });
        expect(fixed.output).toBe(c.output);
        // The fix removes the finding and keeps the file parseable wherever the input was.
        expect(lintWith(rule, fixed.output, c.dialect).filter((f) => f.fix)).toEqual([]);
        const before = parseConfig(c.code);
        const after = parseConfig(fixed.output);
        if (before.xm.ok) expect(after.xm.ok).toBe(true);
        if (before.xl.ok) expect(after.xl.ok).toBe(true);
      });
    }
  });
}

/** The wiki's direct-boot sample (with a name), one line per key. */
export const HURD_BASE: Record<string, string> = {
  name: '"hurd"',
  kernel: '"/boot/gnumach-xen-pae"',
  ramdisk: '"/boot/hurd-modules"',
  memory: '256',
  disk: "['phy:sda4,hda,w']",
  extra: '"root=device:hd0"',
  vif: "[ '' ]",
};

/**
 * A Hurd config from the base sample: each override replaces the key's value (raw text), null drops
 * the line, new keys are appended; `head` lines (comments) go first.
 */
export function hurd(overrides: Record<string, string | null> = {}, head: string[] = []): string {
  const merged: Record<string, string | null> = { ...HURD_BASE, ...overrides };
  const lines = [...head];
  for (const [k, v] of Object.entries(merged)) if (v !== null) lines.push(`${k} = ${v}`);
  return lines.join('\n') + '\n';
}
