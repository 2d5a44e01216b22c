/**
 * Xen virtual disk names <-> xenstore VBD numbers <-> the names GNU Mach gives them
 * (hda -> hd0, sdb3 -> sd1s3, xvda2 -> xvd0s2), after xen-vbd-interface(7) and GNU Mach's xen/block.c.
 */
import { MACH_DEVICE_NAME, XEN_VDEV_NAME } from '../patterns/logs.js';

const letters = 'abcdefghijklmnopqrstuvwxyz';

function stripDevPrefix(name: string): string {
  return name.startsWith('/dev/') ? name.slice(5) : name;
}

function letterIndex(s: string): number {
  let n = 0;
  for (const c of s) n = n * 26 + letters.indexOf(c) + 1;
  return n - 1;
}

/** `xvda` -> `xvd0`, `hda1` -> `hd0s1`; undefined for names Xen does not know. */
export function vdevToMachName(vdev: string): string | undefined {
  const m = XEN_VDEV_NAME.exec(stripDevPrefix(vdev.trim()));
  if (!m?.groups) return undefined;
  const disk = letterIndex(m.groups.letters ?? 'a');
  const part = m.groups.part;
  return `${m.groups.kind}${disk}${part ? `s${part}` : ''}`;
}

/** `hd0` -> `hda`, `xvd0s2` -> `xvda2`. */
export function machNameToVdev(name: string): string | undefined {
  const m = MACH_DEVICE_NAME.exec(name.trim());
  if (!m?.groups) return undefined;
  const disk = Number(m.groups.disk);
  if (!(disk >= 0 && disk < 26)) return undefined;
  return `${m.groups.kind}${letters[disk]}${m.groups.part ?? ''}`;
}

/** A xenstore VBD number (the `Device 768 (vbd)` id) -> the vdev it encodes. */
export function vbdNumberToVdev(n: number): string | undefined {
  if (!Number.isInteger(n) || n < 0) return undefined;
  if (n >= 1 << 28) {
    const rest = n & ((1 << 28) - 1);
    const disk = rest >> 8;
    const part = rest & 255;
    return disk < 26 ? `xvd${letters[disk]}${part ? part : ''}` : undefined;
  }
  const major = n >> 8;
  const minor = n & 255;
  if (major === 3 || major === 22) {
    const disk = (major === 22 ? 2 : 0) + (minor >> 6);
    const part = minor & 63;
    return `hd${letters[disk]}${part ? part : ''}`;
  }
  if (major === 8 || major === 202) {
    const disk = minor >> 4;
    const part = minor & 15;
    return `${major === 8 ? 'sd' : 'xvd'}${letters[disk]}${part ? part : ''}`;
  }
  return undefined;
}

/** `hd0s1` -> `hd0`. */
export function machDisk(name: string): string | undefined {
  const m = MACH_DEVICE_NAME.exec(name.trim());
  return m?.groups ? `${m.groups.kind}${m.groups.disk}` : undefined;
}

/** `hd0s1` -> 1; undefined for a whole disk. */
export function machPartition(name: string): number | undefined {
  const part = MACH_DEVICE_NAME.exec(name.trim())?.groups?.part;
  return part === undefined ? undefined : Number(part);
}
