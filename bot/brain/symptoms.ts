/**
 * A trouble described in words, without a paste ("my hurd domU doesn't boot", "no network in the guest"): where on
 * the documented boot sequence it can be, and the one output that places the user there (issue 16).
 *
 * The sequence (hurd-xen-facts.md #21-#35, #69-#97): the hypervisor accepts the kernel (`xl create` prints no
 * error; a PAE mismatch or a missing file fails here) -> GNU Mach prints its banner on the console -> it loads the
 * bootstrap modules from the hurd-modules ramdisk -> it finds the root disk named by root=device:... -> ext2fs
 * mounts it -> exec and init start -> the network (the vif on a dom0 bridge, pfinet inside the Hurd).
 */

import { aboutAnotherPlatform } from '../../knowledge/domain.js';
import { domainList } from '../../rules/logs/domain-list.js';
import type { Ask } from './reply.js';

export interface Symptom {
  id: string;
  /**
   * Any of these lists matches when every pattern in it matches somewhere in the line. Each pattern is a literal
   * alternation (linear); "A near B" is two patterns, not a gap that backtracks.
   */
  when: readonly (readonly RegExp[])[];
  /** What is most likely, before the user shows more. */
  guess: string;
  ask: Ask;
  source: string;
  /** The conclusion the asked output allows, when it settles the case (undefined: read it as a paste). */
  conclude?: (observation: string) => string | undefined;
}

const HURD_XEN_PAGE = 'https://www.gnu.org/software/hurd/microkernel/mach/gnumach/ports/xen.html';

/** xm's memory when the config has no memory line; libxl's is 32 MB (hurd-xen-facts.md #120). */
const XM_DEFAULT_MEMORY = 128;

