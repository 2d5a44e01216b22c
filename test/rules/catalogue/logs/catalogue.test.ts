import { MESSAGE_FAMILIES } from '../../../../rules/logs/inventory.js';
import { describe, expect, it } from 'vitest';
import { logRules } from '../../../../rules/catalogue/logs/index.js';
import { allRules, getRule } from '../../../../rules/engine.js';
import { parseLog } from '../../../../rules/logs/parse.js';
import { EVENT_KINDS } from '../../../../rules/logs/line-events.js';

const KNOWLEDGE_IDS = new Set(
  'overview getting-images pae building-gnumach hurd-modules partition-filesystem installing config-file kernel memory disk root-device networking starting-console pv-grub caching xm-to-xl toolstack config-syntax error-pae-mismatch error-vif-hotplug error-kernel-missing error-not-xen-kernel error-disk error-memory error-xend error-config-syntax error-name-in-use error-root-not-found error-console more-help pvgrub2 debugging'.split(
    ' ',
  ),
);

const INVENTORY_IDS = new Set(MESSAGE_FAMILIES.map((f) => f.id));

describe('log and command catalogue', () => {
  it('has stable, unique ids in the HX6xx and HX8xx (log) and HX7xx (command) ranges', () => {
    const ids = logRules.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of logRules) {
      if (r.meta.target === 'log') expect(r.meta.id).toMatch(/^HX[68]\d\d$/);
      else expect(r.meta.id).toMatch(/^HX7\d\d$/);
    }
  });

  it('declares only triggers the log parser can produce (a misspelt trigger would silence its rule)', () => {
    const declared = logRules.flatMap((r) => (r.meta.triggers ?? []).map((k) => [r.meta.id, k] as const));
    expect(declared.length).toBeGreaterThan(0);
    for (const [id, kind] of declared) expect(EVENT_KINDS.has(kind), `${id}: ${kind}`).toBe(true);
  });

  it('does not run a rule whose trigger kinds are absent, and runs it when one is present', () => {
    const rule = logRules.find((r) => r.meta.id === 'HX602')!;
    const log = 'Error: Device 768 (vbd) could not be connected. /dev/sda9 does not exist.';
    expect(rule.check({ text: log, events: parseLog(log) }).map((f) => f.rule)).toEqual(['HX602']);
    const quiet = 'libxl: debug: libxl_dom.c:300:libxl__build_dom: nothing went wrong';
    expect(rule.check({ text: quiet, events: parseLog(quiet) })).toEqual([]);
  });

  it('has slugs unique across the whole engine, and getRule finds each by id and slug', () => {
    const names = allRules().map((r) => r.meta.name);
    expect(new Set(names).size).toBe(names.length);
    for (const r of logRules) {
      expect(getRule(r.meta.id)).toBe(r);
      expect(getRule(r.meta.name)).toBe(r);
    }
  });

  it('points every rule at a knowledge entry of the fixed list and a documentation URL', () => {
    for (const r of logRules) {
      expect(KNOWLEDGE_IDS.has(r.meta.knowledge), `${r.meta.id} ${r.meta.knowledge}`).toBe(true);
      expect(r.meta.source.url).toMatch(/^https:\/\//);
      // rules that declare their message's wordings (inventory families, rules/logs/inventory.ts, and rules of their
      // own) cite the program that prints the message; the others, the facts
      if (INVENTORY_IDS.has(r.meta.id) || r.meta.wordings) expect(r.meta.source.section.length, r.meta.id).toBeGreaterThan(5);
      else expect(r.meta.source.section).toMatch(/hurd-xen-facts\.md|xen-config-keys\.md|seed/);
    }
  });

  it('never lets one rule crash the diagnosis of a hostile paste', () => {
    const hostile = ['\u0000'.repeat(1000), 'Error: '.repeat(1000), "guest type ' not supported by xen kernel", 'Device 99999999999 (vbd) could not be connected.'];
    for (const text of hostile) for (const r of logRules) expect(() => r.check({ text, events: parseLog(text) })).not.toThrow();
  });
});
