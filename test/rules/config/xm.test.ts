/** The xm view: Python read, never run. */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../rules/config/index.js';

const xmValues = (text: string, vars?: Record<string, number | string>) => parseConfig(text, vars ? { vars } : {}).valuesByDialect?.xm;

describe('xm values', () => {
  it('takes plain literal assignments, last one winning', () => {
    expect(xmValues('memory = 256\nname = "hurd"\nmemory = 512\n')).toEqual({ memory: 512, name: 'hurd' });
  });

  it('evaluates Python numbers: hex, octal, binary, underscores, floats', () => {
    expect(xmValues('a = 0x10\nb = 0o17\nc = 0b101\nd = 1_000\ne = 2.5\n')).toEqual({ a: 16, b: 15, c: 5, d: 1000, e: 2.5 });
  });

  it('reads 0256 as Python 2 did (octal 174) and flags it', () => {
    const cfg = parseConfig('memory = 0256\n');
    expect(cfg.valuesByDialect?.xm?.memory).toBe(174);
    expect(cfg.valuesByDialect?.xl?.memory).toEqual({ number: '0256' });
    expect(cfg.values.memory).toEqual({ number: '0256' });
    expect(cfg.xm.warnings.map((w) => w.code)).toEqual(['number-leading-zero']);
  });

  it('drops tuples the way xm does (only str, int, float and list are kept)', () => {
    const cfg = parseConfig("disk = ( 'phy:sda4,hda,w', )\nname = 'hurd'\n");
    expect(cfg.syntax).toBe('xm');
    expect(cfg.values).toEqual({ name: 'hurd' });
    expect(cfg.assignments.find((a) => a.key === 'disk')?.value.kind).toBe('tuple');
  });

  it('folds string formatting and concatenation only when every input is known', () => {
    expect(xmValues('base = "hurd"\nname = base + "2"\nextra = "root=device:%s%d" % ("hd", 0)\n')).toEqual({
      base: 'hurd',
      name: 'hurd2',
      extra: 'root=device:hd0',
    });
    const cfg = parseConfig('name = "hurd%d" % vmid\n');
    expect(cfg.values.name).toBeUndefined();
    expect(cfg.notEvaluated).toEqual([{ line: 1, text: 'name = "hurd%d" % vmid', reason: 'value of name is a Python expression (not evaluated)' }]);
  });

  it('uses xm create command-line variables when given', () => {
    expect(xmValues('name = "hurd%d" % vmid\n', { vmid: 3 })).toEqual({ vmid: 3, name: 'hurd3' });
  });

  it('never runs calls: the key is reported as not evaluated, an earlier literal is forgotten', () => {
    const cfg = parseConfig('import os\nmemory = 256\nmemory = int(os.environ["MEM"])\n');
    expect(cfg.values.memory).toBeUndefined();
    expect(cfg.notEvaluated.map((n) => [n.line, n.reason])).toEqual([
      [1, 'import not evaluated'],
      [3, 'value of memory is a Python expression (not evaluated)'],
    ]);
  });

  it('ignores assignments inside function bodies', () => {
    expect(xmValues('def f():\n    memory = 9\n    return memory\nmemory = 1\n')).toEqual({ memory: 1 });
  });

  it('CRLF is fine for Python', () => {
    const cfg = parseConfig('name = "hurd"\r\nmemory = 256\r\n');
    expect(cfg.syntax).toBe('xm');
    expect(cfg.values).toEqual({ name: 'hurd', memory: 256 });
    expect(cfg.eol).toBe('\r\n');
  });

  it('decodes Python escapes that libxlu rejects', () => {
    const cfg = parseConfig('name = "hurd\\x2d1"\n');
    expect(cfg.syntax).toBe('xm');
    expect(cfg.values.name).toBe('hurd-1');
  });
});

describe('xm syntax', () => {
  it('accepts Python-2-only forms with a python2-only-syntax warning', () => {
    for (const text of ['print "booting hurd"\n', 'x = `1`\n', 'x = 1 <> 2\n', 'x = 10L\n', 'try:\n    pass\nexcept Exception, e:\n    pass\n']) {
      const cfg = parseConfig(text);
      expect(cfg.xm.ok, text).toBe(true);
      expect(cfg.xm.warnings.some((w) => w.code === 'python2-only-syntax'), text).toBe(true);
    }
  });

  it('warns that Python 2 rejects non-ASCII text without a coding line', () => {
    expect(parseConfig('name = "hürd"\n').xm.warnings.map((w) => w.code)).toEqual(['python2-non-ascii']);
    expect(parseConfig('# -*- coding: utf-8 -*-\nname = "hürd"\n').xm.warnings).toEqual([]);
  });

  it('reports errors with line, column and a stable code', () => {
    expect(parseConfig('name = "hurd"\nvif = [ "" ]]\n').xm.error).toEqual({ message: "unmatched ']'", line: 2, column: 13, code: 'unbalanced-bracket' });
    expect(parseConfig("extra = \"root'\n").xm.error).toMatchObject({ line: 1, column: 9, code: 'unterminated-string' });
    expect(parseConfig('disk = [ "a",\nname = "x"\n').xm.error).toEqual({ message: "'[' was never closed", line: 1, column: 8, code: 'unbalanced-bracket' });
    expect(parseConfig('if x:\nname = 1\n').xm.error).toMatchObject({ line: 2, code: 'indentation' });
  });
});
