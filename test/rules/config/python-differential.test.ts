/**
 * Differential tests against the real python3: what compile() accepts and rejects, and (for the
 * test corpus only) the variables a run of the file leaves behind.
 */
import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConfig, type ParsedConfig, type PlainValue } from '../../../rules/config/index.js';
import { askPython } from './python-oracle.js';
import { SHARED } from '../../support/eval.js';

const FIXTURES = new URL('../../fixtures/config/', import.meta.url).pathname;
const EVAL = `${SHARED}/eval/configs/`;
const CORPUS = `${SHARED}/corpus/configs/`;

function corpusFiles(): { name: string; text: string }[] {
  const own = readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.cfg'))
    .map((f) => ({ name: `fixtures/${f}`, text: readFileSync(FIXTURES + f, 'utf8') }));
  const shared = [
    ...readdirSync(EVAL).filter((f) => f.endsWith('.cfg')).map((f) => ({ name: `eval/${f}`, text: readFileSync(EVAL + f, 'utf8') })),
    ...readdirSync(CORPUS)
      .filter((f) => f.endsWith('.cfg') && !/^libvirt-xl-|xl\.conf|cpupool|xlexample/.test(f))
      .map((f) => ({ name: `corpus/${f}`, text: readFileSync(CORPUS + f, 'utf8') })),
  ];
  // Files that need `xm create ... var=value` (xm_vars, vmid) cannot run standalone.
  return [...own, ...shared.filter((f) => !/xm_vars|vmid/.test(f.text))];
}

/** Assignments inside if/for/try blocks are read as written, so their keys are not compared. */
function nestedKeys(cfg: ParsedConfig): Set<string> {
  return new Set(cfg.assignments.filter((a) => a.keySpan.column > 1).map((a) => a.key));
}

describe('xm values agree with what python3 computes (test corpus only)', () => {
  const files = corpusFiles();
  const verdicts = askPython(files.map((f) => ({ source: f.text, exec: true })));

  files.forEach((f, i) => {
    const py = verdicts[i];
    it(`${f.name}`, () => {
      const cfg = parseConfig(f.text);
      expect(py).toBeDefined();
      if (!py?.ok) {
        // Python 3 rejects it: only Python-2-only syntax may make us differ.
        expect(cfg.xm.ok ? cfg.xm.warnings.some((w) => w.code === 'python2-only-syntax' || w.code === 'number-leading-zero') : true).toBe(true);
        return;
      }
      expect(cfg.xm.error).toBeUndefined();
      if (py.runtimeError || !py.values) return;
      const ours: Record<string, PlainValue> = cfg.valuesByDialect?.xm ?? {};
      const nested = nestedKeys(cfg);
      for (const [key, value] of Object.entries(ours)) {
        if (nested.has(key)) continue;
        expect(py.values[key], `${key} in python`).toEqual(value);
      }
      for (const key of Object.keys(py.values)) {
        if (key in ours || nested.has(key)) continue;
        // Whatever we do not report must be something we said we did not evaluate.
        const lines = cfg.assignments.filter((a) => a.key === key).map((a) => a.span.line);
        const flagged = cfg.notEvaluated.some((n) => lines.includes(n.line)) || lines.length === 0;
        expect(flagged, `${key} missing but not listed as not evaluated`).toBe(true);
      }
    });
  });

  it('really compared a good number of values', () => {
    const total = verdicts.reduce((n, v) => n + Object.keys(v.values ?? {}).length, 0);
    expect(total).toBeGreaterThan(300);
  });
});

