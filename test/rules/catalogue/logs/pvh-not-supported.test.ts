/** HX679 pvh-not-supported, a one-file rule: what libxc prints when GNU Mach is started with type = "pvh". */
import { describe, expect, it } from 'vitest';
import { pvhNotSupported } from '../../../../rules/catalogue/logs/pvh-not-supported.js';
import { diagnoseLog } from '../../../../rules/engine.js';
import { testLogRule } from '../../../support/log-rule-tester.js';

const LINE = 'xc: error: panic: xg_dom_elfloader.c:65: xc_dom_guest_type: image not capable of booting inside a HVM container: Invalid kernel';
const PASTE = ['root@bookworm:~# xl create -c /etc/xen/hurd', 'Parsing config from /etc/xen/hurd', LINE, 'libxl: error: libxl_dom.c:571:libxl__build_dom: xc_dom_parse_image failed'].join('\n');

testLogRule(pvhNotSupported, {
  valid: [
    { name: 'a PV boot', log: 'root@dom0:~# xl create -c /etc/xen/hurd\nParsing config from /etc/xen/hurd\nGNU Mach 1.8+git20230526-xen-486' },
    { name: 'the words in a question', log: 'can gnumach run as pvh?' },
  ],
  invalid: [
    { name: 'the message alone', log: LINE, findings: [{ messageId: 'pvOnly', line: 1, mentions: ['type = "pv"', 'PVH'] }] },
    { name: 'xl create with the config pasted along', log: PASTE, config: 'type = "pvh"\nkernel = "/boot/gnumach-xen-pae"\n', findings: [{ messageId: 'pvOnly', line: 3, mentions: ['(type = "pvh")'] }] },
  ],
});

describe('HX679 in the catalogue', () => {
  it('is what a whole xl create paste says, not a generic "not a Xen kernel"', () => {
    const rules = diagnoseLog(PASTE).findings.map((f) => f.rule);
    expect(rules[0]).toBe('HX679');
    expect(rules).not.toContain('HX608');
  });
});
