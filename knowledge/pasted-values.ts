/**
 * Values a question quotes from the user's own machine decide which fact answers, before any word matching: a
 * pasted `xen_caps` line that lists xen-3.0-x86_64 but no xen-3.0-x86_32p is the answer to "can my 32-bit Hurd run
 * here?" (no: 32-bit PV is off), whatever the rest of the question says. The common-case advice ("PAE hypervisor:
 * use gnumach-xen-pae") would be wrong for it (issue 12, failure kind 3: an unusual value).
 *
 * A quoted boot line (`hd0: dom0's VBD 768 (sda4,w) 10240MB`) is read the same way: its own explanation answers; so
 * is a quoted memory setting above the Hurd's 580 MB or written with an octal leading zero.
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
const XEN_CAPS = /\bxen_caps\b[ \t]{0,40}:?[ \t]{0,8}([^\n]{0,300})/gi;
/** Quotes and backticks around a pasted value. */
const QUOTES = /^[`'"]{1,3}|[`'"]{1,3}$/g;
/** One guest type of that line. */
const GUEST_TYPE = /^(xen|hvm)-3\.0-x86_(32p|32|64)$/;

/** The guest types a pasted xen_caps line lists, e.g. ['xen-3.0-x86_64', 'hvm-3.0-x86_32p']. */
export function xenCapsOf(text: string): string[] | undefined {
  // (the first mention may be the command, "`xl info | grep xen_caps` gives", and the line itself the next one)
  let seen = 0;
  for (const m of text.slice(0, 4000).matchAll(XEN_CAPS)) {
    const types = guestTypes(m[1]!);
    if (types.length > 0) return types;
    if (++seen >= 5) break;
  }
  return undefined;
}

/** The guest types in a row; the first word that is none ends the line ("... hvm-3.0-x86_64` -- no plain x86_32p"). */
function guestTypes(line: string): string[] {
  const types: string[] = [];
  for (const raw of line.split(/[ \t,]+/)) {
    const t = raw.replace(QUOTES, '').toLowerCase();
    if (t === '') continue;
    if (!GUEST_TYPE.test(t)) {
      if (types.length > 0) break;
      continue;
    }
    types.push(t);
  }
  return types;
}

/** GNU Mach's per-disk boot line, `hd0: dom0's VBD 768 (sda4,w) 10240MB` (xen/block.c). Bounded: linear. */
const VBD_BOOT_LINE = /\b[a-z]{2,3}\d{1,2}(?:s\d{1,2})?: dom\d{1,5}'s VBD \d{1,6} \(/;

/** `memory = 768`, `memory=0512`: the memory setting a question quotes (digits only, bounded: linear). */
const MEMORY_SETTING = /\bmemory[ \t]{0,4}=[ \t]{0,4}(\d{1,7})\b/i;
/** The most memory the Hurd wiki lets a Hurd domU have, in MB (hurd-xen-facts.md #114). */
const MEMORY_LIMIT_MB = 580;

/** The verdict of a quoted memory setting: written octal by a leading zero, or above the wiki's limit. */
function readMemory(text: string): ValueReading | undefined {
  const m = MEMORY_SETTING.exec(text);
  if (!m) return undefined;
  const digits = m[1]!;
  if (digits.length > 1 && digits.startsWith('0')) return { reading: 'memory written with a leading zero', factId: 'key-syntax-numbers' };
  if (Number(digits) > MEMORY_LIMIT_MB) return { reading: `memory = ${digits}, above ${MEMORY_LIMIT_MB} MB`, factId: 'mem-max-580' };
  return undefined;
}

/** The verdict of the values a question quotes, if it quotes any that decide. */
export function readPastedValues(text: string): ValueReading | undefined {
  const head = text.slice(0, 2000);
  // a boot line quoted to ask what it means: the line's own explanation (not the vdev naming table)
  if (VBD_BOOT_LINE.test(head)) return { reading: "GNU Mach's VBD boot line", factId: 'dname-boot-line' };
  const memory = readMemory(head);
  if (memory) return memory;
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