/** Sources Python 3 accepts or rejects; our xm verdict must match, and the error line too. */
const SYNTAX_CASES: string[] = [
  'x = 1\n',
  'x = [1, 2\n',
  'x = (1, 2]\n',
  'x = 1)\n',
  "x = 'abc\n",
  'x = """abc\n',
  "x = 'abc\"\n",
  'x = 1 +\n',
  'x = = 1\n',
  'f() = 1\n',
  '1 = x\n',
  '"s" = 1\n',
  'x + 1 = 2\n',
  'if x\n    y = 1\n',
  'if x:\ny = 1\n',
  '  x = 1\n',
  'if x:\n    y = 1\n  z = 2\n',
  'else:\n    pass\n',
  'return 1\n',
  'break\n',
  'for i in x:\n    break\n',
  'class = 1\n',
  'x = 08\n',
  'x = 0x\n',
  'x = 1__0\n',
  'x = 1_\n',
  'x = 1.2.3\n',
  'x = 12abc\n',
  'x = "\\x4"\n',
  'x = "\\N{LATIN SMALL LETTER E WITH ACUTE}"\n',
  'x = u"x"\n',
  'x = b"x" "y"\n',
  'x = $\n',
  'x = 5 ?\n',
  'a = 1; ; b = 2\n',
  ';\n',
  'x = (1,)\ny = ()\n',
  'x = [*a]\n',
  '*a = 1\n',
  'a, *b = 1, 2\n',
  'x = {**a}\n',
  'f(**a, *b)\n',
  'f(x=1, 2)\n',
  'f(1=2)\n',
  'def f(a=1, b): pass\n',
  'def f(*, a): pass\n',
  'def f(*): pass\n',
  'def f(a, b=2, *c, d, **e) -> int:\n    return a\n',
  'x = 1 if 2 else 3\n',
  'x = 1 if 2\n',
  'x = a.1\n',
  'x = a[1:2:3]\n',
  'x = a[]\n',
  "print(1, end='')\n",
  'x = ...\n',
  'class A(object, metaclass=M):\n    pass\n',
  'x = not 1 == 2\n',
  'x = 1 < 2 < 3\n',
  'x = a is not b\n',
  'x = a not in b\n',
  'x = -+~1\n',
  'x = 2 ** -1\n',
  'x = await y\n',
  'x = yield 1\n',
  'def g():\n    x = yield 1\n    y = (yield)\n',
  'nonlocal x\n',
  'def f():\n    nonlocal x\n',
  'del f()\n',
  'del x, y[0], z.a\n',
  'for 1 in x: pass\n',
  'with a as b, c as (d, e): pass\n',
  'with a as 1: pass\n',
  'x := 1\n',
  '(x := 1)\n',
  'x = not\n',
  'x = [i for i in]\n',
  'x = [i for i in y if i if not i]\n',
  'x = {k: v for k, v in y}\n',
  'x = {1: 2, 3}\n',
  'x = {1, 2: 3}\n',
  '@dec\nx = 1\n',
  '@dec.attr(1)\ndef f(): pass\n',
  'try:\n    pass\n',
  'try:\n    pass\nexcept:\n    pass\nelse:\n    pass\nfinally:\n    pass\n',
  'try:\n    pass\nelse:\n    pass\n',
  'import\n',
  'import os.path as p, sys\n',
  'from . import x\n',
  'from .. mod import (a, b,)\n',
  'from os import *\n',
  'from os import\n',
  'x = lambda: 1\n',
  'x = lambda a, *b, c=1, **d: a\n',
  'lambda x: = 1\n',
  'a b\n',
  'x = [1, 2,, 3]\n',
  'x = (1 2)\n',
  'x = 1 \\\n  + 2\n',
  'x = 1 \\ 2\n',
  'x = 1\\',
  'if True:\n\tx = 1\n\ty = 2\n',
  'x = [\n    1,\n    2,\n]\n',
  'x = "a" \\\n    "b"\n',
  'x = r"\\"\n',
  'x = r"\\\\"\n',
  "x = 'it''s'\n",
  'x = f"{1}"\n',
  'x = 1; y = 2  # comment\n',
  'x = 1 # comment without newline',
  '# only a comment\n',
  '',
  '\n\n\n',
  'global x\nx = 1\n',
  'assert x, "msg"\n',
  'raise ValueError("x")\n',
  'raise ValueError from None\n',
  'while x:\n    continue\nelse:\n    pass\n',
  'continue\n',
  'if x:\n    pass\nelif y:\n    pass\nelif z:\n    pass\nelse:\n    pass\n',
  'x = [[[[[[[[[[1]]]]]]]]]]\n',
  'x = {\n',
  'x = }\n',
  'x = ([)]\n',
  'x = "abc" "def\n',
  "x = 'a\\\nb'\n",
  'x = """\n"""\n',
  "x = '''a'''b'''\n",
  'x = True = 1\n',
  'True = 1\n',
  'None += 1\n',
  'x, y += 1\n',
  'x.y += 1\n',
  'x[0] = 1\n',
  'x = y = z = 1\n',
  'x: int = 1\n',
  'x = 1.\n',
  'x = 1e\n',
  'x = 1e+5\n',
  'x = 1j\n',
  'x = 0o8\n',
  'x = 0b2\n',
  'x = 00\n',
  'x = 0_0\n',
  'if x: y = 1\n',
  'if x: y = 1; z = 2\n',
  'if x: if y: pass\n',
  'def f(): return\n',
  'class A: pass\n',
  'x = a if b else c if d else e\n',
  'x = [1,\n# comment inside\n 2]\n',
  'x = (\n)\n',
  'x = f(a for a in b)\n',
  'x = f(a for a in b, c)\n',
  'x = a[1:]\n',
  'x = a[:, 1]\n',
  'x = a[::]\n',
  'x = `1`\n',
  'x = 1 <> 2\n',
  'print "hello"\n',
  'exec "x = 1"\n',
  'if x:\n\ty = 1\n        z = 2\n',
];

