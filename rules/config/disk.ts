/**
 * Disk specifications (the strings inside `disk = [ ... ]`).
 * Legacy positional form (xm, create.py preprocess_disk: 3 to 5 comma fields
 * uname,vdev,mode[,backend[,protocol]]) and xl's form (libxlu_disk_l.l: key=value parameters mixed
 * with positional target[,format],vdev,access; a deprecated `phy:`/`file:`/`tap:aio:` prefix drops
 * the format position).
 */
import type { DiskSpec } from './types.js';

const XM_MODES = new Set(['r', 'w', 'w!']);
const XL_ACCESS = new Set(['r', 'ro', 'w', 'rw']);
const XL_FORMATS = new Set(['', 'raw', 'qcow', 'qcow2', 'vhd', 'empty', 'qed']);
const XL_BACKENDTYPES = new Set(['phy', 'tap', 'qdisk', 'standalone']);
const KNOWN_PREFIX = /^(tap2?:(?:aio|qcow2?|vhd|ram|sync|tapdisk):|tap2?:|tapdisk:|aio:|ioemu:|file:|phy:|raw:|qcow2?:|vhd:|iscsi:|e?nbd:|drbd:)/;
const XL_FLAG_PARAMS = new Set(['cdrom', 'direct-io-safe', 'discard', 'no-discard', 'colo', 'no-colo', 'trusted', 'untrusted']);
const XL_KEY_PARAMS = new Set([
  'format', 'devtype', 'access', 'backend', 'backendtype', 'specification', 'vdev', 'script', 'target',
  'colo-host', 'colo-port', 'colo-export', 'active-disk', 'hidden-disk', 'grant_usage',
]);
const VDEV = /^(?:xvd|hd|sd)[a-z]+[0-9]*(?::(?:cdrom|disk))?$|^[0-9]+$|^d[0-9]+(?:p[0-9]+)?$/;

interface Field {
  text: string;
  start: number;
  end: number;
}

/** Splits on commas, trimming blanks, with offsets into `raw`. */
function splitFields(raw: string): Field[] {
  const out: Field[] = [];
  let start = 0;
  for (let i = 0; i <= raw.length; i++) {
    if (i === raw.length || raw[i] === ',') {
      let s = start;
      let e = i;
      while (s < e && /[ \t\n]/.test(raw[s] ?? '')) s++;
      while (e > s && /[ \t\n]/.test(raw[e - 1] ?? '')) e--;
      out.push({ text: raw.slice(s, e), start: s, end: e });
      start = i + 1;
    }
  }
  return out;
}

export function parseDiskSpec(spec: string): DiskSpec {
  const raw = spec.length > 4096 ? spec.slice(0, 4096) : spec;
  const positions: Record<string, [number, number]> = {};
  const errors: DiskSpec['errors'] = [];
  const fields = splitFields(raw);
  const isXlForm = fields.some((f) => /^[a-z][-a-z0-9_]*=/.test(f.text) || XL_FLAG_PARAMS.has(f.text));
  const out: DiskSpec = { raw: spec, form: isXlForm ? 'xl' : 'legacy', positions, errors };

  if (!isXlForm) {
    parseLegacy(fields, out);
    return out;
  }
  parseXlForm(raw, out);
  return out;
}

function setVdev(out: DiskSpec, field: Field, splitDevtype = true): void {
  let f = field;
  // xm HVM configs may say ioemu:hda (the device model's disk).
  if (f.text.startsWith('ioemu:')) {
    out.positions.vdevPrefix = [f.start, f.start + 5];
    f = { text: f.text.slice(6), start: f.start + 6, end: f.end };
  }
  // Positional vdevs may carry a deprecated :cdrom/:disk suffix; `vdev=` takes the text as it is.
  const [vdev, devtype] = splitDevtype ? f.text.split(':') : [f.text, undefined];
  out.vdev = vdev ?? '';
  out.positions.vdev = [f.start, f.start + (vdev ?? '').length];
  if (devtype !== undefined) {
    out.devtype = devtype;
    out.positions.devtype = [f.start + (vdev ?? '').length + 1, f.end];
  }
  if (!VDEV.test(splitDevtype ? f.text : f.text.replace(/:(cdrom|disk)$/, ''))) {
    out.errors.push({ message: `"${f.text}" is not a virtual device name like hda, sda or xvda`, offset: f.start, code: 'disk-bad-vdev' });
  }
}

