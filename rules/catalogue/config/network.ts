/** HX40x: the vif list and its specs (mac, bridge and the other key=value fields). */
import type { Dialect, Edit, ParsedConfig, ValueNode } from '../../config/types.js';
import { parseVifSpec } from '../../config/index.js';
import type { ConfigRule } from '../../types.js';
import { BRIDGE_NAME, HEX_OCTET, MAC_ADDRESS, MAC_PLACEHOLDER, XEN_OUI } from '../../patterns/config.js';
import { VIF_KEYS } from '../known-keys.js';
import { assignmentsOf, closest, insideNode, isIndented, lastAssignment, replaceNode, spanAt } from './support.js';
import { HURD_NETWORKING, HURD_WIKI, XL_NET, XM_CREATE_PY } from '../sources.js';
import { defineRule, type Report } from '../define.js';

interface VifField {
  key: string;
  value: string;
  /** Range of the value inside the spec string. */
  start: number;
  end: number;
}

export interface VifEntry {
  raw: string;
  node: ValueNode;
  fields: VifField[];
  /** Parts without '=' (not key=value). */
  stray: { text: string; start: number }[];
}

/** Split a vif spec into key=value fields, keeping positions for precise messages and fixes. */
export function vifFields(raw: string): Pick<VifEntry, 'fields' | 'stray'> {
  const fields: VifField[] = [];
  const stray: { text: string; start: number }[] = [];
  let offset = 0;
  for (const part of raw.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) {
      if (part.trim() !== '') stray.push({ text: part.trim(), start: offset + part.indexOf(part.trim()) });
    } else {
      const key = part.slice(0, eq).trim();
      const rawValue = part.slice(eq + 1);
      const value = rawValue.trim();
      const start = offset + eq + 1 + (rawValue.length - rawValue.trimStart().length);
      fields.push({ key, value, start, end: start + value.length });
    }
    offset += part.length + 1;
  }
  return { fields, stray };
}

export function vifEntries(cfg: ParsedConfig): VifEntry[] {
  const out: VifEntry[] = [];
  for (const a of assignmentsOf(cfg, 'vif').filter((x) => !isIndented(x))) {
    if (a.value.kind !== 'list' || !a.value.items) continue;
    for (const node of a.value.items) {
      if (node.kind !== 'string' || typeof node.value !== 'string') continue;
      out.push({ raw: node.value, node, ...vifFields(node.value) });
    }
  }
  return out;
}

function withValue(raw: string, f: VifField, value: string): string {
  return raw.slice(0, f.start) + value + raw.slice(f.end);
}

function entryFix(entry: VifEntry, raw: string, dialect: Dialect | undefined): Edit[] {
  return replaceNode(entry.node, raw, dialect);
}

/** A stable pseudo-random byte stream from the config text (FNV-1a), so a fix is the same on every run. */
function stableBytes(seed: string, count: number): number[] {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    h ^= i + 0x9e;
    h = Math.imul(h, 0x01000193) >>> 0;
    out.push(h & 0xff);
  }
  return out;
}

/** Complete a broken MAC inside Xen's 00:16:3e range, keeping the octets the user did give after the prefix. */
export function repairMac(mac: string, seed: string): string {
  const parts = mac.split(':');
  // Six groups (a typo in the prefix, or '-' as separator): the last three are the user's own octets.
  const groups = mac.split(/[:-]/);
  const given = XEN_OUI.test(`${mac}:`) || XEN_OUI.test(mac) ? parts.slice(3) : groups.length === 6 ? groups.slice(3) : [];
  const filler = stableBytes(seed, 3);
  const tail = [0, 1, 2].map((i) => {
    const p = given[i];
    // The user's own octets stay as given; filler keeps xend's randomMAC habit of a 4th octet below 0x80.
    if (p !== undefined && HEX_OCTET.test(p)) return p.toLowerCase();
    const byte = filler[i]!;
    return (i === 0 ? byte & 0x7f : byte).toString(16).padStart(2, '0');
  });
  return `00:16:3e:${tail.join(':')}`;
}

