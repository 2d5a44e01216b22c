/**
 * The wordings log rules declare (meta.wordings: the inventory families and rules of their own such as HX678): each
 * example is recognised by its rule, no pattern keeps state between lines, every pattern passes recheck wherever the
 * rule file lives, and the engine looks for all of them in one pass over the paste.
 */
import { existsSync, readFileSync } from 'node:fs';
import { check } from 'recheck';
import { describe, expect, it } from 'vitest';
import { defineRule } from '../../../../rules/catalogue/define.js';
import { logRules } from '../../../../rules/catalogue/logs/index.js';
import { diagnoseLog } from '../../../../rules/engine.js';

const withWordings = logRules.filter((r) => r.meta.wordings !== undefined);
const examples = withWordings.flatMap((r) => r.meta.wordings!.map((w) => [r.meta.id, w.printedBy, w.example, w.onlyWith?.example] as const));

describe('declared wordings', () => {
  it('are declared by the inventory families and by rules of their own', () => {
    expect(withWordings.length).toBeGreaterThan(38);
    expect(withWordings.map((r) => r.meta.id)).toContain('HX678');
  });

  it.each(examples)('%s recognises its example (%s)', (id, _printedBy, example, context) => {
    const rule = withWordings.find((r) => r.meta.id === id)!;
    expect(rule.meta.wordings!.some((w) => w.pattern.test(example))).toBe(true);
    // (a message other programs print too counts beside the line that makes it ours)
    expect(diagnoseLog(context ? `${context}\n${example}` : example).findings.map((f) => f.rule)).toContain(id);
  });

  it('carry no g or y flag (a pattern tested line after line must not keep state)', () => {
    for (const r of withWordings) for (const w of r.meta.wordings!) expect(w.pattern.flags, `${r.meta.id} ${w.pattern}`).not.toMatch(/[gy]/);
  });

  // Same verdicts as test/security/regexes.test.ts (which finds the literals by parsing the source): checked here from
  // the rules themselves, so a wording is covered wherever its rule is written, even built with new RegExp.
  it('pass recheck', async () => {
    const verdictsFile = new URL('../../../security/regexes.recheck.json', import.meta.url);
    const cached = existsSync(verdictsFile) ? (JSON.parse(readFileSync(verdictsFile, 'utf8')) as Record<string, string>) : {};
    const unsafe: string[] = [];
    const patterns = new Map(withWordings.flatMap((r) => r.meta.wordings!.map((w) => [`/${w.pattern.source}/${w.pattern.flags}`, [r.meta.id, w.pattern] as const])));
    for (const [key, [id, pattern]] of patterns) {
      if (cached[key] === 'safe') continue;
      let d = await check(pattern.source, pattern.flags, { timeout: 30_000 });
      if (d.status === 'unknown') d = await check(pattern.source, pattern.flags, { timeout: 90_000 });
      if (d.status !== 'safe') unsafe.push(`${id} ${key} -> ${d.status}`);
    }
    expect(unsafe).toEqual([]);
  }, 300_000);
});

/** A pattern that counts how often it is tested. */
class Counting extends RegExp {
  calls = 0;
  override test(s: string): boolean {
    this.calls++;
    return super.test(s);
  }
}

function wordingRule(id: string, pattern: RegExp) {
  return defineRule({
    meta: {
      id,
      name: `wording-${id.toLowerCase()}`,
      title: 'A rule found by its wording',
      severity: 'info',
      domain: 'log',
      target: 'log',
      message: 'its wording was seen',
      explanation: 'Fires on the first line that carries its wording.',
      docs: { url: 'https://example.org/', section: 'test' },
      knowledge: 'overview',
      messages: { seen: 'seen on line {{line}}: {{what}}' },
      wordings: [{ pattern, printedBy: 'a test', example: 'marker 42' }],
    },
    check: ({ match }) => [{ messageId: 'seen', data: { line: match.line, what: match.groups.what }, line: match.line }],
  });
}

describe('the engine and declared wordings', () => {
  const lines = Array.from({ length: 50 }, (_, i) => (i === 2 ? 'here is marker 42' : `line ${i + 1} of nothing in particular`));
  const paste = lines.join('\n');

  it('runs a rule with wordings only on the first line that carries one, and gives it that line and the groups', () => {
    const rule = wordingRule('HX699', /marker (?<what>\d{1,3})/);
    expect(diagnoseLog(paste, undefined, [rule]).findings.map((f) => [f.messageId, f.line, f.message])).toEqual([['seen', 3, 'seen on line 3: 42']]);
    expect(diagnoseLog('marker nothing', undefined, [rule]).findings).toEqual([]);
  });

  it('tests every line once for all rules, and the rules reuse that pass', () => {
    const found = new Counting('marker (?<what>\\d{1,3})');
    const never = new Counting('never printed');
    const rules = [wordingRule('HX699', found), wordingRule('HX696', never)];
    expect(diagnoseLog(paste, undefined, rules).findings.map((f) => f.rule)).toEqual(['HX699']);
    // found stops at line 3 (and its exec for the groups is not a test); never is tried on each line, once
    expect(found.calls).toBe(3);
    expect(never.calls).toBe(lines.length);
  });
});