function checkMode(out: DiskSpec, f: Field, key: 'access', xlOnly = false): void {
  out[key] = f.text;
  out.positions[key] = [f.start, f.end];
  if (xlOnly) {
    // libxlu_disk_l.l setaccess: r, ro, w, rw, or empty (= rw).
    if (!XL_ACCESS.has(f.text) && f.text !== '') {
      out.errors.push({ message: `unknown value for access "${f.text}" (r, ro, w, rw)`, offset: f.start, code: 'disk-bad-mode' });
    }
    return;
  }
  const xm = XM_MODES.has(f.text);
  const xl = XL_ACCESS.has(f.text) || f.text === '';
  if (!xm && !xl) {
    out.errors.push({ message: `unknown disk mode "${f.text}" (xm: r, w, w!; xl: r, ro, w, rw)`, offset: f.start, code: 'disk-bad-mode' });
  } else if (!xl) {
    out.errors.push({ message: `disk mode "${f.text}" is xm only; xl accepts r, ro, w, rw`, offset: f.start, code: 'disk-mode-xm-only' });
  } else if (!xm) {
    out.errors.push({ message: `disk mode "${f.text}" is xl only; xm accepts r, w, w!`, offset: f.start, code: 'disk-mode-xl-only' });
  }
}

function parseLegacy(fields: Field[], out: DiskSpec): void {
  const first = fields[0] ?? { text: '', start: 0, end: 0 };
  out.target = first.text;
  out.positions.target = [first.start, first.end];
  const m = KNOWN_PREFIX.exec(first.text);
  if (m) {
    out.prefix = m[1]?.replace(/:$/, '');
    out.positions.prefix = [first.start, first.start + (m[1]?.length ?? 0)];
  } else if (/^[a-z][a-z0-9]*:/.test(first.text) && !first.text.startsWith('/')) {
    const p = first.text.slice(0, first.text.indexOf(':'));
    out.prefix = p;
    out.positions.prefix = [first.start, first.start + p.length];
    out.errors.push({ message: `unknown disk prefix "${p}:" (phy:, file:, tap:aio:, ...)`, offset: first.start, code: 'disk-bad-prefix' });
  }
  if (first.text === '' && fields.length === 1) {
    out.errors.push({ message: 'empty disk specification', offset: 0, code: 'disk-bad-fields' });
    return;
  }
  // Blank-separated fields ('phy:sda4 hda w') cannot be split by either tool.
  if (fields.length === 1 || (fields.length < 3 && /[ \t]/.test(first.text))) {
    out.errors.push({
      message: 'disk spec needs comma-separated fields: target,vdev,mode (e.g. phy:sda4,hda,w)',
      offset: first.start,
      code: 'disk-bad-fields',
    });
    return;
  }
  const hasPrefix = out.prefix !== undefined;
  let rest = fields.slice(1);
  if (!hasPrefix && rest.length === 1 && first.text !== '') {
    out.errors.push({
      message: 'without a prefix such as phy: or file:, xl reads the second field as the format, and xm needs target,vdev,mode',
      offset: rest[0]?.start ?? 0,
      code: 'disk-bad-fields',
    });
    return;
  }
  if (!hasPrefix && rest.length === 2 && first.text !== '') {
    out.errors.push({
      message: 'without a prefix such as phy: or file:, xl reads the second field as the format and xm cannot tell the device type',
      offset: rest[0]?.start ?? 0,
      code: 'disk-bad-fields',
    });
  }
  const xlPositional = !hasPrefix && rest.length >= 3;
  if (xlPositional) {
    out.form = 'xl';
    // xl positional without a prefix: target,format,vdev,access.
    const fmt = rest[0];
    if (fmt) {
      out.format = fmt.text;
      out.positions.format = [fmt.start, fmt.end];
      if (!XL_FORMATS.has(fmt.text)) out.errors.push({ message: `unknown disk format "${fmt.text}"`, offset: fmt.start, code: 'disk-bad-format' });
    }
    rest = rest.slice(1);
  }
  const vdev = rest[0];
  if (vdev) setVdev(out, vdev);
  if (first.text === '' && !xlPositional && vdev && out.devtype !== 'cdrom') {
    out.errors.push({ message: 'an empty target is only allowed for a CD-ROM drive (vdev like hdc:cdrom)', offset: 0, code: 'disk-bad-fields' });
  }
  const mode = rest[1];
  if (!mode) {
    out.errors.push({
      message: 'disk spec has no mode field (xm needs target,vdev,mode; xl defaults to rw)',
      offset: (vdev?.end ?? first.end),
      code: 'disk-missing-mode',
    });
    return;
  }
  checkMode(out, mode, 'access', xlPositional);
  if (rest.length > 4) {
    const extra = rest[4] ?? mode;
    out.errors.push({ message: 'too many fields in disk spec (at most target,vdev,mode,backend,protocol)', offset: extra.start, code: 'disk-bad-fields' });
  } else if (rest.length > 2) {
    const backend = rest[2];
    if (backend) out.positions.backend = [backend.start, backend.end];
  }
}