export const vifNotList: ConfigRule = defineRule({
  meta: {
    id: 'HX401',
    name: 'vif-not-list',
    title: 'vif is not a list',
    severity: 'error',
    domain: 'network',
    target: 'config',
    message: "vif must be a list of strings: vif = [ 'mac=00:16:3e:..., bridge=br0' ] (or vif = [ '' ]).",
    explanation:
      "Each network interface is one string in the vif list; vif = [ '' ] gives one interface with all defaults. A bare string is not a list: xm walks its characters, xl does not configure the interface as meant.",
    fixable: true,
    docs: { url: XL_NET, section: 'xl.cfg(5) vif=[ "NET_SPEC_STRING", ... ]; hurd-xen-facts.md #122' },
    knowledge: 'networking',
    messages: {
      notList: 'vif = {{vif}} is a string, not a list: put the interface spec in brackets, vif = [ {{vif}} ].',
    },
  },
  check({ config, dialect }) {
    const a = lastAssignment(config, 'vif');
    if (!a || a.value.kind !== 'string' || typeof a.value.value !== 'string') return [];
    return [
      {
        at: spanAt(a.value.span),
        messageId: 'notList',
        data: { vif: a.value.raw },
        fix: replaceNode(a.value, [a.value.value], dialect),
      },
    ];
  },
});

export const vifMacMalformed: ConfigRule = defineRule({
  meta: {
    id: 'HX402',
    name: 'vif-mac-malformed',
    title: 'malformed MAC address',
    severity: 'error',
    domain: 'network',
    target: 'config',
    message: 'mac= must be six hex octets separated by colons, e.g. mac=00:16:3e:12:34:56 (replace the wiki\'s XX placeholders).',
    explanation:
      "A MAC address is six two-digit hex octets joined by ':'. The wiki's sample 'mac=00:16:3e:XX:XX:XX' asks you to replace each XX with hex digits; copied literally, or with an octet missing, the toolstack refuses the vif. The first octet must be even (a unicast address).",
    fixable: true,
    docs: { url: HURD_WIKI, section: 'hurd-xen-facts.md #124-125; xl-network-configuration(5) mac' },
    knowledge: 'networking',
    messages: {
      malformed: 'mac={{mac}} is not a valid MAC address: {{why}}. Use a full address in Xen\'s 00:16:3e range, e.g. mac={{fixed}}.',
    },
  },
  check({ config, dialect }) {
    const out: Report<'malformed'>[] = [];
    vifEntries(config).forEach((entry, i) => {
      for (const f of entry.fields) {
        if (f.key !== 'mac') continue;
        const multicast = MAC_ADDRESS.test(f.value) && (parseInt(f.value.slice(0, 2), 16) & 1) === 1;
        if (MAC_ADDRESS.test(f.value) && !multicast) continue;
        const fixed = repairMac(f.value, `${config.source.length}:${i}:${f.value}`);
        const why = MAC_PLACEHOLDER.test(f.value)
          ? "it still holds the wiki's XX placeholders: replace each XX with two hex digits"
          : multicast
            ? 'its first octet is odd, a multicast address no NIC may use'
            : `it is not six hex octets separated by ':' (${f.value.split(':').length} groups)`;
        out.push({
          at: insideNode(entry.node, f.start),
          messageId: 'malformed',
          data: { mac: f.value, why, fixed },
          fix: entryFix(entry, withValue(entry.raw, f, fixed), dialect),
        });
      }
    });
    return out;
  },
});

