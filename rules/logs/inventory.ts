/**
 * The message inventory: messages the toolchain prints (xend/xm, libxl/xl, libxlu, pv-grub, GNU Mach, the Hurd's
 * ext2fs and startup, Debian's installer and wrappers), harvested from their sources, as data: each family is one
 * cause with one explanation and one fix (ShellCheck's one code, one explanation, one fix), and lists every wording
 * it has had across Xen and Hurd generations with the source that prints it. The families are in
 * inventory-toolstack.ts (what xm/xl and their helpers print) and inventory-guest.ts (what the guest prints).
 *
 * A family here is diagnosed by its message alone: rules/catalogue/logs/inventory.ts declares one rule per family
 * with defineRule, its wordings as meta.wordings (the same way a log rule of its own declares the wordings of its
 * message). Messages whose diagnosis needs several events of a paste (a hotplug failure and the vif line that names
 * the bridge, a banner and what follows it) live in rules/logs/line-events.ts's MESSAGE_KINDS and their own rules.
 * docs/message-inventory.md is the coverage table; test/rules/logs/inventory.test.ts has one case per wording.
 */
import type { DecidingObservation, Severity, Source, Wording } from '../types.js';
import { GUEST_FAMILIES } from './inventory-guest.js';
import { TOOLSTACK_FAMILIES } from './inventory-toolstack.js';

export interface MessageFamily {
  id: string;
  name: string;
  title: string;
  severity: Severity;
  /** What it means, in one or two sentences (own words). */
  cause: string;
  /** The one thing to do. */
  fix: string;
  wordings: Wording[];
  /** The source that prints it: a URL of rules/catalogue/sources.ts (or a path below one of its trees) and where. */
  docs: Source;
  knowledge: string;
  /** Rules that say the same thing more precisely: when one of them fires, this family's finding is dropped. */
  yieldsTo?: string[];
  /** Rules this family says more precisely: when it fires, their findings are dropped (one cause, one finding). */
  supersedes?: string[];
  /** When the message leaves its cause open: the output that decides (see RuleMeta.decidedBy). */
  decidedBy?: DecidingObservation;
}

/** Every family, in id order. */
export const MESSAGE_FAMILIES: readonly MessageFamily[] = [...TOOLSTACK_FAMILIES, ...GUEST_FAMILIES].sort((a, b) => a.id.localeCompare(b.id));
