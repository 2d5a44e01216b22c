/**
 * A value quoted from the user's machine decides the answer (pasted-values.ts): an unusual xen_caps line gets the
 * verdict for that line, not the advice for the common case.
 */
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../knowledge/index.js';
import { readPastedValues, xenCapsOf } from '../../knowledge/pasted-values.js';

const kb = loadKnowledge();
const NO_PV32 = 'xen_caps : xen-3.0-x86_64 hvm-3.0-x86_32 hvm-3.0-x86_32p hvm-3.0-x86_64';

describe('xenCapsOf', () => {
  it('reads the guest types of a pasted xen_caps line, with or without the colon', () => {
    expect(xenCapsOf(`xl info | grep xen_caps gives ${NO_PV32} can it run?`)).toEqual(['xen-3.0-x86_64', 'hvm-3.0-x86_32', 'hvm-3.0-x86_32p', 'hvm-3.0-x86_64']);
    expect(xenCapsOf('xen_caps xen-3.0-x86_32p')).toEqual(['xen-3.0-x86_32p']);
  });

  it('reads nothing where only the word is named', () => {
    expect(xenCapsOf('what does xen_caps mean')).toBeUndefined();
    expect(xenCapsOf('how do i check xen_caps: is it in xl info?')).toBeUndefined();
  });

  it('stays bounded on a long line', () => {
    expect(xenCapsOf(`xen_caps : ${'x'.repeat(100_000)} xen-3.0-x86_32p`)).toBeUndefined();
  });
});

describe('readPastedValues', () => {
  it.each([
    [NO_PV32, 'pae-64bit-xen-caps'],
    ['xen_caps : xen-3.0-x86_64 xen-3.0-x86_32p hvm-3.0-x86_32', 'pae-image-for-pae-hv'],
    ['xen_caps : xen-3.0-x86_32 hvm-3.0-x86_32', 'pae-nonpae-only-nonpae-hv'],
  ])('%s -> %s', (line, factId) => {
    expect(readPastedValues(line)?.factId).toBe(factId);
  });

  it('names only facts that exist', () => {
    const ids = new Set(kb.facts.map((f) => f.id));
    for (const line of [NO_PV32, 'xen_caps : xen-3.0-x86_32p', 'xen_caps : xen-3.0-x86_32']) expect(ids.has(readPastedValues(line)!.factId)).toBe(true);
  });
});

describe("a quoted GNU Mach VBD boot line", () => {
  it('is explained as the normal per-disk line, with its VBD number', () => {
    expect(readPastedValues("hd0: dom0's VBD 768 (sda4,w) 10240MB in my boot output, error?")?.factId).toBe('dname-boot-line');
    const a = kb.answer("what does hd0: dom0's VBD 768 (sda4,w) 10240MB mean");
    expect(a.lines[0]).toMatch(/not an error/);
  });
});

describe('an answer to a question that quotes xen_caps', () => {
  it('without a 32-bit PV type: says 32-bit PV is off, not "use gnumach-xen-pae" alone', () => {
    const a = kb.answer(`debian 12 dom0, ${NO_PV32} -- can my 32 bit hurd run as pv here?`);
    expect(a.answered).toBe(true);
    expect(a.lines[0]).toMatch(/32-bit PV\s+is off/);
  });

  it('with x86_32p: the PAE image', () => {
    const a = kb.answer('xen_caps : xen-3.0-x86_64 xen-3.0-x86_32p hvm-3.0-x86_32 -- which gnumach do i boot?');
    expect(a.lines[0]).toContain('gnumach-xen-pae');
  });
});