export const vifMacNotXenOui: ConfigRule = defineRule({
  meta: {
    id: 'HX403',
    name: 'vif-mac-not-xen-oui',
    title: 'MAC outside the Xen range',
    severity: 'warning',
    domain: 'network',
    target: 'config',
    message: "A fixed MAC should use Xen's prefix 00:16:3e (or a locally administered address).",
    explanation:
      "00:16:3e is the OUI assigned to Xen; the wiki's stable-MAC advice keeps the prefix and chooses the last three octets. An address from another vendor's range can clash with real hardware on the LAN. Xen also accepts locally administered addresses (second-lowest bit of the first octet set), so those are only a reminder of the wiki's advice.",
    fixable: true,
    docs: { url: XL_NET, section: 'xl-network-configuration(5) mac; hurd-xen-facts.md #124-126' },
    knowledge: 'networking',
    messages: {
      localAddress:
        "mac={{mac}} is a locally administered address ({{prefix}}), outside Xen's 00:16:3e range; Xen accepts it, but the wiki's stable-MAC advice keeps the prefix 00:16:3e, e.g. mac={{fixed}}.",
      otherVendor: "mac={{mac}} is outside Xen's 00:16:3e range (vendor prefix {{prefix}}); keep the prefix 00:16:3e for a guest, e.g. mac={{fixed}}.",
    },
  },
  check({ config, dialect }) {
    const out: Report<'localAddress' | 'otherVendor'>[] = [];
    for (const entry of vifEntries(config)) {
      for (const f of entry.fields) {
        if (f.key !== 'mac' || !MAC_ADDRESS.test(f.value) || XEN_OUI.test(f.value)) continue;
        const first = parseInt(f.value.slice(0, 2), 16);
        if ((first & 1) === 1) continue; // multicast: HX402
        // A locally administered address (often KVM's 52:54:00 copied over) works, but the wiki's stable-MAC advice keeps Xen's prefix.
        const local = (first & 2) === 2;
        const fixed = `00:16:3e:${f.value.slice(9).toLowerCase()}`;
        const prefix = f.value.slice(0, 8);
        out.push({
          at: insideNode(entry.node, f.start),
          ...(local
            ? { messageId: 'localAddress', data: { mac: f.value, prefix: prefix.toLowerCase() === '52:54:00' ? "KVM/QEMU's prefix 52:54:00" : `prefix ${prefix}`, fixed } }
            : { messageId: 'otherVendor', data: { mac: f.value, prefix, fixed } }),
          fix: entryFix(entry, withValue(entry.raw, f, fixed), dialect),
        });
      }
    }
    return out;
  },
});

export const vifBridgeName: ConfigRule = defineRule({
  meta: {
    id: 'HX404',
    name: 'vif-bridge-name',
    title: 'invalid bridge name',
    severity: 'error',
    domain: 'network',
    target: 'config',
    message: 'bridge= must name a Linux bridge on dom0 (at most 15 characters, no blanks, "/" or ":"), e.g. bridge=br0.',
    explanation:
      'The vif-bridge hotplug script adds the guest interface to the named bridge on dom0; Linux interface names have at most 15 characters and no blanks, slashes or colons. The bridge must already exist (xl never creates it; "Could not find bridge device").',
    fixable: false,
    docs: { url: HURD_NETWORKING, section: 'networking_configuration; xl-network-configuration(5) bridge; hurd-xen-facts.md #134-138' },
    knowledge: 'networking',
    messages: {
      badName: 'bridge={{bridge}} is not a valid bridge name (Linux allows at most 15 characters without blanks, \'/\' or \':\'); name the dom0 bridge, e.g. bridge=br0 or bridge=xenbr0.',
    },
  },
  check({ config }) {
    const out: Report<'badName'>[] = [];
    for (const entry of vifEntries(config)) {
      for (const f of entry.fields) {
        if (f.key !== 'bridge') continue;
        if (BRIDGE_NAME.test(f.value) && f.value !== '.' && f.value !== '..') continue;
        out.push({
          at: insideNode(entry.node, f.start),
          messageId: 'badName',
          data: { bridge: f.value },
        });
      }
    }
    return out;
  },
});

