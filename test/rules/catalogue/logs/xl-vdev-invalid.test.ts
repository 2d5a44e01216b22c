/**
 * HX678 xl-vdev-invalid, a rule written the one-file way (rules/catalogue/logs/xl-vdev-invalid.ts): the message's
 * wording in the rule, found by the engine. The paste is what xl create prints (Xen 4.15+, libxl_disk.c) for a disk
 * line whose vdev is GNU Mach's name: disk = ['phy:/dev/sda4,hd0,w'].
 */
import { describe, expect, it } from 'vitest';
import { logRules } from '../../../../rules/catalogue/logs/index.js';
import { xlVdevInvalid } from '../../../../rules/catalogue/logs/xl-vdev-invalid.js';
import { diagnoseLog } from '../../../../rules/engine.js';
import { testLogRule } from '../../../support/log-rule-tester.js';

const LINE = 'libxl: error: libxl_disk.c:248:libxl__device_from_disk: Domain 3:Invalid or unsupported virtual disk identifier hd0';

const xlCreate = (vdev: string) =>
  [
    'root@dom0:~# xl create -c /etc/xen/hurd',
    'Parsing config from /etc/xen/hurd',
    `libxl: error: libxl_disk.c:248:libxl__device_from_disk: Domain 3:Invalid or unsupported virtual disk identifier ${vdev}`,
    `libxl: error: libxl_disk.c:369:device_disk_add: Domain 3:Invalid or unsupported virtual disk identifier ${vdev}`,
    'libxl: error: libxl_create.c:1685:domcreate_launch_dm: Domain 3:unable to add disk devices',
  ].join('\n');

const CONFIG = "name = \"hurd\"\nkernel = \"/boot/gnumach-xen-pae\"\nramdisk = \"/boot/hurd-modules\"\nmemory = 512\ndisk = ['phy:/dev/sda4,hd0,w']\nextra = \"root=device:hd0\"\n";

testLogRule(xlVdevInvalid, {
  valid: [
    { name: 'a clean create', log: 'root@dom0:~# xl create -c /etc/xen/hurd\nParsing config from /etc/xen/hurd\nGNU Mach 1.8+git20221224-xen-486\nhd0: dom0\'s VBD 768 (sda4,w) 10240MB' },
    { name: 'the words in a question, not the message', log: 'what is a virtual disk identifier in xl?' },
    { name: 'GNU Mach\'s name where it belongs (root=device:hd0)', log: 'extra = "root=device:hd0"' },
  ],
  invalid: [
    { name: 'the message alone', log: LINE, findings: [{ messageId: 'machName', line: 1, mentions: ['`hd0`', 'hda', 'root=device:hd0'] }] },
    { name: 'behind an IRC prefix', log: `[12:01] <alice> ${LINE}`, findings: [{ messageId: 'machName', line: 1 }] },
    { name: 'a whole xl create paste: the first of the two lines', log: xlCreate('hd0'), findings: [{ messageId: 'machName', line: 3, mentions: ["'phy:/dev/sda4,hda,w'"] }] },
    { name: 'a partition named the GNU Mach way', log: xlCreate('hd0s1'), findings: [{ messageId: 'machName', mentions: ['hda1', 'root=device:hd0s1'] }] },
    { name: 'xvd0 is xvda', log: xlCreate('xvd0'), findings: [{ messageId: 'machName', mentions: ['xvda'] }] },
    { name: 'hd4 would be hde, which libxl refuses too', log: xlCreate('hd4'), findings: [{ messageId: 'notVdev', mentions: ['`hd4`'], notMentions: ['hde'] }] },
    { name: 'not a disk name at all', log: xlCreate('disk1'), findings: [{ messageId: 'notVdev', mentions: ['`disk1`', 'hda'] }] },
    { name: 'with the config pasted along: cites its disk line', log: xlCreate('hd0'), config: CONFIG, findings: [{ messageId: 'machName', mentions: ['line 5'] }] },
  ],
});

describe('HX678 in the catalogue', () => {
  const without = logRules.filter((r) => r.meta.id !== 'HX678');

  it('was unknown before: the message alone gives no finding, a whole paste only the generic HX602', () => {
    expect(diagnoseLog(LINE, undefined, without).findings).toEqual([]);
    expect(diagnoseLog(xlCreate('hd0'), undefined, without).findings.map((f) => f.rule)).toEqual(['HX602']);
  });

  it('now explains it, and HX602 (the hotplug guess on "unable to add disk devices") gives way', () => {
    const d = diagnoseLog(xlCreate('hd0'));
    expect(d.findings.map((f) => [f.rule, f.messageId])).toEqual([['HX678', 'machName']]);
    expect(d.findings[0]!.knowledge).toBe('disk');
  });
});
