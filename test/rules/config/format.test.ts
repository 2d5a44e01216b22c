/**
 * formatValue writes literals that mean the same thing to Python and to libxlu, and refuses what it
 * cannot write safely: a value can never break out of its literal.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigFormatError, formatValue, isSafeConfigString, parseConfig, type PlainValue } from '../../../rules/config/index.js';
import { askPython } from './python-oracle.js';

const HOSTILE = [
  'plain',
  'it\'s "quoted"',
  'back\\slash\\',
  'tab\there',
  'new\nline',
  'cr\rhere',
  '"; import os; os.system("id"); x="',
  "'; import os #",
  '\\x41 is not an escape here',
  '# not a comment',
  '] , [ nested',
  '',
];

describe('formatValue', () => {
  it('writes numbers, strings and nested lists', () => {
    expect(formatValue(256, 'xl')).toBe('256');
    expect(formatValue('hurd', 'xl')).toBe('"hurd"');
    expect(formatValue('hurd', 'xm', "'")).toBe("'hurd'");
    expect(formatValue(['phy:sda4,hda,w', ['a', 1]], 'xl', "'")).toBe("['phy:sda4,hda,w', ['a', 1]]");
    expect(formatValue({ number: '0x1f' }, 'xl')).toBe('0x1f');
    expect(formatValue({ number: '0256' }, 'xm')).toBe('174');
  });

  it('keeps the quote style of an existing value, including prefixed and triple quotes', () => {
    expect(formatValue('a', 'xm', "r'")).toBe("'a'");
    expect(formatValue('a', 'xm', '"""')).toBe('"a"');
  });

  it('round-trips hostile strings through both of our parsers unchanged', () => {
    for (const s of HOSTILE) {
      for (const q of ['"', "'"]) {
        const text = `name = ${formatValue(s, 'xl', q)}\n`;
        const cfg = parseConfig(text);
        expect(cfg.syntax, text).toBe('both');
        expect(cfg.valuesByDialect?.xl?.name).toBe(s);
        expect(cfg.valuesByDialect?.xm?.name).toBe(s);
        expect(cfg.assignments).toHaveLength(1);
      }
    }
  });

  it('python3 reads every formatted hostile string back as the same string', () => {
    const sources = HOSTILE.flatMap((s) => ['"', "'"].map((q) => `name = ${formatValue(s, 'xm', q)}\n`));
    const verdicts = askPython(sources.map((source) => ({ source, exec: true })));
    verdicts.forEach((v, i) => {
      expect(v.ok).toBe(true);
      expect(Object.keys(v.values ?? {})).toEqual(['name']);
      expect(v.values?.name).toBe(HOSTILE[Math.floor(i / 2)]);
    });
  });

  it('refuses NUL and other control characters in both dialects', () => {
    for (const s of ['a\0b', 'bell\x07', 'esc\x1b[31m', 'del\x7f']) {
      expect(() => formatValue(s, 'xl')).toThrow(ConfigFormatError);
      expect(() => formatValue(s, 'xm')).toThrow(ConfigFormatError);
    }
  });

  it('refuses non-ASCII for xm (Python 2 source is ASCII) but passes it through for xl', () => {
    expect(() => formatValue('hürd', 'xm')).toThrow(ConfigFormatError);
    expect(formatValue('hürd', 'xl')).toBe('"hürd"');
  });

  it('refuses numbers libxlu cannot spell', () => {
    expect(() => formatValue(-1, 'xl')).toThrow(ConfigFormatError);
    expect(() => formatValue(1.5, 'xl')).toThrow(ConfigFormatError);
    expect(() => formatValue({ number: '1; x' }, 'xl')).toThrow(ConfigFormatError);
    expect(() => formatValue(Number.NaN, 'xm')).toThrow(ConfigFormatError);
    expect(formatValue(-1, 'xm')).toBe('-1');
  });

  it('isSafeConfigString accepts printable ASCII only', () => {
    expect(isSafeConfigString('phy:sda4,hda,w')).toBe(true);
    expect(isSafeConfigString('a"b\\c')).toBe(true);
    expect(isSafeConfigString('a\nb')).toBe(false);
    expect(isSafeConfigString('hürd')).toBe(false);
  });

  it('property: any formatted value parses back to itself in both dialects', () => {
    const atom = fc.oneof(
      fc.string({ unit: fc.constantFrom(...'abc "\'\\\t\n\r#[],;=+-.():xX0'.split('')), maxLength: 12 }),
      fc.nat({ max: 1_000_000 }),
    );
    const value: fc.Arbitrary<PlainValue> = fc.oneof(atom, fc.array(fc.oneof(atom, fc.array(atom, { maxLength: 3 })), { maxLength: 4 }));
    fc.assert(
      fc.property(value, fc.constantFrom('"', "'"), (v, q) => {
        const text = `key = ${formatValue(v, 'xl', q)}\n`;
        const cfg = parseConfig(text);
        expect(cfg.syntax).toBe('both');
        expect(cfg.valuesByDialect?.xl?.key).toEqual(v);
        expect(cfg.valuesByDialect?.xm?.key).toEqual(v);
      }),
      { numRuns: 300 },
    );
  });
});
