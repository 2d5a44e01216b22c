/** Edits change only what they target, in the file's own style. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ConfigEditError,
  addListItem,
  applyEdits,
  parseConfig,
  removeKey,
  removeListItem,
  replaceListItem,
  setKey,
  type Edit,
} from '../../../rules/config/index.js';

const apply = (text: string, f: (cfg: ReturnType<typeof parseConfig>) => Edit[]) => applyEdits(text, f(parseConfig(text)));

describe('applyEdits', () => {
  it('applies edits in offset order and rejects overlaps', () => {
    expect(applyEdits('abcdef', [{ start: 4, end: 5, text: 'E' }, { start: 0, end: 1, text: 'A' }])).toBe('AbcdEf');
    expect(() => applyEdits('abcdef', [{ start: 0, end: 3, text: '' }, { start: 2, end: 4, text: '' }])).toThrow(ConfigEditError);
    expect(() => applyEdits('abc', [{ start: 2, end: 9, text: '' }])).toThrow(ConfigEditError);
  });
});

describe('setKey', () => {
  it('replaces the last assignment, keeping the quote style', () => {
    expect(apply("memory = 256\nmemory = 1024\nname = 'x'\n", (c) => setKey(c, 'memory', 512))).toBe("memory = 256\nmemory = 512\nname = 'x'\n");
    expect(apply("extra = 'root=/dev/hda1'\n", (c) => setKey(c, 'extra', 'root=device:hd0'))).toBe("extra = 'root=device:hd0'\n");
  });

  it('appends a missing key with the file\'s quote, spacing and line ends', () => {
    expect(apply("name='hurd'\nmemory=256\n", (c) => setKey(c, 'kernel', '/boot/gnumach'))).toBe("name='hurd'\nmemory=256\nkernel='/boot/gnumach'\n");
    expect(apply('name = "hurd"\r\nmemory = 256\r\n', (c) => setKey(c, 'ramdisk', '/boot/hurd-modules'))).toBe(
      'name = "hurd"\r\nmemory = 256\r\nramdisk = "/boot/hurd-modules"\r\n',
    );
  });

  it('adds the missing final newline before appending', () => {
    expect(apply('name = "hurd"', (c) => setKey(c, 'memory', 256))).toBe('name = "hurd"\nmemory = 256\n');
    expect(apply('name = "hurd"\n# trailing comment', (c) => setKey(c, 'memory', 256))).toBe('name = "hurd"\n# trailing comment\nmemory = 256\n');
  });

  it('follows column alignment of "=" when the file aligns them', () => {
    const text = 'name        = "hurd"\nkernel      = "/boot/k"\n';
    expect(apply(text, (c) => setKey(c, 'memory', 256))).toBe(`${text}memory      = 256\n`);
  });

  it('writes xm-only files in xm terms', () => {
    const text = 'import os\nname = "hurd"\n';
    expect(apply(text, (c) => setKey(c, 'memory', { number: '0400' }))).toBe(`${text}memory = 256\n`);
  });
});

describe('removeKey', () => {
  it('removes whole lines, every assignment of the key', () => {
    expect(apply('a = 1\nmemory = 2 # old\nb = 3\nmemory = 4\n', (c) => removeKey(c, 'memory'))).toBe('a = 1\nb = 3\n');
  });

  it('removes only the statement when it shares its line', () => {
    expect(apply('a = 1; memory = 2; b = 3\n', (c) => removeKey(c, 'memory'))).toBe('a = 1; b = 3\n');
  });

  it('removes a multi-line list assignment entirely', () => {
    expect(apply('disk = [\n  "a",\n  "b",\n]\nname = "x"\n', (c) => removeKey(c, 'disk'))).toBe('name = "x"\n');
  });
});

describe('list edits', () => {
  it('adds an item in the list\'s own layout', () => {
    expect(apply("disk = [ 'phy:sda4,hda,w' ]\n", (c) => addListItem(c, 'disk', 'phy:sda5,hdb,w'))).toBe("disk = [ 'phy:sda4,hda,w', 'phy:sda5,hdb,w' ]\n");
    expect(apply("disk = [ 'a',\n         'b' ]\n", (c) => addListItem(c, 'disk', 'c'))).toBe("disk = [ 'a',\n         'b',\n         'c' ]\n");
    expect(apply('vif = [ ]\n', (c) => addListItem(c, 'vif', ''))).toBe('vif = [ "" ]\n');
    expect(apply('vif = []\n', (c) => addListItem(c, 'vif', 'bridge=br0'))).toBe('vif = ["bridge=br0"]\n');
    expect(apply('name = "x"\n', (c) => addListItem(c, 'vif', ''))).toBe('name = "x"\nvif = [""]\n');
  });

  it('removes an item with its comma', () => {
    expect(apply("d = [ 'a', 'b', 'c' ]\n", (c) => removeListItem(c, 'd', 1))).toBe("d = [ 'a', 'c' ]\n");
    expect(apply("d = [ 'a', 'b' ]\n", (c) => removeListItem(c, 'd', 1))).toBe("d = [ 'a' ]\n");
    expect(apply("d = [ 'a' ]\n", (c) => removeListItem(c, 'd', 0))).toBe('d = []\n');
  });

  it('replaces an item keeping its quote', () => {
    expect(apply("disk = [ 'phy:sda4,hda,x' ]\n", (c) => replaceListItem(c, 'disk', 0, 'phy:sda4,hda,w'))).toBe("disk = [ 'phy:sda4,hda,w' ]\n");
  });

  it('refuses list edits on non-lists and missing items', () => {
    const cfg = parseConfig("disk = 'phy:sda4,hda,w'\nvif = []\n");
    expect(() => addListItem(cfg, 'disk', 'x')).toThrow(ConfigEditError);
    expect(() => removeListItem(cfg, 'vif', 0)).toThrow(ConfigEditError);
  });
});

describe('edit properties', () => {
  const key = fc.constantFrom('name', 'memory', 'kernel', 'disk', 'vif', 'extra', 'vcpus');
  const atom = fc.oneof(fc.string({ unit: fc.constantFrom(...'ab:/,= "\'\\'.split('')), maxLength: 8 }), fc.nat({ max: 9999 }));
  const value = fc.oneof(atom, fc.array(atom, { maxLength: 3 }));
  const sep = fc.constantFrom(' = ', '=', '   =  ', '\t= ');
  const eol = fc.constantFrom('\n', '\n', '\n# note\n', ' # c\n');
  const file = fc.array(fc.tuple(key, sep, value, fc.constantFrom('"', "'"), eol), { minLength: 1, maxLength: 8 });

  it('setKey changes the value of that key and leaves every other byte alone', () => {
    fc.assert(
      fc.property(file, key, value, (lines, k, v) => {
        const text = lines.map(([kk, s, vv, q, e]) => `${kk}${s}${formatLiteral(vv, q)}${e}`).join('');
        const cfg = parseConfig(text);
        expect(cfg.syntax).toBe('both');
        const edits = setKey(cfg, k, v);
        const out = applyEdits(text, edits);
        const after = parseConfig(out);
        expect(after.syntax).toBe('both');
        expect(after.values[k]).toEqual(v);
        for (const other of Object.keys(cfg.values)) if (other !== k) expect(after.values[other]).toEqual(cfg.values[other]);
        const e = edits[0] as Edit;
        expect(out.slice(0, e.start)).toBe(text.slice(0, e.start));
        expect(out.slice(out.length - (text.length - e.end))).toBe(text.slice(e.end));
      }),
      { numRuns: 300 },
    );
  });

  it('removeKey removes exactly that key', () => {
    fc.assert(
      fc.property(file, key, (lines, k) => {
        const text = lines.map(([kk, s, vv, q, e]) => `${kk}${s}${formatLiteral(vv, q)}${e}`).join('');
        const cfg = parseConfig(text);
        const after = parseConfig(applyEdits(text, removeKey(cfg, k)));
        expect(after.syntax).toBe('both');
        expect(k in after.values).toBe(false);
        for (const other of Object.keys(cfg.values)) if (other !== k) expect(after.values[other]).toEqual(cfg.values[other]);
      }),
      { numRuns: 300 },
    );
  });
});

function formatLiteral(v: string | number | (string | number)[], q: string): string {
  const one = (x: string | number): string => (typeof x === 'number' ? String(x) : `${q}${x.replace(/\\/g, '\\\\').split(q).join(`\\${q}`)}${q}`);
  return Array.isArray(v) ? `[ ${v.map(one).join(', ')} ]` : one(v);
}