describe('xm syntax verdicts agree with python3 compile()', () => {
  const verdicts = askPython(SYNTAX_CASES.map((source) => ({ source, exec: false })));
  const PY2_ONLY = new Set(['x = `1`\n', 'x = 1 <> 2\n', 'print "hello"\n', 'exec "x = 1"\n', 'if x:\n\ty = 1\n        z = 2\n']);

  SYNTAX_CASES.forEach((source, i) => {
    const py = verdicts[i];
    it(JSON.stringify(source), () => {
      const cfg = parseConfig(source);
      if (PY2_ONLY.has(source)) {
        // Python 3 rejects these; xm ran Python 2, which accepted them: flagged, not rejected.
        expect(py?.ok).toBe(false);
        expect(cfg.xm.ok).toBe(true);
        expect(cfg.xm.warnings.some((w) => w.code === 'python2-only-syntax')).toBe(true);
        return;
      }
      expect(cfg.xm.ok, `python3 says ${py?.ok ? 'ok' : `${py?.line}:${py?.column} ${py?.message}`}; we say ${cfg.xm.error?.line}:${cfg.xm.error?.column} ${cfg.xm.error?.message}`).toBe(py?.ok);
      if (!py?.ok && cfg.xm.error) {
        expect(cfg.xm.error.line, `${cfg.xm.error.message} vs ${py?.message}`).toBe(py?.line);
        expect(cfg.xm.error.column).toBeGreaterThan(0);
      }
    });
  });
});

describe('fuzzed Python-ish token soup: same verdict and error line as python3 compile()', () => {
  const piece = fc.constantFrom(
    'x', 'y', ' ', ' = ', '=', '+=', '1', '0x1', '"a"', "'b'", '[', ']', '(', ')', '{', '}', ',', ':', ';', '\n', '\n    ', '\n  ',
    'if ', 'else', 'elif ', 'for ', ' in ', 'def ', 'return ', 'lambda ', 'not ', ' and ', ' or ', '.', '*', '**', '%', '+', '-',
    '#c', '\\\n', 'import ', 'from ', 'pass', 'yield', '@', ' is ', 'try:', 'except', 'finally', 'while ', 'with ', ' as ', 'del ',
    'global ', 'class ', '...', '"""t"""', 'r"x"', 'b"z"', '1.5', '1e3', '0', 'None', 'True', // no print/07: Python-2-only
  );
  const sources = fc.sample(
    fc.array(piece, { maxLength: 14 }).map((p) => `${p.join('')}\n`),
    { numRuns: 2000, seed: 20261125 },
  );
  const verdicts = askPython(sources.map((source) => ({ source, exec: false })));

  it('agrees on every sample', () => {
    const disagreements: string[] = [];
    let accepted = 0;
    sources.forEach((source, i) => {
      const py = verdicts[i];
      const ours = parseConfig(source).xm;
      if (py?.ok) accepted++;
      if (ours.ok !== py?.ok) disagreements.push(`${JSON.stringify(source)}: python ${py?.ok} ${py?.message ?? ''}, ours ${ours.ok} ${ours.error?.message ?? ''}`);
      else if (!ours.ok && ours.error?.line !== py?.line) {
        disagreements.push(`${JSON.stringify(source)}: python line ${py?.line} (${py?.message}), ours line ${ours.error?.line} (${ours.error?.message})`);
      }
    });
    expect(disagreements).toEqual([]);
    expect(accepted).toBeGreaterThan(200);
  });
});