const SYMPTOMS: readonly Symptom[] = [
  {
    id: 'install-stalls',
    when: [[/\bnative-install\b/i, /\b(?:froze|freezes|frozen|hangs?|hung|stuck|stalls?|stalled|sits|sitting|sat)\b/i]],
    guess: 'native-install stalls (on sed, on sysv-rc) when the guest runs out of memory before its swap is on; more memory fixes it. Without a memory line xm gives 128 MB and xl 32 MB.',
    ask: { what: 'the output of `xm list` (or `xl list`) and the memory line of your config', why: 'the Mem column says how much the guest really has' },
    source: 'https://www.gnu.org/software/hurd/faq/native-install_doesnt_finish.html',
    conclude(observation) {
      const guest = domainList(observation).find((d) => d.id !== 0);
      const noMemoryLine = /\bno memory (?:line|setting|key)\b|\bwithout (?:a )?memory\b/i.test(observation);
      // or the memory line itself, pasted or told ("memory = 128 in /etc/xen/hurd")
      const configured = /\bmemory ?= ?(\d{1,6})\b/.exec(observation);
      if (!guest && !noMemoryLine && !configured) return undefined;
      const mb = guest?.memMb ?? (configured ? Number(configured[1]) : XM_DEFAULT_MEMORY);
      if (mb >= 512) return undefined;
      return `The guest has only ${mb} MB${noMemoryLine ? ' (no memory line: xm\'s default is 128 MB, xl\'s 32 MB)' : ''}: native-install runs out of memory before swap is on. Set memory = 512 in /etc/xen/hurd (GNU Mach takes at most 580), give it a swap disk, then start the guest again and rerun native-install.`;
    },
  },
  {
    id: 'no-network',
    when: [
      [/\bno (?:network|networking|net|internet|connectivity|eth0)\b|\bcan'?t (?:ping|reach|get an? ip)\b/i],
      [/\b(?:network|networking|eth0|ping|dhcp|pfinet)\b/i, /\b(?:doesn'?t|does not|won'?t|not|never) (?:work|come up|respond)/i],
    ],
    guess: 'Most often the vif is on a bridge that does not exist in dom0 (xl then fails with "Hotplug scripts not working"), or the Hurd\'s pfinet is not set up (settrans -fgap /servers/socket/2 /hurd/pfinet -i eth0 -a <ip> -g <gateway> -m <mask>).',
    ask: { what: 'the output of `brctl show` in dom0 (or `ip link show type bridge`) and the vif line of your config', why: 'to see whether the vif is on a bridge that reaches your network' },
    source: HURD_XEN_PAGE,
  },
  {
    id: 'console-silent',
    when: [
      [/\b(?:shows?|prints?|get|see) nothing\b|\bno (?:console )?output\b|\bhangs? (?:at|after|right after|on)\b/i],
      [/\b(?:console|screen|output)\b/i, /\b(?:blank|empty|nothing|silent|stuck|frozen|hangs?)\b/i],
    ],
    guess: 'Without -c, xl create starts the guest in the background (attach with xl console hurd); if GNU Mach printed its banner and then stopped, the ramdisk (hurd-modules) or root=device: is the usual cause.',
    ask: { what: 'the last lines of the console (`xl console hurd`, or start it with `xl create -c /etc/xen/hurd`)', why: 'to see how far GNU Mach got: banner, disks, bootstrap, root' },
    source: HURD_XEN_PAGE,
  },
  {
    id: 'mach-as-dom0',
    when: [[/\b(?:hurd|gnu ?mach|gnumach)\b/i, /\b(?:directly on xen|on bare xen|straight on xen|as (?:the )?dom0|instead of linux|without (?:a )?(?:linux )?dom0)\b/i]],
    guess: 'GNU Mach runs only as a Xen guest (a domU): booted by GRUB as dom0 it panics ("Mach can\'t run as dom0") and Xen reboots the machine. Boot Xen with a Linux dom0, then start the Hurd from it with xl create.',
    ask: { what: 'the GRUB entry you boot and Xen\'s last lines (add `noreboot` to the xen.gz line so they stay on screen)', why: 'to see whether GNU Mach was started as dom0' },
    source: HURD_XEN_PAGE,
  },
  {
    id: 'dies-at-boot',
    when: [[/\b(?:dies|died|crash(?:es|ed)?|panics?|panicked|reboots? (?:itself|at once|right away|immediately)|(?:exits|quits|stops) (?:at once|right away|immediately))\b/i]],
    guess: 'A guest that dies at once usually runs a kernel that is not the Xen GNU Mach (a Linux kernel or a plain gnumach), or GNU Mach panics because the bootstrap modules (hurd-modules) or the root disk are missing.',
    ask: { what: 'the whole console output, from `xl create -c /etc/xen/hurd` to where it died', why: 'the panic message and the lines before it say which kernel ran and how far it got' },
    source: HURD_XEN_PAGE,
  },
  {
    id: 'does-not-boot',
    when: [[/\b(?:doesn'?t|does not|won'?t|will not|can'?t|cannot|didn'?t|never|fails? to|failed to|unable to)\s{1,3}(?:boot|start|come up|run|launch)\b|\bboot(?:ing)?\s{1,3}(?:fails?|failed|problems?|issues?)\b/i]],
    guess: 'The usual causes, in boot order: a GNU Mach image whose PAE flavour does not match the hypervisor (xl says "guest type ... not supported"), a missing or wrong hurd-modules ramdisk, a root=device: that names no configured disk, or a filesystem made without -o hurd.',
    ask: { what: 'the output of `xl create -c /etc/xen/hurd` (`xm create -c hurd` on Xen 3), its last lines', why: 'to see whether Xen refuses the kernel or GNU Mach starts and stops later' },
    source: HURD_XEN_PAGE,
  },
];

/** The words that make a trouble ours: a guest of this kind, not any machine. Literal alternation: linear. */
const OUR_GUEST = /\b(?:hurd|gnu ?mach|gnumach|domu|guest|vm|xen|xl|xm)\b/i;

/** The symptom a line of prose describes, if any (only about a Hurd/Xen guest, and only without a paste). */
export function symptomOf(text: string): Symptom | undefined {
  const t = text.slice(0, 600);
  if (t.includes('\n') || !OUR_GUEST.test(t) || aboutAnotherPlatform(t)) return undefined;
  return SYMPTOMS.find((s) => s.when.some((all) => all.every((re) => re.test(t))));
}

export function symptomById(id: string): Symptom | undefined {
  return SYMPTOMS.find((s) => s.id === id);
}

/** The line that asks for one observation, with its reason in a few words. */
export function askLine(ask: Ask): string {
  return `Paste ${ask.what} (${ask.why}).`;
}
