/**
 * Values a question quotes from the user's own machine decide which fact answers, before any word matching: a
 * pasted `xen_caps` line that lists xen-3.0-x86_64 but no xen-3.0-x86_32p is the answer to "can my 32-bit Hurd run
 * here?" (no: 32-bit PV is off), whatever the rest of the question says. The common-case advice ("PAE hypervisor:
 * use gnumach-xen-pae") would be wrong for it (issue 12, failure kind 3: an unusual value).
 *
 * Each reading names the fact (knowledge/facts) that holds the verdict; test/knowledge/pasted-values.test.ts checks
 * that every named fact exists. Bounded scans only: the line after "xen_caps" is cut at 300 characters.
 */

/** One verdict: the fact that answers a question quoting these values. */
export interface ValueReading {
  /** What was read, for the trace ("xen_caps without x86_32p"). */
  reading: string;
  factId: string;
}

/** `xen_caps : xen-3.0-x86_64 hvm-3.0-x86_32 ...` (with or without the colon). Bounded: linear. */
const XEN_CAPS = /\bxen_caps\b[ \t]{0,8}:?[ \t]{0,8}([^\n]{0,300})/i;
/** Quotes and backticks around a pasted value. */
const QUOTES = /^[`'"]{1,3}|[`'"]{1,3}$/g;
/** One guest type of that line. */
const GUEST_TYPE = /^(xen|hvm)-3\.0-x86_(32p|32|64)$/;

/** The guest types a pasted xen_caps line lists, e.g. ['xen-3.0-x86_64', 'hvm-3.0-x86_32p']. */
export function xenCapsOf(text: string): string[] | undefined {
  const m = XEN_CAPS.exec(text);
  if (!m) return undefined;
  // the guest types in a row; the first word that is none ends the line ("... hvm-3.0-x86_64` -- no plain x86_32p")
  const types: string[] = [];
  for (const raw of m[1]!.split(/[ \t,]+/)) {
    const t = raw.replace(QUOTES, '').toLowerCase();
    if (t === '') continue;
    if (!GUEST_TYPE.test(t)) {
      if (types.length > 0) break;
      continue;
    }
    types.push(t);
  }
  return types.length > 0 ? types : undefined;
}

/** The verdict of the values a question quotes, if it quotes any that decide. */
export function readPastedValues(text: string): ValueReading | undefined {
  const caps = xenCapsOf(text);
  if (!caps) return undefined;
  const pv = new Set(caps.filter((t) => t.startsWith('xen-')));
  // 32-bit PAE PV guests are taken: the PAE image boots.
  if (pv.has('xen-3.0-x86_32p')) return { reading: 'xen_caps with x86_32p', factId: 'pae-image-for-pae-hv' };
  // an old non-PAE 32-bit hypervisor: only the non-PAE image boots
  if (pv.has('xen-3.0-x86_32')) return { reading: 'xen_caps with plain x86_32', factId: 'pae-nonpae-only-nonpae-hv' };
  // a 64-bit hypervisor that lists no 32-bit PV guest type (hvm-...-x86_32p is HVM, not PV): 32-bit PV is off
  return { reading: 'xen_caps without a 32-bit PV type', factId: 'pae-64bit-xen-caps' };
}
