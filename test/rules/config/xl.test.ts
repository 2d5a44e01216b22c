/**
 * libxlu's grammar, corner by corner (xen.git tools/libs/util/libxlu_cfg_l.l, libxlu_cfg_y.y,
 * libxlu_cfg.c). Each expectation follows from a rule of those files, cited in the test name.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../rules/config/index.js';
import { xlDequote } from '../../../rules/config/xl-lexer.js';

const xl = (text: string) => parseConfig(text).xl;
const xlValues = (text: string) => parseConfig(text).valuesByDialect?.xl;

describe('libxlu lexer', () => {
  it('identifiers are [a-z][._0-9a-z]*: dots and underscores allowed, upper case is a lexical error', () => {
    expect(xlValues('vif.default.bridge = "xenbr0"\non_crash = "destroy"\n')).toEqual({ 'vif.default.bridge': 'xenbr0', on_crash: 'destroy' });
    const e = xl('Memory = 256\n');
    expect(e.ok).toBe(false);
    expect(e.error).toMatchObject({ line: 1, column: 1, code: 'uppercase-key' });
    expect(e.error?.message).toMatch(/^config parsing error near `Memory': lexical error/);
  });

  it('numbers are [0-9][0-9a-fx]* tokens kept as text: decimal -> number, others -> {number}', () => {
    expect(xlValues('a = 256\nb = 0x1f\nc = 0256\nd = 0\ne = 12abc\nf = 99999999999999999999\n')).toEqual({
      a: 256,
      b: { number: '0x1f' },
      c: { number: '0256' },
      d: 0,
      e: { number: '12abc' },
      f: { number: '99999999999999999999' },
    });
  });

  it('a unit suffix outside [a-fx] splits the token and fails the grammar', () => {
    expect(xl('memory = 256M\n').ok).toBe(false);
    expect(xl('memory = 256m\n').error?.message).toContain('unexpected IDENT');
  });

  it('the characters + - . ( ) : outside strings mark the file as likely Python', () => {
    for (const text of ['memory = 256 + 1\n', 'x = -1\n', 'x = 1.5\n', 'x = (1)\n', 'x = a:b\n']) {
      const r = xl(text);
      expect(r.ok, text).toBe(false);
      expect(r.warnings.map((w) => w.code), text).toContain('python-in-xl');
    }
  });

  it('import/if lines fail with a syntax error (no Python warning: only IDENT tokens were seen)', () => {
    const r = xl('import os\nname = "hurd"\n');
    expect(r.error).toMatchObject({ line: 1, column: 8, code: 'python-in-xl' });
    expect(r.warnings).toEqual([]);
  });

  it('\\r is not whitespace: every CRLF line is a lexical error, but \\r inside a comment is harmless', () => {
    const r = xl('name = "hurd"\r\nmemory = 256\r\n');
    expect(r.error).toMatchObject({ line: 1, column: 14, code: 'crlf-line-endings' });
    expect(xl('# comment\r\nname = "hurd"\n').ok).toBe(true);
  });

  it('comments are #.*\\n: a final comment without newline is a lexical error', () => {
    expect(xl('name = "hurd"\n# end\n').ok).toBe(true);
    expect(xl('name = "hurd"\n# end').error).toMatchObject({ line: 2, column: 1, code: 'comment-at-eof-without-newline' });
    expect(xl('name = "hurd" # trailing\n').ok).toBe(true);
  });

  it('a lone bad character as the very last byte is dropped (flex reaches EOF in its error state)', () => {
    expect(xl('name = "hurd"\n#').ok).toBe(true);
    expect(xl('name = "hurd"\n#x').ok).toBe(false);
    // libxlu reads bytes: the second byte of a UTF-8 character is still there to report.
    expect(xl('name = "hurd"\nÉ').ok).toBe(false);
  });

  it('the last setting may lack a newline (file: stmts assignment)', () => {
    expect(xlValues('a = 1\nb = [ 2 ]')).toEqual({ a: 1, b: [2] });
  });

  it('strings cannot span lines, and the other quote does not close them', () => {
    const r = xl('extra = "root=device:hd0\'\nvif = [ \'\' ]\n');
    expect(r.error).toMatchObject({ line: 1, column: 9, code: 'unterminated-string' });
    expect(xl('extra = "abc\\\ndef"\n').ok).toBe(false);
  });
});

describe('libxlu string escapes (xlu__cfgl_dequote)', () => {
  it('decodes \\" \\\' \\\\ \\a \\b \\f \\n \\r \\t \\v', () => {
    expect(xlDequote(String.raw`"\"\'\\\a\b\f\n\r\t\v"`)).toEqual({ value: '"\'\\\x07\b\f\n\r\t\v' });
  });

  it('rejects every \\x escape (the length check can never pass)', () => {
    expect(xlDequote(String.raw`"a\x41"`).error?.message).toMatch(/hex numerical character escape/);
    expect(xl('name = "hurd\\x2d1"\n').error).toMatchObject({ line: 1, column: 13, code: 'string-escape' });
  });

  it('\\N with an octal digit swallows up to three following decimal characters and stores nothing', () => {
    expect(xlDequote(String.raw`"a\101b"`)).toEqual({ value: 'ab' });
    expect(xlDequote(String.raw`"a\1999b"`)).toEqual({ value: 'ab' });
    expect(xlDequote(String.raw`"a\15"`).error).toBeDefined();
    expect(xlDequote(String.raw`"\0"`).error).toBeDefined();
  });

  it('rejects unknown escapes such as \\q and \\8', () => {
    expect(xlDequote(String.raw`"\q"`).error?.message).toMatch(/invalid character after backlash/);
    expect(xlDequote(String.raw`"\8"`).error).toBeDefined();
  });

  it('single and double quotes behave alike', () => {
    expect(xlValues(`a = 'x"y'\nb = "x'y"\n`)).toEqual({ a: 'x"y', b: "x'y" });
  });
});

describe('libxlu grammar', () => {
  it('`;` separates statements, blank statements are fine', () => {
    expect(xlValues('a = 1; b = "2";;\n;\n')).toEqual({ a: 1, b: '2' });
  });

  it('lists: newlines and comments inside, trailing comma, empty list, nested lists', () => {
    const v = xlValues('disk = [\n  "a", # first\n\n  "b",\n]\ne = []\nn = [ [ "x", 1 ], [] ]\n');
    expect(v).toEqual({ disk: ['a', 'b'], e: [], n: [['x', 1], []] });
  });

  it('a list cannot start with a comma or hold two commas in a row', () => {
    expect(xl('a = [ , ]\n').ok).toBe(false);
    expect(xl('a = [ 1,, 2 ]\n').ok).toBe(false);
  });

  it('a stray or missing bracket is a syntax error at the offending token', () => {
    expect(xl('vif = [ "" ]]\n').error).toMatchObject({ line: 1, column: 13, code: 'unbalanced-bracket' });
    const open = xl('disk = [ "a"\nname = "x"\n');
    expect(open.error).toMatchObject({ line: 2, column: 1, code: 'unbalanced-bracket' });
  });

  it('a value is required after =', () => {
    const r = xl('name =\n');
    expect(r.error?.message).toBe("config parsing error near <newline>: syntax error, unexpected NEWLINE, expecting STRING or NUMBER or '['");
  });

  it('two values on one line are a syntax error', () => {
    expect(xl('name = "a" "b"\n').error).toMatchObject({ line: 1, column: 12 });
  });

  it('+= concatenates strings and lists with the earlier value; alone it stores the value', () => {
    expect(xlValues('a = "x"\na += "y"\nl = [ 1 ]\nl += [ 2 ]\nm += [ 3 ]\n')).toEqual({ a: 'xy', l: [1, 2], m: [3] });
  });

  it('+= of a list to a string is an error', () => {
    expect(xl('a = "x"\na += [ "y" ]\n').error?.code).toBe('plus-equals-type');
  });

  it('+= with a number is accepted by the parser but warned about when read', () => {
    const r = xl('memory += 256\n');
    expect(r.ok).toBe(true);
    expect(r.warnings.map((w) => w.code)).toEqual(['plus-equals-number']);
  });

  it('duplicate keys: the last wins and both lines are reported', () => {
    const cfg = parseConfig('memory = 256\nname = "a"\nmemory = 512\n');
    expect(cfg.values.memory).toBe(512);
    expect(cfg.duplicates).toEqual({ memory: [1, 3] });
  });

  it('empty and comment-only files are valid for both', () => {
    for (const t of ['', '\n', '# just a comment\n']) expect(parseConfig(t).syntax).toBe('both');
  });

  it('deep list nesting exhausts bison\'s stack (YYMAXDEPTH 10000) instead of recursing', () => {
    const deep = `x = ${'['.repeat(6000)}${']'.repeat(6000)}\n`;
    expect(xl(deep).error?.code).toBe('too-deep');
    const ok = `x = ${'['.repeat(1000)}${']'.repeat(1000)}\n`;
    expect(xl(ok).ok).toBe(true);
  });

  it('errors carry line and column of the offending token', () => {
    const r = xl('name = "hurd"\nmemory = 256\ndisk = [ "a" "b" ]\n');
    expect(r.error).toMatchObject({ line: 3, column: 14 });
  });
});
