import { testRule, hurd } from '../../../support/rule-tester.js';
import {
  builderVsType, cmdlineRootExtra, guestTypeNotPv, keyWrongToolstack, nameMissing, pythonInXl, xmTupleIgnored,
} from '../../../../rules/catalogue/config/toolstack.js';
import { duplicateKey, unknownKey } from '../../../../rules/catalogue/config/keys.js';

const withHead = (head: string[], o: Record<string, string | null> = {}): string => hurd(o, head);

testRule(pythonInXl, {
  valid: [hurd(), { name: 'xm may run Python', code: withHead(['import os']), dialect: 'xm' }],
  invalid: [
    { name: 'a bare import, meant for xl', code: withHead(['import os']), dialect: 'xl', errors: [{ messageId: 'unusedImport', line: 1, severity: 'error', mentions: ['Python', 'xl', 'import'] }], output: hurd() },
    { name: 'dialect unknown: a warning', code: withHead(['import os']), errors: [{ messageId: 'unusedImport', severity: 'warning' }], output: hurd() },
    { name: 'string arithmetic', code: hurd({ kernel: '"/boot/" + "gnumach-xen-pae"' }), dialect: 'xl', errors: [{ messageId: 'python', line: 2, mentions: ['literals'] }], output: null },
  ],
});

testRule(xmTupleIgnored, {
  valid: [hurd()],
  invalid: [{ code: hurd({ disk: "( 'phy:sda4,hda,w', )" }), dialect: 'xm', errors: [{ messageId: 'diskTuple', severity: 'error', mentions: ['tuple', 'no disk', 'list'] }], output: hurd({ disk: "['phy:sda4,hda,w']" }) }],
});

testRule(builderVsType, {
  valid: [hurd(), { code: hurd({ builder: '"linux"' }), dialect: 'xm' }, { code: hurd({ type: '"pv"' }), dialect: 'xl' }],
  invalid: [
    { code: hurd({ builder: '"linux"' }), dialect: 'xl', errors: [{ messageId: 'refusedBuilder', severity: 'error', mentions: ['builder', 'type = "pv"'] }], output: hurd() },
    { code: hurd({ builder: '"generic"' }), dialect: 'xl', errors: [{ messageId: 'deprecatedBuilder', severity: 'info', mentions: ['deprecated'] }], output: hurd() },
    { code: hurd({ type: '"pv"' }), dialect: 'xm', errors: [{ messageId: 'typeForXm', severity: 'info', mentions: ['xm ignores'] }], output: null },
  ],
});

testRule(guestTypeNotPv, {
  valid: [hurd(), hurd({ type: '"pv"' })],
  invalid: [
    { code: hurd({ type: '"hvm"' }), errors: [{ messageId: 'notPvType', severity: 'error', mentions: ['PV'] }], output: hurd({ type: '"pv"' }) },
    { code: hurd({ type: '"pvh"' }), errors: [{ messageId: 'notPvType' }], output: hurd({ type: '"pv"' }) },
  ],
});

testRule(cmdlineRootExtra, {
  valid: [hurd(), { code: hurd({ extra: null, cmdline: '"root=device:hd0"' }), dialect: 'xl' }],
  invalid: [
    { code: hurd({ cmdline: '"root=device:hd0"' }), dialect: 'xl', errors: [{ messageId: 'overrides', severity: 'warning', mentions: ['ignores extra'] }], output: null },
    { code: hurd({ extra: null, cmdline: '"root=device:hd0"' }), dialect: 'xm', errors: [{ messageId: 'cmdlineForXm', severity: 'error', mentions: ['xm ignores it'] }], output: hurd({ extra: null, extra_: null }).replace('vif', 'vif').replace(/\n$/, '\nextra = "root=device:hd0"\n') },
  ],
});

testRule(keyWrongToolstack, {
  valid: [hurd(), { code: hurd({ bootargs: '"x"' }), dialect: 'xm' }, hurd({ bootargs: '"x"' })],
  invalid: [{ code: hurd({ bootargs: '"x"' }), dialect: 'xl', errors: [{ messageId: 'xmKey', mentions: ['bootargs', 'xl ignores it'] }], output: null }],
});

testRule(nameMissing, {
  valid: [hurd()],
  invalid: [
    { code: hurd({ name: null }), dialect: 'xl', errors: [{ messageId: 'missing', severity: 'error', mentions: ['name', 'Domain name must be specified'] }] },
    { code: hurd({ name: null }), dialect: 'xm', errors: [{ messageId: 'xmNamesAfterFile', severity: 'info', mentions: ['config file'] }] },
    { code: hurd({ name: null }), errors: [{ messageId: 'missing', severity: 'warning' }] },
  ],
});

const HELPER_LIST = ['#  -*- mode: python; -*-', "disks = [ 'phy:/dev/vg0/hurd,hda,w' ]", "disks.append('phy:/dev/vg0/swap,hdb,w')"];

testRule(unknownKey, {
  valid: [
    hurd(),
    hurd({ on_crash: '"preserve"', uuid: '"3f2f1e2c-7a3c-4b7e-9d55-0e2a4c1b9f10"' }),
    { name: 'an xm helper variable the file reads back is not a typo', code: withHead(HELPER_LIST, { disk: 'disks' }), dialect: 'xm' },
  ],
  invalid: [
    { name: 'the same file for xl: libxlu has no variables', code: withHead(HELPER_LIST, { disk: 'disks' }), dialect: 'xl', errors: [{ messageId: 'typoBesideKey', mentions: ["'disks'"] }] },
    { name: 'a name only assigned, never read, stays a likely typo', code: withHead(['#  -*- mode: python; -*-', "disks = [ 'phy:/dev/vg0/hurd,hda,w' ]"], { disk: null }), dialect: 'xm', errors: [{ messageId: 'typo', mentions: ['probably a typo of disk'] }] },
    { code: hurd({ memory: null, memmory: '256' }), errors: [{ messageId: 'typo', severity: 'warning', mentions: ["'memmory'", 'probably a typo of memory'] }], output: hurd({ memory: null, memory_: null }).replace(/\n$/, '\nmemory = 256\n') },
    { name: 'both set: no rename', code: hurd({ kernal: '"/boot/x"' }), errors: [{ messageId: 'typoBesideKey', mentions: ['kernel is also set'] }], output: null },
    { code: hurd({ frobnicate: '1' }), errors: [{ messageId: 'unknown', mentions: ['frobnicate', 'ignore it silently'] }], output: null },
  ],
});

testRule(duplicateKey, {
  valid: [hurd(), { code: ['name = "hurd"', 'memory = 1024', 'if memory > 580:', '    memory = 580', ''].join('\n'), dialect: 'xm' }],
  invalid: [
    {
      code: hurd({}).concat('# bumped later\nmemory = 1024\n'),
      errors: [{ messageId: 'duplicate', line: 9, severity: 'warning', mentions: ['more than once', 'lines 4, 9', 'memory = 1024'] }],
      output: hurd({ memory: null }).concat('# bumped later\nmemory = 1024\n'),
    },
  ],
});
