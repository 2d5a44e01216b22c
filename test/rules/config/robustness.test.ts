/**
 * Hostile input: the parser never throws, never hangs, and always prints the input back.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_CONFIG_CHARS, parseConfig, printConfig } from '../../../rules/config/index.js';

const BOUND_MS = 2000;

/** CPU time, not wall time: the bound must hold on a loaded machine too. */
function timed(text: string): ReturnType<typeof parseConfig> {
  const t0 = process.cpuUsage();
  const cfg = parseConfig(text);
  const used = process.cpuUsage(t0);
  const ms = (used.user + used.system) / 1000;
  expect(ms, `took ${ms.toFixed(0)} ms of CPU`).toBeLessThan(BOUND_MS);
  expect(printConfig(cfg)).toBe(text);
  for (const a of cfg.assignments) {
    expect(a.span.start).toBeLessThanOrEqual(a.span.end);
    expect(text.slice(a.value.span.start, a.value.span.end)).toBe(a.value.raw);
  }
  return cfg;
}

describe('pathological inputs finish quickly without throwing', () => {
  const cases: [string, string][] = [
    ['10k [', `x = ${'['.repeat(10_000)}\n`],
    ['10k balanced [ ]', `x = ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`],
    ['10k (', `x = ${'('.repeat(10_000)}\n`],
    ['10k unary minus', `x = ${'-'.repeat(10_000)}1\n`],
    ['10k not', `x = ${'not '.repeat(10_000)}1\n`],
    ['5k ternaries', `x = ${'1 if 2 else '.repeat(5_000)}3\n`],
    ['5k lambdas', `x = ${'lambda: '.repeat(5_000)}1\n`],
    ['5k powers', `x = ${'2 ** '.repeat(5_000)}2\n`],
    ['50k additions', `x = ${'1 + '.repeat(50_000)}1\n`],
    ['1 MB string line', `x = "${'a'.repeat(MAX_CONFIG_CHARS - 10)}"\n`],
    ['1 MB unterminated string', `x = "${'a'.repeat(MAX_CONFIG_CHARS - 10)}`],
    ['1 MB comment without newline', `#${'c'.repeat(MAX_CONFIG_CHARS - 1)}`],
    ['80k assignments (1 MB)', 'memory = 256\n'.repeat(80_000)],
    ['100k quotes', '"'.repeat(100_000)],
    ['triple quote storm', "'''".repeat(30_000)],
    ['backslash continuations', 'x = 1 \\\n'.repeat(50_000)],
    ['deep indentation', Array.from({ length: 150 }, (_, i) => `${' '.repeat(i)}if x:\n`).join('')],
    ['many dedent levels', `${Array.from({ length: 90 }, (_, i) => `${' '.repeat(i)}if x:\n`).join('')}${' '.repeat(90)}pass\nx = 1\n`],
    ['NUL bytes', 'name = "a\0b"\n\0\0\0'],
    ['lone CRs', 'a = 1\rb = 2\r'],
    ['unicode', 'näme = "hürd"\n🙂 = 1\n'],
    ['huge list', `disk = [ ${"'phy:sda4,hda,w', ".repeat(40_000)}]\n`],
    ['format storm', `x = "${'%s'.repeat(20_000)}" % (${'1,'.repeat(20_000)})\n`],
    ['string multiply bomb', 'x = "a" * 10**9\ny = [1] * 100000000000\n'],
  ];
  for (const [name, text] of cases) {
    it(name, () => {
      timed(text);
    });
  }

  it('refuses more than MAX_CONFIG_CHARS without parsing', () => {
    const cfg = timed('x = 1\n'.repeat(MAX_CONFIG_CHARS / 5));
    expect(cfg.syntax).toBeNull();
    expect(cfg.xl.error?.code).toBe('too-large');
  });

  it('deeply nested Python lists stop at CPython\'s 200-bracket limit', () => {
    const cfg = parseConfig(`x = ${'['.repeat(201)}${']'.repeat(201)}\n`);
    expect(cfg.xm.error?.message).toBe('too many nested parentheses');
    expect(parseConfig(`x = ${'['.repeat(150)}${']'.repeat(150)}\n`).xm.ok).toBe(true);
  });
});

describe('properties', () => {
  it('random text: no throw, bounded time, lossless print', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (s) => {
        timed(s);
      }),
      { numRuns: 200 },
    );
  });

  it('random bytes read as latin1: no throw, lossless print', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        timed(Buffer.from(bytes).toString('latin1'));
      }),
      { numRuns: 150 },
    );
  });

  const piece = fc.constantFrom(
    'name', 'memory', 'disk', 'vif', ' ', '\t', '=', '+=', ' = ', '"', "'", '"hurd"', "'phy:sda4,hda,w'", '256', '0x1f', '[', ']', ',',
    ';', '#c', '\n', '\r\n', '\\', '(', ')', ':', 'if x:', '    ', 'import os', '"""', '%', '+', '.', 'Memory', '\\x41', '\\n',
  );

  it('config-shaped token soup: no throw, lossless print, spans inside the source', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (parts) => {
        timed(parts.join(''));
      }),
      { numRuns: 300 },
    );
  });

  it('generated valid configs are accepted by both dialects and print back byte for byte', () => {
    const key = fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/).filter((k) => !['if', 'in', 'is', 'or', 'and', 'not', 'for', 'def', 'del', 'try', 'as'].includes(k));
    const str = fc.string({ unit: fc.constantFrom(...'abc-/:,= '.split('')), maxLength: 10 });
    const atom = fc.oneof(str.map((s) => `"${s}"`), str.map((s) => `'${s}'`), fc.nat({ max: 99999 }).map(String));
    const list = fc
      .tuple(fc.array(atom, { maxLength: 4 }), fc.constantFrom(', ', ',', ',\n    ', ' ,  '), fc.boolean())
      .map(([items, sep, trailing]) => `[${items.join(sep)}${trailing && items.length > 0 ? ',' : ''}]`);
    const line = fc
      .tuple(key, fc.constantFrom(' = ', '=', '  =\t'), fc.oneof(atom, list), fc.constantFrom('', '  # note', ' ;'))
      .map(([k, s, v, tail]) => `${k}${s}${v}${tail}`);
    const file = fc
      .tuple(fc.array(fc.oneof(line, fc.constant(''), fc.constant('# comment')), { maxLength: 10 }), fc.boolean())
      // A final comment needs its newline (libxlu's comment token is #.*\n).
      .map(([lines, finalNl]) => lines.join('\n') + (finalNl || lines[lines.length - 1]?.includes('#') ? '\n' : ''));
    fc.assert(
      fc.property(file, (text) => {
        const cfg = timed(text);
        expect(cfg.syntax, text).toBe('both');
      }),
      { numRuns: 400 },
    );
  });
});
