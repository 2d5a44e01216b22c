import { describe, expect, it } from 'vitest';
import { testRule, hurd } from '../../../support/rule-tester.js';
import { nicsDeprecated, repairMac, vifBadSpec, vifBridgeName, vifFields, vifMacMalformed, vifMacNotXenOui, vifNotList, vifUnknownField } from '../../../../rules/catalogue/config/network.js';

const vif = (spec: string): string => hurd({ vif: `[ '${spec}' ]` });

testRule(vifNotList, {
  valid: [hurd(), vif('bridge=br0')],
  invalid: [{ code: hurd({ vif: "'bridge=br0'" }), errors: [{ messageId: 'notList', line: 7, mentions: ['not a list'] }], output: hurd({ vif: "['bridge=br0']" }) }],
});

testRule(vifMacMalformed, {
  valid: [hurd(), vif('mac=00:16:3e:12:34:56, bridge=br0'), vif('mac=00:16:3E:AB:CD:EF')],
  invalid: [
    { name: 'one octet short', code: vif('mac=00:16:3e:5a:07, bridge=br0'), errors: [{ messageId: 'malformed', line: 7, severity: 'error', mentions: ['mac=00:16:3e:5a:07', 'six hex octets', '00:16:3e:5a:07:'] }] },
    { name: "the wiki's placeholder copied literally", code: vif('mac=00:16:3e:XX:XX:XX, bridge=br0'), errors: [{ messageId: 'malformed', mentions: ['XX', 'placeholder'] }] },
    { name: 'multicast first octet', code: vif('mac=01:16:3e:12:34:56'), errors: [{ messageId: 'malformed', mentions: ['multicast'] }] },
  ],
});

describe('MAC repair', () => {
  it('keeps the given octets, stays in 00:16:3e and is stable', () => {
    const a = repairMac('00:16:3e:5a:07', 'seed');
    expect(a).toMatch(/^00:16:3e:5a:07:[0-9a-f]{2}$/);
    expect(repairMac('00:16:3e:5a:07', 'seed')).toBe(a);
    expect(repairMac('00:16:3e:XX:XX:XX', 's')).toMatch(/^00:16:3e:[0-7][0-9a-f](:[0-9a-f]{2}){2}$/);
    expect(repairMac('garbage', 's')).toMatch(/^00:16:3e:/);
  });

  it('keeps the last three octets of a six-group address with a typo in the prefix or dashes', () => {
    expect(repairMac('00:16:3g:12:34:56', 's')).toBe('00:16:3e:12:34:56');
    expect(repairMac('00-16-3e-AB-cd-ef', 's')).toBe('00:16:3e:ab:cd:ef');
  });

  it('the fix yields a valid MAC in the same spec', () => {
    const f = vifMacMalformed.check({ config: parseCfg(vif('mac=00:16:3e:XX:XX:XX, bridge=br0')) })[0]!;
    expect(f.fix?.[0]?.text).toMatch(/^'mac=00:16:3e(:[0-9a-f]{2}){3}, bridge=br0'$/);
  });
});

testRule(vifMacNotXenOui, {
  valid: [vif('mac=00:16:3e:12:34:56'), vif('mac=00:16:3E:AB:CD:EF'), vif('mac=00:16:3e:XX:XX:XX'), { name: 'multicast is HX402, not this rule', code: vif('mac=01:00:5e:12:34:56') }],
  invalid: [
    { code: vif('mac=00:0c:29:12:34:56, bridge=br0'), errors: [{ messageId: 'otherVendor', severity: 'warning', mentions: ['00:16:3e', '00:0c:29'] }], output: vif('mac=00:16:3e:12:34:56, bridge=br0') },
    {
      name: "a locally administered address (KVM's 52:54:00) works but leaves the wiki's Xen prefix",
      code: vif('mac=52:54:00:ab:cd:ef, bridge=br0'),
      errors: [{ messageId: 'localAddress', severity: 'warning', mentions: ['locally administered', '00:16:3e'] }],
      output: vif('mac=00:16:3e:ab:cd:ef, bridge=br0'),
    },
  ],
});

testRule(vifBridgeName, {
  valid: [vif('bridge=br0'), vif('bridge=xenbr0'), vif('mac=00:16:3e:12:34:56')],
  invalid: [
    { code: vif('bridge=my bridge'), errors: [{ messageId: 'badName', mentions: ['bridge=my bridge', 'br0'] }], output: null },
    { code: vif('bridge=averyveryverylongbridgename'), errors: [{ messageId: 'badName', mentions: ['15'] }] },
  ],
});

testRule(vifUnknownField, {
  valid: [vif('mac=00:16:3e:12:34:56, bridge=br0, script=vif-bridge, vifname=hurd0'), hurd()],
  invalid: [
    { code: vif('bridg=br0'), errors: [{ messageId: 'misspeltKey', severity: 'warning', mentions: ['bridg', 'did you mean bridge'] }], output: vif('bridge=br0') },
    { name: 'a bare MAC', code: vif('00:16:3e:12:34:56'), errors: [{ messageId: 'bareMac', mentions: ['mac=00:16:3e:12:34:56'] }], output: vif('mac=00:16:3e:12:34:56') },
  ],
});

testRule(vifBadSpec, { valid: [hurd(), vif('bridge=br0')], invalid: [] });

testRule(nicsDeprecated, {
  valid: [hurd()],
  invalid: [{ code: hurd({ nics: '1' }), errors: [{ messageId: 'deprecated', severity: 'info', mentions: ['vif'] }], output: null }],
});

describe('vif fields', () => {
  it('splits key=value pairs with positions', () => {
    const { fields, stray } = vifFields('mac=00:16:3e:00:00:01, bridge=br0,x');
    expect(fields.map((f) => [f.key, f.value])).toEqual([['mac', '00:16:3e:00:00:01'], ['bridge', 'br0']]);
    expect(stray).toEqual([{ text: 'x', start: 34 }]);
    const raw = 'mac=00:16:3e:00:00:01, bridge=br0';
    for (const f of fields) expect(raw.slice(f.start, f.end)).toBe(f.value);
  });
});

import { parseConfig as parseCfg } from '../../../../rules/config/index.js';
