/**
 * Fixes that leave nothing to fix (issue 17), as properties over the third-party corpus and generated broken
 * Hurd configs, for each way the user may run the file (xm, xl, or not said):
 * - the corrected file parses under the dialect it is for;
 * - checking it again offers no further fix (the fixer finished its work), so fixing is idempotent;
 * - it adds no line the user did not have, except a setting the Hurd needs (name, extra, ramdisk, ...);
 * - every template passes check under its own dialect, its root device being GNU Mach's name for its vdev.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkConfig } from '../../rules/check.js';
import { gnumachDiskName, parseConfig, type Dialect } from '../../rules/config/index.js';
import { renderTemplate, type TemplateInput } from '../../rules/template.js';
import { corpusConfigs, hasShared } from '../support/eval.js';

/** Settings a fix may add: what the Hurd needs and the user may not have written. */
const ADDABLE = new Set(['name', 'extra', 'ramdisk', 'kernel', 'memory', 'disk', 'vif', 'root', 'on_crash', 'on_reboot', 'on_poweroff', 'vcpus', 'type', 'cmdline']);

/** Settings the corrected file has that the user's file did not (a changed value is no new setting). */
function addedKeys(before: string, after: string): string[] {
  const had = new Set(parseConfig(before).assignments.map((a) => a.key));
  return [...new Set(parseConfig(after).assignments.map((a) => a.key))].filter((k) => !had.has(k));
}

function checkInvariants(text: string, dialect: Dialect | undefined, label: string): boolean {
  const r = checkConfig(text, dialect ? { dialect } : {});
  if (!r.corrected) return false;
  const parsed = parseConfig(r.corrected);
  const ok = dialect ? parsed[dialect].ok : parsed.syntax !== null;
  expect(ok, `${label}: the corrected file does not parse (${dialect ?? 'either'})\n${r.corrected}`).toBe(true);
  const again = checkConfig(r.corrected, dialect ? { dialect } : {});
  expect(again.corrected, `${label}: a second fix still changes the file\n${again.diff}`).toBeNull();
  for (const key of addedKeys(text, r.corrected)) expect(ADDABLE.has(key), `${label}: the fix added a setting the user did not have: ${key}`).toBe(true);
  // and no code: the corrected file runs nothing the user's did not (rules/fix.ts refuses such edits)
  expect(parseConfig(r.corrected).notEvaluated.length, label).toBeLessThanOrEqual(parseConfig(text).notEvaluated.length);
  return true;
}

describe.skipIf(!hasShared)('fixing the corpus', () => {
  it('finishes: parses, nothing left to fix, no foreign lines (every file, each dialect)', () => {
    let fixed = 0;
    for (const { file, text } of corpusConfigs()) for (const d of [undefined, 'xm', 'xl'] as const) if (checkInvariants(text, d, `${file} ${d ?? 'either'}`)) fixed++;
    console.info(`corpus fixes checked: ${fixed}`);
    expect(fixed).toBeGreaterThan(20);
  });
});

describe('fixing generated broken Hurd configs', () => {
  const line = fc.constantFrom(
    'name = "hurd"',
    'kernel = "/boot/gnumach-xen-pae"',
    'kernel = "/boot/vmlinuz-2.6.26-2-xen-686"',
    'ramdisk = "/boot/hurd-modules"',
    'ramdisk = "/boot/initrd.img-2.6.26"',
    'memory = 256',
    'memory = 1024',
    'memory = "512"',
    'maxmem = 2048',
    "disk = ['phy:sda4,hda,w']",
    "disk = ['phy:sda4,hda,w!']",
    "disk = ['phy:sda4,xvda,w']",
    "disk = 'phy:sda4,hda,w'",
    'extra = "root=device:hd0"',
    'extra = "root=/dev/hda1 ro"',
    'root = "/dev/hda1 ro"',
    "vif = [ '' ]",
    "vif = [ 'mac=00:16:3e:XX:XX:XX, bridge=br0' ]",
    "vif = 'bridge=br0'",
    'memmory = 256',
    'import os',
    'on_crash = "preserve"',
    '# a comment',
  );
  const file = fc.array(line, { minLength: 1, maxLength: 10 }).map((ls) => `${ls.join('\n')}\n`);

  it('finishes for xm, xl and the unsaid tool alike', () => {
    let fixed = 0;
    fc.assert(
      fc.property(file, fc.constantFrom(undefined, 'xm' as const, 'xl' as const), (text, d) => {
        if (checkInvariants(text, d, `generated ${d ?? 'either'}:\n${text}`)) fixed++;
      }),
      { numRuns: 600, seed: 1717 },
    );
    console.info(`generated configs fixed and re-checked: ${fixed} of 600`);
    expect(fixed).toBeGreaterThan(200);
  });
});

describe('templates', () => {
  it('pass check under their own dialect, with root=device: the name GNU Mach gives the vdev', () => {
    const vdevs = { xm: ['hda', 'hdb', 'hde', 'hdt', 'sda', 'sdp', 'xvda', 'xvdp', 'hda1', 'sdb3', 'xvda2'], xl: ['hda', 'hdd', 'sda', 'sdp', 'xvda', 'xvdq', 'xvdz', 'xvda2'] };
    let n = 0;
    for (const dialect of ['xm', 'xl'] as const) {
      for (const vdev of vdevs[dialect]) {
        for (const boot of ['direct', 'pvgrub'] as const) {
          const text = renderTemplate({ dialect, vdev, boot } as TemplateInput);
          const r = checkConfig(text, { dialect });
          expect(r.findings.filter((f) => f.severity !== 'info').map((f) => `${f.rule} ${f.message}`), `${dialect} ${vdev} ${boot}`).toEqual([]);
          const name = gnumachDiskName(vdev, dialect)!;
          if (boot === 'direct') expect(text, `${dialect} ${vdev}`).toContain(`root=device:${name}"`);
          else expect(text, `${dialect} ${vdev}`).toContain(`root=device:${name}`);
          n++;
        }
      }
    }
    expect(n).toBe(38);
  });
});
