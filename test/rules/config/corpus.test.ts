/**
 * Real configs: every third-party corpus file parses in the dialect it was written for and prints
 * back byte for byte; every example eval config gets the manifest's syntax, values and verdict.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig, printConfig, type PlainValue } from '../../../rules/config/index.js';
import { SHARED } from '../../support/eval.js';

const CORPUS = `${SHARED}/corpus/configs/`;
const EVAL = `${SHARED}/eval/configs/`;

/** The corpus README: libvirt-xl-*, xl.conf, cpupool and xlexample.* are xl; the rest is xm. */
function corpusDialect(file: string): 'xm' | 'xl' {
  return /^libvirt-xl-|xl\.conf|cpupool|xlexample/.test(file) ? 'xl' : 'xm';
}

describe('third-party corpus (shared/corpus/configs)', () => {
  const files = readdirSync(CORPUS).filter((f) => f.endsWith('.cfg'));

  it('has the files the README lists', () => {
    expect(files.length).toBeGreaterThanOrEqual(100);
  });

  for (const file of files) {
    it(`${file}: accepted as ${corpusDialect(file)} and round-trips`, () => {
      const text = readFileSync(CORPUS + file, 'utf8');
      const cfg = parseConfig(text);
      const dialect = corpusDialect(file);
      expect(cfg[dialect].error).toBeUndefined();
      expect(cfg[dialect].ok).toBe(true);
      expect(printConfig(cfg)).toBe(text);
      for (const a of cfg.assignments) {
        expect(text.slice(a.value.span.start, a.value.span.end)).toBe(a.value.raw);
        expect(text.slice(a.keySpan.start, a.keySpan.end)).toBe(a.key);
      }
    });
  }

  it('xmexample2/3 are Python programs that xl rejects', () => {
    for (const f of ['xen-e04254f7bc-xmexample2.cfg', 'xen-e04254f7bc-xmexample3.cfg']) {
      const cfg = parseConfig(readFileSync(CORPUS + f, 'utf8'));
      expect(cfg.syntax).toBe('xm');
      expect(cfg.notEvaluated.length).toBeGreaterThan(0);
    }
  });
});

interface ManifestEntry {
  file: string;
  syntax: 'xm' | 'xl' | 'either';
  parses: boolean;
  values: Record<string, PlainValue> | null;
  notes: string | null;
}

describe('example eval configs (shared/eval/configs)', () => {
  const manifest = JSON.parse(readFileSync(`${EVAL}manifest.json`, 'utf8')) as ManifestEntry[];

  for (const m of manifest) {
    it(`${m.file}: ${m.parses ? `accepted as ${m.syntax}` : `rejected by ${m.syntax}`}`, () => {
      const text = readFileSync(EVAL + m.file, 'utf8');
      // The manifest's oracle ran ok-xm-vars.cfg as `xm create ... n=2` (see its notes).
      const vars = m.notes?.includes('n=2') ? { n: 2 } : undefined;
      const cfg = parseConfig(text, vars ? { vars } : {});
      expect(printConfig(cfg)).toBe(text);
      if (m.parses) {
        if (m.syntax === 'either') expect(cfg.syntax).toBe('both');
        else expect(cfg[m.syntax].ok).toBe(true);
        for (const [key, value] of Object.entries(m.values ?? {})) {
          expect(cfg.values[key], key).toEqual(value);
        }
      } else {
        const targets = m.syntax === 'either' ? (['xm', 'xl'] as const) : ([m.syntax] as const);
        for (const d of targets) {
          expect(cfg[d].ok).toBe(false);
          expect(cfg[d].error?.line).toBeGreaterThan(0);
          expect(cfg[d].error?.column).toBeGreaterThan(0);
        }
      }
    });
  }

  it('xm-only files are rejected by xl and list what was not evaluated with line numbers', () => {
    const cfg = parseConfig(readFileSync(`${EVAL}ok-xm-conditional.cfg`, 'utf8'));
    expect(cfg.syntax).toBe('xm');
    expect(cfg.notEvaluated.map((n) => n.line)).toEqual([2, 5]);
    expect(cfg.duplicates).toEqual({});
  });

  it('an xm file using xm_vars without the variable leaves the formatted values out', () => {
    const cfg = parseConfig(readFileSync(`${EVAL}ok-xm-vars.cfg`, 'utf8'));
    expect(cfg.syntax).toBe('xm');
    expect(cfg.values.name).toBeUndefined();
    expect(cfg.values.kernel).toBe('/boot/gnumach-xen-pae');
    expect(cfg.declaredVars).toEqual(['n']);
    expect(cfg.notEvaluated.some((n) => n.line === 12 && n.text.startsWith('name = "hurd%d" % n'))).toBe(true);
  });

  it('the `+=` before `=` file is valid for both parsers, with the NameError flagged for xm', () => {
    // The manifest labels it xm (its author's dialect); libxlu accepts it too (first += acts as =).
    const cfg = parseConfig(readFileSync(`${EVAL}bad-xm-plus-equals-undefined.cfg`, 'utf8'));
    expect(cfg.syntax).toBe('both');
    expect(cfg.xm.warnings.map((w) => [w.code, w.line])).toEqual([['plus-equals-undefined', 7]]);
    expect(cfg.values.vif).toEqual(['bridge=br0']);
  });

  it('reports the duplicate key with both lines', () => {
    const cfg = parseConfig(readFileSync(`${EVAL}bad-duplicate-memory.cfg`, 'utf8'));
    expect(cfg.duplicates).toEqual({ memory: [4, 9] });
  });
});
