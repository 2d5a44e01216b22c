import { describe, expect, it } from 'vitest';
import { testRule, hurd } from '../../../support/rule-tester.js';
import { maxmemBalloon, memoryMissing, memoryNotNumeric, memoryNumber, memoryOver580, memoryString, memoryTooSmall } from '../../../../rules/catalogue/config/memory.js';

const PVGRUB = { kernel: '"/boot/pv-grub.gz"', ramdisk: null, extra: '"(hd0)/boot/grub/menu.lst"' };
const XM_CLAMP = ['import os', 'name = "hurd"', 'memory = 1024', 'if memory > 580:', '    memory = 580', 'kernel = "/boot/gnumach-xen-pae"', ''].join('\n');

testRule(memoryOver580, {
  valid: [hurd(), hurd({ memory: '580' }), { name: 'xm clamps it in an if block', code: XM_CLAMP, dialect: 'xm' }, hurd({ kernel: '"/boot/vmlinuz-xen"', memory: '2048' })],
  invalid: [
    { code: hurd({ memory: '1024' }), errors: [{ messageId: 'over580', line: 4, severity: 'error', mentions: ['memory = 1024', '580', 'bootstrap', 'memory = 512'] }], output: hurd({ memory: '512' }) },
    { name: '581 is one too many', code: hurd({ memory: '581' }), errors: [{ messageId: 'over580' }], output: hurd({ memory: '512' }) },
    { name: 'pv-grub boots GNU Mach too', code: hurd({ ...PVGRUB, memory: '1024' }), errors: [{ messageId: 'over580', mentions: ['580'] }], output: hurd({ ...PVGRUB, memory: '512' }) },
    { name: 'hex is read as a number', code: hurd({ memory: '0x400' }), errors: [{ messageId: 'over580', mentions: ['0x400'] }] },
    { name: 'a numeric string counts too', code: hurd({ memory: '"1024"' }), errors: [{ messageId: 'over580' }], output: hurd({ memory: '512' }) },
    { name: 'a maxmem equal to the old memory goes too', code: hurd({ memory: '1024', maxmem: '1024' }), errors: [{ messageId: 'over580WithMaxmem', mentions: ['drop maxmem = 1024'] }], output: hurd({ memory: '512' }) },
  ],
});

testRule(memoryString, {
  valid: [hurd(), hurd({ memory: '"512M"' })],
  invalid: [{ code: hurd({ memory: '"256"' }), errors: [{ messageId: 'quoted', severity: 'warning', mentions: ['quoted', 'memory = 256'] }], output: hurd() }],
});

testRule(memoryNotNumeric, {
  valid: [hurd(), hurd({ memory: '"256"' })],
  invalid: [
    { code: hurd({ memory: '"512M"' }), errors: [{ messageId: 'withUnit', severity: 'error', mentions: ['512M', 'not a valid number', 'memory = 512'] }], output: hurd({ memory: '512' }) },
    { name: 'gigabytes are converted and capped at 580', code: hurd({ memory: '"1G"' }), errors: [{ messageId: 'withUnit', mentions: ['memory = 580'] }], output: hurd({ memory: '580' }) },
    { name: 'no guess for words', code: hurd({ memory: '"lots"' }), errors: [{ messageId: 'notANumber' }], output: null },
    { name: 'a fraction: libxlu\'s strtol stops at the dot', code: hurd({ memory: '256.5' }), dialect: 'xl', errors: [{ messageId: 'notInteger', severity: 'error', mentions: ['not an integer', 'memory = 256'] }], output: hurd({ memory: '256' }) },
    { name: 'xm truncates a fraction with int()', code: hurd({ memory: '256.5' }), dialect: 'xm', errors: [{ messageId: 'notInteger', severity: 'info' }] },
  ],
});

testRule(memoryTooSmall, {
  valid: [hurd(), hurd({ memory: '128' })],
  invalid: [
    { code: hurd({ memory: '16' }), errors: [{ messageId: 'tooLittle', severity: 'warning', mentions: ['256'] }], output: hurd({ memory: '256' }) },
    { name: 'tight but possible is info', code: hurd({ memory: '64' }), errors: [{ messageId: 'tight', severity: 'info' }], output: null },
  ],
});

testRule(memoryMissing, {
  valid: [hurd()],
  invalid: [
    { code: hurd({ memory: null }), errors: [{ messageId: 'notSet', severity: 'warning', mentions: ['128', '32'] }] },
    { code: hurd({ memory: null }), dialect: 'xm', errors: [{ messageId: 'notSet', severity: 'info' }] },
  ],
});

testRule(maxmemBalloon, {
  valid: [hurd(), hurd({ maxmem: '256' })],
  invalid: [
    { code: hurd({ maxmem: '512' }), errors: [{ messageId: 'aboveMemory', severity: 'info', mentions: ['balloon'] }], output: null },
    { code: hurd({ maxmem: '1024' }), errors: [{ messageId: 'over580', severity: 'warning', mentions: ['580'] }] },
  ],
});

describe('memoryNumber reads numbers as the tools do', () => {
  it('decimal, hex, octal (leading zero) and numeric strings', () => {
    expect(memoryNumber(256)).toBe(256);
    expect(memoryNumber({ number: '0x100' })).toBe(256);
    expect(memoryNumber({ number: '0256' })).toBe(174);
    expect(memoryNumber('512')).toBe(512);
    expect(memoryNumber('512M')).toBeUndefined();
    expect(memoryNumber(['1'])).toBeUndefined();
  });
});
