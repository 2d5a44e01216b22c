/**
 * Network interface specifications (the strings inside `vif = [ ... ]`): comma-separated
 * key=value pairs (xl-network-configuration(5); xm create.py). '' means one NIC with defaults.
 */
import type { VifSpec } from './types.js';

const KNOWN_KEYS = new Set([
  'mac', 'bridge', 'ip', 'script', 'model', 'vifname', 'type', 'backend', 'rate', 'gatewaydev', 'netdev', 'mtu',
  'devid', 'forwarddev', 'accel', 'policy', 'trusted', 'untrusted', 'uuid', 'colo', 'ifname',
]);
const MAC = /^[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5}$/;

export function parseVifSpec(spec: string): VifSpec {
  const raw = spec.length > 4096 ? spec.slice(0, 4096) : spec;
  const fields: Record<string, string> = {};
  const positions: Record<string, [number, number]> = {};
  const errors: VifSpec['errors'] = [];
  const out: VifSpec = { raw: spec, fields, positions, errors };
  let start = 0;
  for (let i = 0; i <= raw.length; i++) {
    if (i < raw.length && raw[i] !== ',') continue;
    let s = start;
    let e = i;
    start = i + 1;
    while (s < e && /[ \t\n]/.test(raw[s] ?? '')) s++;
    while (e > s && /[ \t\n]/.test(raw[e - 1] ?? '')) e--;
    if (s === e) {
      if (raw.trim() !== '') errors.push({ message: 'empty field in vif spec', offset: s, code: 'vif-empty-field' });
      continue;
    }
    const part = raw.slice(s, e);
    const eq = part.indexOf('=');
    if (eq <= 0) {
      errors.push({ message: `vif field "${part}" is not key=value`, offset: s, code: 'vif-bad-field' });
      continue;
    }
    const key = part.slice(0, eq).trim();
    let vs = s + eq + 1;
    while (vs < e && /[ \t]/.test(raw[vs] ?? '')) vs++;
    const value = raw.slice(vs, e);
    if (key in fields) errors.push({ message: `vif key "${key}" given twice`, offset: s, code: 'vif-duplicate-key' });
    fields[key] = value;
    positions[key] = [vs, e];
    if (!KNOWN_KEYS.has(key)) errors.push({ message: `unknown vif key "${key}"`, offset: s, code: 'vif-unknown-key' });
  }
  if (fields.mac !== undefined) {
    out.mac = fields.mac;
    if (!MAC.test(fields.mac)) {
      errors.push({
        message: `mac "${fields.mac}" is not six hex octets separated by ':' (e.g. 00:16:3e:12:34:56)`,
        offset: positions.mac?.[0] ?? 0,
        code: 'vif-mac-malformed',
      });
    } else if (!/^00:16:3e:/i.test(fields.mac)) {
      errors.push({ message: `mac "${fields.mac}" is outside Xen's 00:16:3e prefix`, offset: positions.mac?.[0] ?? 0, code: 'vif-mac-not-xen-oui' });
    }
  }
  if (fields.bridge !== undefined) out.bridge = fields.bridge;
  return out;
}
