import { describe, expect, it } from 'vitest';
import { testRule, hurd } from '../../../support/rule-tester.js';
import {
  commentAtEof, crlfLineEndings, offsetOf, syntaxError, unbalancedBracket, unterminatedString, uppercaseKey,
} from '../../../../rules/catalogue/config/syntax.js';
import { numberLeadingZero, plusEqualsUndefined, python2Only, pythonDecode, stringEscape } from '../../../../rules/catalogue/config/values.js';

testRule(unbalancedBracket, {
  valid: [hurd()],
  invalid: [
    { name: 'a stray ]', code: hurd({ vif: "[ '' ]]" }), errors: [{ messageId: 'stray', line: 7, severity: 'error', mentions: ['bracket', 'syntax error'] }], output: hurd() },
    { name: 'never closed', code: hurd({ vif: "[ ''" }), errors: [{ messageId: 'unclosed', mentions: ['never closed'] }], output: null },
  ],
});

testRule(unterminatedString, {
  valid: [hurd()],
  invalid: [
    { name: 'closed with the other quote', code: hurd({ extra: `"root=device:hd0'` }), errors: [{ messageId: 'unterminated', line: 6, mentions: ['string', 'quote'] }], output: hurd() },
    { name: 'not closed at all', code: hurd({ extra: '"root=device:hd0' }), errors: [{ messageId: 'unterminated', mentions: ['unterminated'] }], output: hurd() },
  ],
});

testRule(uppercaseKey, {
  valid: [hurd()],
  invalid: [{ code: hurd({ memory: null, Memory: '256' }), errors: [{ messageId: 'knownKey', line: 7, severity: 'error', mentions: ['upper-case', 'lower case', "'memory'"] }], output: hurd({ memory: null, memory_: null }).replace(/\n$/, '\nmemory = 256\n') }],
});

testRule(crlfLineEndings, {
  valid: [
    hurd(),
    { name: "a CR inside a comment is part of libxlu's comment token", code: `# Hurd guest\r\n${hurd()}`, dialect: 'xl' },
    { name: 'a CR after a trailing comment too', code: hurd().replace('memory = 256\n', 'memory = 256 # MB\r\n'), dialect: 'xl' },
  ],
  invalid: [
    { code: hurd().replace(/\n/g, '\r\n'), dialect: 'xl', errors: [{ messageId: 'crlf', line: 1, severity: 'error', mentions: ['CRLF', 'dos2unix'] }], output: hurd() },
    { name: 'counts and points at the first line with code', code: `# Hurd guest\r\n${hurd().replace('memory = 256\n', 'memory = 256\r\n')}`, dialect: 'xl', errors: [{ messageId: 'crlfOneLine', line: 5, mentions: ['1 line with code'] }] },
    { code: hurd().replace(/\n/g, '\r\n'), dialect: 'xm', errors: [{ messageId: 'crlf', severity: 'info' }] },
  ],
});

testRule(commentAtEof, {
  valid: [hurd(), hurd() + '# trailing comment\n', hurd().slice(0, -1)],
  invalid: [{ code: hurd() + '# end of file', errors: [{ messageId: 'commentAtEof', line: 8, mentions: ['newline', 'end of the file'] }], output: hurd() + '# end of file\n' }],
});

testRule(numberLeadingZero, {
  valid: [hurd(), hurd({ memory: '0x100' })],
  invalid: [{ code: hurd({ memory: '0256' }), errors: [{ messageId: 'octal', line: 4, severity: 'error', mentions: ['octal', '174', 'write 256'] }], output: hurd() }],
});

testRule(plusEqualsUndefined, {
  valid: [hurd(), hurd().concat("vif += [ 'bridge=br1' ]\n")],
  invalid: [
    { code: hurd({ vif: null }).concat("vif += [ 'bridge=br0' ]\n"), dialect: 'xm', errors: [{ messageId: 'beforeAssignment', line: 7, severity: 'error', mentions: ['+=', 'NameError'] }], output: hurd({ vif: null }).concat("vif = [ 'bridge=br0' ]\n") },
    { code: hurd({ vif: null }).concat("vif += [ 'bridge=br0' ]\n"), dialect: 'xl', errors: [{ messageId: 'beforeAssignment', severity: 'info' }] },
  ],
});

testRule(stringEscape, {
  valid: [hurd(), hurd({ name: '"hurd\\\\1"' }), hurd({ name: '"a\\"b"' })],
  invalid: [
    { code: hurd({ name: '"hurd\\x2d1"' }), errors: [{ messageId: 'hexEscape', line: 1, severity: 'error', mentions: ['escape', '\\x2d', 'hurd-1'] }], output: hurd({ name: '"hurd-1"' }) },
    { name: 'an unknown escape', code: hurd({ name: '"hu\\qrd"' }), dialect: 'xm', errors: [{ messageId: 'escape', severity: 'warning' }], output: null },
  ],
});

testRule(python2Only, {
  valid: [hurd(), hurd({}, ['# print "x" in a comment'])],
  invalid: [{ code: hurd({}, ['print "starting hurd"']), dialect: 'xm', errors: [{ messageId: 'printStatement', line: 1, mentions: ['print', 'Python 2'] }], output: hurd() }],
});

testRule(syntaxError, {
  valid: [hurd(), { name: 'a stray ] is explained by HX511', code: hurd({ vif: "[ '' ]]" }) }],
  invalid: [{ code: hurd({ memory: '= 256' }), errors: [{ messageId: 'syntaxError', line: 4, severity: 'error', mentions: ['syntax error', 'line 4'] }], output: null }],
});

describe('syntax helpers', () => {
  it('offsetOf maps line/column to offsets', () => {
    expect(offsetOf('ab\ncd\n', 2, 2)).toBe(4);
    expect(offsetOf('ab', 5, 1)).toBe(2);
  });

  it('pythonDecode reads escapes as Python does', () => {
    expect(pythonDecode('hurd\\x2d1')).toBe('hurd-1');
    expect(pythonDecode('a\\101')).toBe('aA');
    expect(pythonDecode('\\q')).toBe('\\q');
    expect(pythonDecode('\\x00')).toBeUndefined();
  });
});