function parseXlForm(raw: string, out: DiskSpec): void {
  let i = 0;
  let positional = 0;
  let hadPrefix = false;
  while (i < raw.length) {
    while (i < raw.length && /[ \t\n]/.test(raw[i] ?? '')) i++;
    if (i >= raw.length) break;
    if (raw.startsWith('target=', i)) {
      // The target parameter takes the rest of the string, commas included.
      let end = raw.length;
      if (raw[end - 1] === ',') end--;
      out.target = raw.slice(i + 7, end);
      out.positions.target = [i + 7, end];
      break;
    }
    const comma = raw.indexOf(',', i);
    const end = comma < 0 ? raw.length : comma;
    const text = raw.slice(i, end);
    const f: Field = { text, start: i, end };
    const eq = text.indexOf('=');
    if (eq > 0 && /^[a-z][-a-z0-9_]*$/.test(text.slice(0, eq))) {
      const key = text.slice(0, eq);
      const value = text.slice(eq + 1);
      const vf: Field = { text: value, start: i + eq + 1, end };
      if (!XL_KEY_PARAMS.has(key)) {
        out.errors.push({ message: `unknown disk parameter "${key}"`, offset: i, code: 'disk-unknown-parameter' });
      } else if (key === 'access') {
        checkMode(out, vf, 'access', true);
      } else if (key === 'vdev') {
        setVdev(out, vf, false);
      } else if (key === 'format') {
        out.format = value;
        out.positions.format = [vf.start, vf.end];
        if (!XL_FORMATS.has(value)) out.errors.push({ message: `unknown value for format "${value}"`, offset: vf.start, code: 'disk-bad-format' });
      } else if (key === 'devtype') {
        out.devtype = value;
        out.positions.devtype = [vf.start, vf.end];
        if (value !== 'cdrom' && value !== 'disk') out.errors.push({ message: `unknown value for devtype "${value}"`, offset: vf.start, code: 'disk-bad-devtype' });
      } else if (key === 'backendtype') {
        out.backendtype = value;
        out.positions.backendtype = [vf.start, vf.end];
        if (!XL_BACKENDTYPES.has(value)) out.errors.push({ message: `unknown value for backendtype "${value}"`, offset: vf.start, code: 'disk-bad-backendtype' });
      } else if (key === 'script') {
        out.script = value;
        out.positions.script = [vf.start, vf.end];
      } else {
        out.positions[key] = [vf.start, vf.end];
      }
    } else if (XL_FLAG_PARAMS.has(text.trim())) {
      if (text.trim() === 'cdrom') out.devtype = 'cdrom';
    } else {
      const m = positional === 0 && !out.target ? KNOWN_PREFIX.exec(text) : null;
      if (m && m[1]) {
        hadPrefix = true;
        out.prefix = m[1].replace(/:$/, '');
        out.positions.prefix = [i, i + m[1].length];
        f.start += m[1].length;
        f.text = text.slice(m[1].length);
      }
      const trimmed = f.text.trim();
      if (!out.target) {
        out.target = trimmed;
        out.positions.target = [f.start, f.end];
      } else if (!hadPrefix && out.format === undefined && positional === 1) {
        out.format = trimmed;
        out.positions.format = [f.start, f.end];
        if (!XL_FORMATS.has(trimmed)) out.errors.push({ message: `unknown value for format "${trimmed}"`, offset: f.start, code: 'disk-bad-format' });
      } else if (!out.vdev) {
        setVdev(out, { ...f, text: trimmed });
      } else if (!out.access) {
        checkMode(out, { ...f, text: trimmed }, 'access', true);
      } else {
        out.errors.push({ message: 'too many positional parameters', offset: f.start, code: 'disk-bad-fields' });
        break;
      }
      positional++;
    }
    i = end + 1;
  }
  if (!out.vdev) {
    if (out.target !== undefined && /,[a-z-]+=/.test(out.target)) {
      out.errors.push({
        message: 'target= takes the rest of the spec, commas included, so it must come last (no vdev specified)',
        offset: out.positions.target?.[0] ?? 0,
        code: 'disk-target-not-last',
      });
    } else {
      out.errors.push({ message: 'no vdev specified', offset: 0, code: 'disk-bad-fields' });
    }
  }
}

