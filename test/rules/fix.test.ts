import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../rules/config/index.js';
import { annotatedDiff, chooseGroups, fixConfig, lintParsed } from '../../rules/fix.js';
import { hurd } from '../support/rule-tester.js';

describe('chooseGroups (ESLint discipline)', () => {
  it('sorts by position and skips a fix that overlaps one already taken', () => {
    const groups = [
      { rule: 'B', name: 'b', edits: [{ start: 5, end: 8, text: 'x' }] },
      { rule: 'A', name: 'a', edits: [{ start: 0, end: 6, text: 'y' }] },
      { rule: 'C', name: 'c', edits: [{ start: 8, end: 9, text: 'z' }] },
      { rule: 'D', name: 'd', edits: [{ start: 20, end: 20, text: '1' }] },
      { rule: 'E', name: 'e', edits: [{ start: 20, end: 20, text: '2' }] },
      { rule: 'F', name: 'f', edits: [{ start: 2, end: 1, text: 'bad' }] },
    ];
    expect(chooseGroups(groups, 30).map((g) => g.rule)).toEqual(['A', 'C', 'D']);
  });
});

describe('fixConfig', () => {
  it('fixes several findings in one file, keeps comments and layout, and the re-lint is clean of them', () => {
    const src = [
      '# my hurd box',
      'kernel  = "/boot/gnumach-xen-pae"   # the PAE one',
      'ramdisk = "/boot/initrd.img-2.6.26-2-xen-686"',
      'memory  = 1024',
      "disk    = ['phy:/dev/vg0/hurd,xvda,x']",
      'extra   = "root=device:hd0"',
      "vif     = [ 'mac=00:16:3e:XX:XX:XX, bridge=br0' ]",
      '',
    ].join('\n');
    const r = fixConfig(src);
    expect(r.changed).toBe(true);
    expect(r.output).toContain('# my hurd box');
    expect(r.output).toContain('kernel  = "/boot/gnumach-xen-pae"   # the PAE one');
    expect(r.output).toContain('ramdisk = "/boot/hurd-modules"');
    expect(r.output).toContain('memory  = 512');
    expect(r.output).toContain("disk    = ['phy:/dev/vg0/hurd,xvda,w']");
    expect(r.output).toContain('extra   = "root=device:xvd0"');
    expect(r.output).toMatch(/mac=00:16:3e(:[0-9a-f]{2}){3}, bridge=br0/);
    const fixedRules = new Set(r.applied.map((a) => a.name));
    for (const n of ['ramdisk-not-hurd-modules', 'memory-over-580', 'disk-bad-mode', 'root-device-mismatch', 'vif-mac-malformed', 'name-missing']) expect(fixedRules).toContain(n);
    const after = lintParsed(parseConfig(r.output));
    expect(after.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(parseConfig(r.output).syntax).toBe('both');
    expect(r.remaining).toEqual(after);
  });

  it('annotates every hunk with the rules that made it', () => {
    const src = hurd({ memory: '1024' }) + '\n'.repeat(10) + '# padding\n'.repeat(10) + 'on_crash = "preserve"\nmemory = 2048\n';
    const r = fixConfig(src);
    const headers = r.diff!.split('\n').filter((l) => l.startsWith('@@'));
    expect(headers.length).toBeGreaterThanOrEqual(2);
    for (const h of headers) expect(h).toMatch(/^@@ -\d+,\d+ \+\d+,\d+ @@ # HX\d{3} [a-z0-9-]+/);
    expect(r.diff).toContain('duplicate-key');
  });

  it('returns the input untouched and no diff when nothing is fixable', () => {
    const r = fixConfig(hurd());
    expect(r).toMatchObject({ changed: false, output: hurd(), diff: null, passes: 0 });
  });

  it('converges on overlapping fixes through several passes', () => {
    const r = fixConfig(hurd({ memory: '"1024"' }));
    expect(r.output).toBe(hurd({ memory: '512' }));
    expect(r.passes).toBeGreaterThanOrEqual(1);
  });

  it('keeps CRLF files CRLF when it does not target xl, and makes them LF for xl', () => {
    const crlf = hurd({ memory: '1024' }).replace(/\n/g, '\r\n');
    const xm = fixConfig(crlf, { dialect: 'xm' });
    expect(xm.output).toBe(hurd({ memory: '512' }).replace(/\n/g, '\r\n'));
    const xl = fixConfig(crlf, { dialect: 'xl' });
    expect(xl.output).toBe(hurd({ memory: '512' }));
    expect(parseConfig(xl.output).xl.ok).toBe(true);
  });

  it('never turns a parseable file into an unparseable one', () => {
    const samples = [hurd({ extra: '"root=/dev/hda1 ro"' }), hurd({ disk: "'phy:sda4,hda,w'" }), hurd({ name: '"hurd\\x2d1"' }), hurd({ Memory: '256', memory: null })];
    for (const s of samples) {
      const before = parseConfig(s);
      const after = parseConfig(fixConfig(s).output);
      if (before.xm.ok) expect(after.xm.ok, s).toBe(true);
    }
  });

  it('writes a plain unified diff that applies back', () => {
    const d = annotatedDiff('a\nb\n', 'a\nc\n', [{ rule: 'HX1', name: 'x', lines: [2, 2] }]);
    expect(d).toBe('--- a/hurd\n+++ b/hurd\n@@ -1,2 +1,2 @@ # HX1 x\n a\n-b\n+c\n');
  });
});