export const vifUnknownField: ConfigRule = defineRule({
  meta: {
    id: 'HX405',
    name: 'vif-unknown-field',
    title: 'unknown key in a vif spec',
    severity: 'warning',
    domain: 'network',
    target: 'config',
    message: 'A vif spec has a key the toolstack does not know (vif keys: mac, bridge, script, ip, vifname, backend, rate, ...).',
    explanation:
      'A vif spec is a comma-separated list of key=value settings: mac, bridge, script, ip, vifname, backend, rate, model, type, mtu, gatewaydev. A misspelt key is ignored (xm) or refused (xl), and its setting is lost.',
    fixable: true,
    docs: { url: XL_NET, section: 'xl-network-configuration(5); create.py vif' },
    knowledge: 'networking',
    messages: {
      unknownKey: "vif key '{{key}}' in '{{spec}}' is not a vif setting (known: mac, bridge, script, ip, vifname, backend, rate)",
      misspeltKey: "vif key '{{key}}' in '{{spec}}' is not a vif setting; did you mean {{guess}}=?",
      bareMac: "'{{text}}' in vif spec '{{spec}}' is not a key=value setting; write mac={{text}}.",
      notKeyValue: "'{{text}}' in vif spec '{{spec}}' is not a key=value setting.",
    },
  },
  check({ config, dialect }) {
    const out: Report<'unknownKey' | 'misspeltKey' | 'bareMac' | 'notKeyValue'>[] = [];
    for (const entry of vifEntries(config)) {
      for (const f of entry.fields) {
        if (VIF_KEYS.has(f.key)) continue;
        const guess = closest(f.key, VIF_KEYS, ['mac', 'bridge', 'script', 'ip']);
        const keyStart = entry.raw.lastIndexOf(f.key, f.start);
        out.push({
          at: insideNode(entry.node, Math.max(0, keyStart)),
          ...(guess ? { messageId: 'misspeltKey', data: { key: f.key, spec: entry.raw, guess } } : { messageId: 'unknownKey', data: { key: f.key, spec: entry.raw } }),
          ...(guess && keyStart >= 0 ? { fix: entryFix(entry, entry.raw.slice(0, keyStart) + guess + entry.raw.slice(keyStart + f.key.length), dialect) } : {}),
        });
      }
      for (const s of entry.stray) {
        const looksMac = MAC_ADDRESS.test(s.text);
        out.push({
          at: insideNode(entry.node, s.start),
          messageId: looksMac ? 'bareMac' : 'notKeyValue',
          data: { text: s.text, spec: entry.raw },
          ...(looksMac ? { fix: entryFix(entry, entry.raw.slice(0, s.start) + `mac=${s.text}` + entry.raw.slice(s.start + s.text.length), dialect) } : {}),
        });
      }
    }
    return out;
  },
});

export const vifBadSpec: ConfigRule = defineRule({
  meta: {
    id: 'HX406',
    name: 'vif-bad-spec',
    title: 'vif spec the toolstack cannot read',
    severity: 'error',
    domain: 'network',
    target: 'config',
    message: 'A vif spec cannot be read as key=value settings.',
    explanation: 'The vif spec grammar is key=value pairs separated by commas; anything else makes the toolstack refuse the interface.',
    fixable: false,
    docs: { url: XL_NET, section: 'xl-network-configuration(5)' },
    knowledge: 'networking',
    messages: {
      badSpec: "vif spec '{{spec}}': {{error}}.",
    },
  },
  check({ config }) {
    const out: Report<'badSpec'>[] = [];
    for (const entry of vifEntries(config)) {
      let errors: { message: string; offset: number }[];
      try {
        errors = parseVifSpec(entry.raw).errors;
      } catch {
        errors = [];
      }
      // Problems the specific rules explain better are left to them.
      const specific = entry.stray.length > 0 || entry.fields.some((f) => f.key === 'mac' || !VIF_KEYS.has(f.key));
      if (errors.length === 0 || specific) continue;
      const e = errors[0]!;
      out.push({ at: insideNode(entry.node, e.offset), messageId: 'badSpec', data: { spec: entry.raw, error: e.message } });
    }
    return out;
  },
});

export const nicsDeprecated: ConfigRule = defineRule({
  meta: {
    id: 'HX407',
    name: 'nics-deprecated',
    title: 'nics is deprecated',
    severity: 'info',
    domain: 'network',
    target: 'config',
    message: "nics is deprecated (xm) and unknown to xl: use one vif entry per interface, vif = [ '' ].",
    explanation: "xm's create.py marks nics as deprecated in favour of empty vif entries, and xl does not read it at all.",
    fixable: false,
    docs: { url: XM_CREATE_PY, section: 'create.py gopts nics ("DEPRECATED. Use empty vif entries instead.")' },
    knowledge: 'networking',
    messages: {
      deprecated: 'nics = {{nics}} is deprecated (xm) and ignored by xl; describe interfaces with vif = [ \'\' ] entries instead.',
    },
  },
  check({ config }) {
    const a = lastAssignment(config, 'nics');
    if (!a) return [];
    return [{ at: spanAt(a.span), messageId: 'deprecated', data: { nics: a.value.raw } }];
  },
});

export const networkRules: ConfigRule[] = [vifNotList, vifMacMalformed, vifMacNotXenOui, vifBridgeName, vifUnknownField, vifBadSpec, nicsDeprecated];
