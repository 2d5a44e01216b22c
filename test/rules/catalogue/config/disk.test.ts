import { describe, expect, it } from 'vitest';
import { testRule, hurd } from '../../../support/rule-tester.js';
import {
  diskBadFields, diskBadMode, diskDuplicateVdev, diskFields, diskMissing, diskMissingMode, diskNotList, diskRootReadOnly,
  diskVdevInvalid, vdevForMachName,
} from '../../../../rules/catalogue/config/disk.js';

testRule(diskNotList, {
  valid: [hurd(), hurd({ disk: "[ 'phy:sda4,hda,w', 'phy:sda5,hdb,w' ]" })],
  invalid: [{ code: hurd({ disk: "'phy:sda4,hda,w'" }), errors: [{ messageId: 'notList', line: 5, severity: 'error', mentions: ['not a list', 'Invalid disk specifier'] }], output: hurd({ disk: "['phy:sda4,hda,w']" }) }],
});

testRule(diskBadFields, {
  valid: [hurd(), hurd({ disk: "[ '/dev/vg0/hurd,raw,xvda,rw' ]" }), hurd({ disk: "[ 'format=raw, vdev=xvda, access=rw, target=/dev/vg0/hurd' ]" })],
  invalid: [
    { code: hurd({ disk: "['phy:sda4 hda w']" }), errors: [{ messageId: 'blanks', severity: 'error', mentions: ['target, vdev and mode', "'phy:sda4,hda,w'"] }], output: hurd() },
    { name: 'no vdev at all', code: hurd({ disk: "['phy:sda4']" }), errors: [{ messageId: 'unreadable' }], output: null },
  ],
});

testRule(diskMissingMode, {
  valid: [hurd(), hurd({ disk: "[ '/dev/vg0/hurd,raw,xvda,rw' ]" })],
  invalid: [
    { code: hurd({ disk: "['phy:sda4,hda']" }), errors: [{ messageId: 'noMode', severity: 'error', mentions: ['mode', 'xm'] }], output: hurd() },
    { code: hurd({ disk: "['phy:sda4,hda']" }), dialect: 'xl', errors: [{ messageId: 'noMode', severity: 'warning', mentions: ['rw'] }] },
  ],
});

testRule(diskBadMode, {
  valid: [hurd(), hurd({ disk: "['phy:sda4,hda,r']" }), { code: hurd({ disk: "['phy:sda4,hda,w!']" }), dialect: 'xm' }, { code: hurd({ disk: "['/dev/sda4,raw,hda,rw']" }), dialect: 'xl' }],
  invalid: [
    { code: hurd({ disk: "['phy:sda4,hda,x']" }), errors: [{ messageId: 'invalid', line: 5, severity: 'error', mentions: ["'x'", 'mode', 'access', '`w`'] }], output: hurd() },
    { name: 'w! is xm only', code: hurd({ disk: "['phy:sda4,hda,w!']" }), dialect: 'xl', errors: [{ messageId: 'invalid', mentions: ['w!'] }], output: hurd() },
    { name: 'rw is xl only', code: hurd({ disk: "['phy:sda4,hda,rw']" }), dialect: 'xm', errors: [{ messageId: 'invalid', severity: 'error' }], output: hurd() },
    { name: 'rw for either tool is a hint', code: hurd({ disk: "['phy:sda4,hda,rw']" }), errors: [{ messageId: 'xlOnly', severity: 'info', mentions: ['xl syntax only'] }], output: hurd() },
    { name: 'xl key=value access', code: hurd({ disk: "['vdev=hda, access=rwx, target=/dev/sda4']" }), dialect: 'xl', errors: [{ messageId: 'invalid', mentions: ['rwx'] }], output: hurd({ disk: "['vdev=hda, access=w, target=/dev/sda4']" }) },
  ],
});

testRule(diskVdevInvalid, {
  valid: [hurd(), hurd({ disk: "['phy:sda4,xvda2,w']" }), { code: hurd({ disk: "['/dev/sda4,raw,d0p1,rw']" }), dialect: 'xl' }, hurd({ disk: "['file:/srv/cd.iso,hdc:cdrom,r']" }), { name: "xm's legacy ioemu: prefix is dropped", code: hurd({ disk: "['file:/srv/hurd.img,ioemu:hda,w']" }) }],
  invalid: [
    { name: "GNU Mach's name behind ioemu:", code: hurd({ disk: "['phy:sda4,ioemu:hd0,w']" }), errors: [{ messageId: 'machName', mentions: ["vdev 'hd0'", 'vdev hda'] }] },
    { name: "GNU Mach's name used as vdev", code: hurd({ disk: "['phy:sda4,hd0,w']" }), errors: [{ messageId: 'machName', mentions: ['hd0', 'vdev hda'] }], output: hurd() },
    { code: hurd({ disk: "['phy:sda4,disk0,w']" }), errors: [{ messageId: 'notVdev', severity: 'error', mentions: ['disk0', 'hda'] }], output: null },
  ],
});

testRule(diskDuplicateVdev, {
  valid: [hurd(), hurd({ disk: "['phy:sda4,hda,w', 'phy:sda5,hdb,w']" })],
  invalid: [{ code: hurd({ disk: "['phy:sda4,hda,w', 'phy:sda5,hda,w']" }), errors: [{ messageId: 'duplicate', mentions: ['hda', 'twice', 'hdb'] }], output: null }],
});

testRule(diskMissing, {
  valid: [hurd(), hurd({ kernel: '"/boot/vmlinuz"', disk: null })],
  invalid: [{ code: hurd({ disk: null }), errors: [{ messageId: 'missing', severity: 'error', mentions: ['phy:sda4,hda,w', 'root=device:hd0'] }], output: null }],
});

testRule(diskRootReadOnly, {
  valid: [hurd(), hurd({ disk: "['phy:sda4,hda,w', 'file:/srv/data.img,hdb,r']" })],
  invalid: [{ code: hurd({ disk: "['phy:sda4,hda,r']" }), errors: [{ messageId: 'readOnly', severity: 'warning', mentions: ['read-only', 'mode w'] }], output: hurd() }],
});

describe('disk spec fields', () => {
  it('reads legacy, xl positional and xl key=value specs', () => {
    expect(diskFields('phy:sda4,hda,w')).toMatchObject({ form: 'legacy', vdev: { text: 'hda' }, access: { text: 'w' } });
    expect(diskFields('/dev/vg/hurd,raw,xvda,rw')).toMatchObject({ form: 'xl-positional', vdev: { text: 'xvda' }, access: { text: 'rw' } });
    expect(diskFields('vdev=xvda, access=r, target=/x')).toMatchObject({ form: 'xl-keyvalue', vdev: { text: 'xvda' }, access: { text: 'r' } });
    expect(diskFields('phy:sda4 hda w').form).toBe('unreadable');
  });

  it('maps GNU Mach names back to vdevs', () => {
    expect(vdevForMachName('hd0')).toBe('hda');
    expect(vdevForMachName('sd1')).toBe('sdb');
    expect(vdevForMachName('xvd0s2')).toBe('xvda2');
    expect(vdevForMachName('hda')).toBeUndefined();
  });
});
