/**
 * A rule that throws is a bug: the diagnosis goes on without it (the other rules' findings are all there), and the
 * engine tells onRuleError listeners and counts it, instead of the finding silently missing (rules/engine.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../rules/config/index.js';
import { defineRule } from '../../../rules/catalogue/define.js';
import { configRules } from '../../../rules/catalogue/config/index.js';
import { memoryOver580 } from '../../../rules/catalogue/config/memory.js';
import { logRules } from '../../../rules/catalogue/logs/index.js';
import { diagnoseLog, lintConfig, onRuleError, ruleErrorCount } from '../../../rules/engine.js';
import { fixConfig } from '../../../rules/fix.js';
import { checkConfig } from '../../../rules/check.js';
import { hurd } from '../../support/rule-tester.js';

const META = {
  title: 'A rule with a bug',
  severity: 'error' as const,
  message: 'never says anything',
  explanation: 'It throws, as a rule with a bug would.',
  docs: { url: 'https://example.org/', section: 'test' },
  knowledge: 'overview',
  messages: { never: 'never said' },
};

const throwingConfigRule = defineRule({
  meta: { ...META, id: 'HX598', name: 'throws-config', domain: 'syntax', target: 'config' },
  check() {
    throw new Error('config rule bug');
  },
});

const throwingLogRule = defineRule({
  meta: { ...META, id: 'HX698', name: 'throws-log', domain: 'log', target: 'log' },
  check() {
    throw new TypeError('log rule bug');
  },
});

/** A bug of another kind: a report naming a message the rule does not declare. */
const undeclaredMessageRule = defineRule({
  meta: { ...META, id: 'HX697', name: 'undeclared-message', domain: 'log', target: 'log' },
  check: () => [{ messageId: 'nowhere' as 'never', line: 1 }],
});

const seen: [string, unknown][] = [];
let stop: () => void = () => {};
afterEach(() => {
  stop();
  seen.length = 0;
});
function listen(): void {
  stop = onRuleError((ruleId, error) => seen.push([ruleId, error]));
}

const MEMORY_1024 = hurd({ memory: '1024' });
const XL_PAE = "root@dom0:~# xl create -c /etc/xen/hurd\nParsing config from /etc/xen/hurd\nxc: error: xc_dom_compat_check: guest type xen-3.0-x86_32 not supported by xen kernel, sorry\n";

describe('a rule that throws', () => {
  it('does not stop the other config rules, and the listener hears of it', () => {
    listen();
    const before = ruleErrorCount('HX598');
    const config = parseConfig(MEMORY_1024);
    const findings = lintConfig(config, undefined, [throwingConfigRule, ...configRules]);
    expect(findings).toEqual(lintConfig(config, undefined, configRules));
    expect(findings.map((f) => f.rule)).toContain('HX201');
    expect(seen.map(([id]) => id)).toEqual(['HX598']);
    expect((seen[0]![1] as Error).message).toBe('config rule bug');
    expect(ruleErrorCount('HX598')).toBe(before + 1);
    expect(ruleErrorCount()).toBeGreaterThanOrEqual(before + 1);
  });

  it('does not stop the other log rules', () => {
    listen();
    const findings = diagnoseLog(XL_PAE, undefined, [throwingLogRule, ...logRules]).findings;
    expect(findings).toEqual(diagnoseLog(XL_PAE).findings);
    expect(findings.map((f) => f.rule)).toContain('HX604');
    expect(seen.map(([id, e]) => [id, (e as Error).name])).toEqual([['HX698', 'TypeError']]);
  });

  it('is reported by the fixer too (it lints through the engine), and the fix of the others is made', () => {
    listen();
    const fixed = fixConfig(MEMORY_1024, { rules: [throwingConfigRule, memoryOver580] });
    expect(fixed.output).toBe(hurd({ memory: '512' }));
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every(([id]) => id === 'HX598')).toBe(true);
  });

  it('is reported by a whole config check without changing its answer', () => {
    listen();
    expect(checkConfig(MEMORY_1024).findings.map((f) => f.rule)).toContain('HX201');
    expect(seen).toEqual([]);
  });

  it('includes a report of a messageId the rule does not declare', () => {
    listen();
    expect(diagnoseLog('anything at all', undefined, [undeclaredMessageRule]).findings).toEqual([]);
    expect(seen.map(([id, e]) => [id, String(e)])).toEqual([['HX697', 'Error: HX697 reports messageId "nowhere", which its meta.messages does not declare']]);
  });

  it('does not take the diagnosis down when a listener itself fails, and stops being heard after unsubscribing', () => {
    const failing = onRuleError(() => {
      throw new Error('listener bug');
    });
    listen();
    try {
      expect(() => diagnoseLog(XL_PAE, undefined, [throwingLogRule, ...logRules])).not.toThrow();
      expect(seen).toHaveLength(1);
    } finally {
      failing();
    }
    stop();
    diagnoseLog(XL_PAE, undefined, [throwingLogRule]);
    expect(seen).toHaveLength(1);
  });
});
