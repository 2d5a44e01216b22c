import { describe, expect, it } from 'vitest';
import { machNameToVdev, vbdNumberToVdev, vdevToMachName } from '../../../rules/logs/vdev.js';

describe('Xen vdev <-> GNU Mach names <-> VBD numbers', () => {
  it.each([
    ['hda', 'hd0'],
    ['hdb', 'hd1'],
    ['hdc', 'hd2'],
    ['sda', 'sd0'],
    ['sdb3', 'sd1s3'],
    ['xvda', 'xvd0'],
    ['xvda2', 'xvd0s2'],
    ['hda1', 'hd0s1'],
  ])('%s is %s in GNU Mach and back', (vdev, mach) => {
    expect(vdevToMachName(vdev)).toBe(mach);
    expect(machNameToVdev(mach)).toBe(vdev);
  });

  it.each([
    [768, 'hda'],
    [832, 'hdb'],
    [5632, 'hdc'],
    [2048, 'sda'],
    [2064, 'sdb'],
    [51712, 'xvda'],
    [51713, 'xvda1'],
    [51728, 'xvdb'],
    [769, 'hda1'],
  ])('VBD %i is %s', (n, vdev) => {
    expect(vbdNumberToVdev(n)).toBe(vdev);
  });

  it('rejects what it does not know', () => {
    expect(vdevToMachName('nvme0n1')).toBeUndefined();
    expect(vbdNumberToVdev(-1)).toBeUndefined();
    expect(vbdNumberToVdev(99 << 8)).toBeUndefined();
  });
});