/**
 * GNU Mach's name for a vdev (gnumach.git xen/block.c): it decodes the xenstore number the toolstack wrote.
 * - hd: xl encodes hda-hdd only (libxl_device.c: IDE majors 3 and 22); xm encodes hda-hdt through Linux's IDE
 *   majors 3, 22, 33, 34, 56, 57, 88, 89, 90, 91 (xen/util/blkif.py), all of which GNU Mach decodes: hde -> hd4.
 * - sd: both encode sda-sdp with major 8 (sd0-sd15); xm's sdq and later use majors 65+, which GNU Mach does
 *   not decode ("unsupported VBD number"), and xl refuses them.
 * - xvd: xl encodes any disk (202<<8 up to xvdp, the 1<<28 format beyond: xvdq -> xvd16); xm writes xvdq and
 *   later to "virtual-device-ext", which GNU Mach does not read.
 * Partitions: hd 1-63, sd 1-15, xvd 1-15 (xl: up to 255 in the 1<<28 format).
 * undefined: GNU Mach will not see the disk under any name (or the vdev is unreadable). Without a dialect the
 * limits both tools share apply.
 */
export function gnumachDiskName(vdev: string, dialect?: 'xm' | 'xl'): string | undefined {
  const m = /^(?:\/dev\/)?(xvd|hd|sd)([a-z]{1,3})([0-9]{0,3})(?::(?:cdrom|disk))?$/.exec(vdev.trim());
  if (!m) return undefined;
  const [, kind = '', letters = '', part = ''] = m;
  let index = 0;
  for (const ch of letters) index = index * 26 + (ch.charCodeAt(0) - 96);
  index -= 1;
  const maxDisk = kind === 'hd' ? (dialect === 'xm' ? 19 : 3) : kind === 'sd' ? 15 : dialect === 'xl' ? (1 << 20) - 1 : 15;
  const newFormat = kind === 'xvd' && index > 15;
  const maxPart = kind === 'hd' ? 63 : kind === 'xvd' && dialect === 'xl' && newFormat ? 255 : 15;
  if (index > maxDisk) return undefined;
  if (part !== '') {
    const p = Number(part);
    if (p < 1 || p > maxPart || part.startsWith('0')) return undefined;
    return `${kind}${index}s${p}`;
  }
  return `${kind}${index}`;
}
