/**
 * Is a question about our domain at all? Strong terms only occur when
 * talking about Xen, the Hurd, GNU Mach or virtual machines; foreign terms
 * name other systems or everyday subjects. Ordinary words the entries use
 * (memory, disk, boot) are only a weak signal.
 */
import { canonical, stem } from './normalize.js';

/** The words of a list written as one template string, one or more a line. */
function wordList(text: string): string[] {
  return text.split(/\s+/).filter((w) => w !== '');
}

const STRONG = wordList(`xen hurd gnu gnumach mach microkernel domu dom0 hypervisor pae nonpae x86_32p x86_32
  xm xl xend xenstore xenstored xenconsoled xencommon xentop xenbr0 xenbus vif vbd blktap blkback netback netfront blkfront
  pvgrub pvgrub2 pygrub grub menu.lst ramdisk hurdmodul hurd-modules crosshurd native-install nativeinstall
  mke2fs ext2 ext2fs pfinet settrans storeio translator hvm pvh pvshim paravirtual paravirtualised
  virtualization virtualisation virtualized debian-hurd hurd-i386 xen_cap domain0 vmlinuz initrd bridge-util brctl
  network-bridge vif-bridge xend-config.sxp xl.conf hotplug youpi xenbits zenhost flubber snubber`);

const FOREIGN = wordList(`windows win10 win11 nvidia geforce radeon cuda macos osx iphone ipad android ios
  photoshop excel outlook steam playstation xbox nintendo minecraft
  pizza recipe cooking weather football soccer movie movies music song wifi bluetooth printer
  raspberry arduino aarch64 arm64 riscv powerpc sparc`);

/**
 * Other hypervisors and their tools: a question about the Hurd under one of them (and not under Xen) is about
 * another platform, however much Hurd vocabulary it shares with ours (childhurd: Guix's Hurd VM, run by QEMU).
 */
// (not "parallels": stemmed, it is the "parallel" of "run them in parallel")
const OTHER_HYPERVISOR = wordList(`qemu kvm virtualbox vbox vmware esxi hyperv hyper-v bhyve virt-install virt-manager libvirtd proxmox utm childhurd`);

/** Other guest systems (and Qubes, a Xen-based system of Linux guests): a Xen question about one of them (and not
 * about the Hurd) is not ours. */
const OTHER_GUEST = wordList(`windows netbsd freebsd openbsd dragonfly dragonflybsd solaris illumos openindiana minix plan9 haiku reactos
  mirage mirageos unikernel qubes qubesos qrexec`);

/** Questions about a person's life, not about running software. */
const PERSONAL = wordList(`married wife husband girlfriend boyfriend birthday salary religion kids children phone hometown
  girlfriends spouse`);

/**
 * "my ubuntu 22.04 domU", "a debian linux guest", "windows hvm": a guest that is some other system. The system
 * word comes right before the guest word (at most a version or two words between). Bounded gaps: linear.
 */
const OTHER_SYSTEM_GUEST =
  /\b(?:linux|ubuntu|debian linux|centos|fedora|rhel|suse|opensuse|arch|gentoo|alpine|windows|netbsd|freebsd|openbsd)\b[\w. -]{0,24}?\b(?:domu|guests?|vms?|hvm)\b/i;
/** The Hurd or GNU Mach named in the question: then it is ours, whatever else it names. */
const NAMES_HURD = /\b(?:hurd|gnumach|gnu mach|mach)\b/i;

/**
 * A person's private details or a machine's secrets: "samuel thibault's home address", "the root password on
 * zenhost". The sources hold neither; credits and setup advice would be the wrong answer. Literal alternations: linear.
 */
const PRIVATE_DETAIL =
  /\b(?:home|postal|street|mailing|physical) address\b|\bwhere (?:does|do) (?:he|she|they|[a-z]{2,20}) live\b|\bpass(?:word|words|wd|phrase)\b|\bcredentials\b|\b(?:private|ssh) key\b|\bphone number\b/i;

/** Whether the question asks for someone's private details or a machine's secrets. */
export function asksPrivateDetails(text: string): boolean {
  return PRIVATE_DETAIL.test(text.slice(0, 2000));
}

/** Whether the question is about a guest that runs another system than the Hurd. */
export function asksAboutAnotherGuest(text: string): boolean {
  const t = text.slice(0, 2000);
  return OTHER_SYSTEM_GUEST.test(t) && !NAMES_HURD.test(t);
}

/** Other distributions and their package tools: the knowledge base knows Debian's packages only. */
const OTHER_DISTRIBUTION = new Set(
  wordList(`archlinux aur pacman pkgbuild yay manjaro fedora rpm rpms dnf yum rhel centos copr gentoo ebuild emerge portage
  guix guixsd nix nixos nixpkgs opensuse suse zypper obs alpine apk void xbps slackware homebrew brew freebsd ports`),
);
/** Words of packaging: asking for a package, not about a setup that happens to run on that distribution. */
const PACKAGING = new Set(
  wordList(`package packages packaged packaging pkg pkgs aur rpm rpms ebuild pkgbuild recipe repo repos repository repositories
  channel channels overlay ppa copr`),
);

/**
 * Whether the question asks for another distribution's packages ("an AUR package for gnumach on Arch?", "is
 * gnumach-xen in Guix?"): Debian's are the only ones documented. Word by word: linear.
 */
export function asksAnotherDistributionsPackages(text: string): boolean {
  const words = text.slice(0, 2000).toLowerCase().split(/[^a-z0-9-]+/);
  if (words.includes('debian')) return false;
  // ("arch" alone is the package architecture: "which package arch do I install")
  const names = words.some((w, i) => OTHER_DISTRIBUTION.has(w) || (w === 'arch' && words[i + 1] === 'linux'));
  return names && words.some((w) => PACKAGING.has(w));
}

const OTHER_HYPERVISOR_SET = new Set(OTHER_HYPERVISOR);
/** Words only a Xen setup has: with one of them, a QEMU or KVM word is a part of it (qemu-xen, qdisk), not another platform. */
const XEN_NAMES = new Set(wordList(`xen xl xm xend domu domus dom0 pv-grub pvgrub pvgrub2 pygrub xenstore xenstored xenconsoled xenbr0 qemu-xen`));

/**
 * Whether the text names another hypervisor and nothing of Xen ("the hurd in qemu-kvm", "a childhurd on guix").
 * A hyphenated word counts by its parts too ("qemu-kvm"). Word by word: linear.
 */
export function namesOnlyAnotherHypervisor(text: string): boolean {
  const words = text.slice(0, 2000).toLowerCase().split(/[^a-z0-9_-]+/);
  const parts = (w: string) => [w, ...(w.includes('-') ? w.split('-') : [])];
  const xen = words.some((w) => parts(w).some((p) => XEN_NAMES.has(p)));
  return !xen && words.some((w) => parts(w).some((p) => OTHER_HYPERVISOR_SET.has(p)));
}

/**
 * Whether a trouble is about another platform: another hypervisor named without Xen ("the hurd in virtualbox
 * hangs"), or a guest that runs another system.
 */
export function aboutAnotherPlatform(text: string): boolean {
  return namesOnlyAnotherHypervisor(text) || asksAboutAnotherGuest(text);
}

/**
 * A request to write a program ("write me a python script that parses xl list"): the bot answers from its sources
 * and writes no code, so it declines. Literal alternations, one bounded gap: linear.
 */
const WRITE_CODE = /\b(?:write|code|make|give) me (?:a|an|some)\b[ a-z0-9-]{0,30}?\b(?:script|program|function|class|parser|daemon|plugin|code)\b/i;

/** A request for an opinion ("hurd people must have an opinion", "what do you think of ..."): the sources hold facts. */
const ASKS_OPINION = /\b(?:opinions?|what do you think|what do you guys think|do you like|your favou?rite)\b/i;

export function asksForOpinion(text: string): boolean {
  return ASKS_OPINION.test(text.slice(0, 2000));
}

export function asksToWriteCode(text: string): boolean {
  return WRITE_CODE.test(text.slice(0, 2000));
}

/**
 * Strong terms that name the Hurd but not Xen: with a foreign term beside
 * them ("the hurd on a raspberry pi") the question is about another platform.
 */
const HURD_ONLY = wordList(`hurd gnu gnumach mach microkernel debian-hurd hurd-i386 translator settrans pfinet storeio ext2fs ext2`);

/** Domain words nearly every question has (the strong words that name no particular thing): canonical terms. */
export const UBIQUITOUS: ReadonlySet<string> = new Set(wordList(`hurd xen domu dom0 gnumach gnu mach xl xm`));

/** Words every how-to shares; knowing them does not make a question ours. */
const GENERIC = wordList(`check start run build install config fail error set time update change fix make new old
  version file line name type default open read write find look tell joke`);

/** 'weak' also covers a Xen question that names a foreign subject (Windows as an HVM guest): it must match closely. */
export type DomainSignal = 'strong' | 'weak' | 'none' | 'foreign';

export interface DomainTerms {
  strong: Set<string>;
  foreign: Set<string>;
  generic: Set<string>;
  hurdOnly: Set<string>;
  otherHypervisor: Set<string>;
  otherGuest: Set<string>;
  personal: Set<string>;
}

export function domainTerms(extraStrong: Iterable<string>): DomainTerms {
  // A strong word that is a synonym of an ordinary one (vbd and blkfront mean disk) keeps its own word: its
  // canonical form would make every question that says "disk" ours.
  const strongStems = new Set(STRONG.map(stem));
  const strong = new Set(STRONG.filter((w) => canonical(w) === stem(w) || strongStems.has(canonical(w))).map(canonical));
  for (const t of extraStrong) strong.add(t);
  return {
    strong,
    foreign: new Set(FOREIGN.map(canonical)),
    generic: new Set(GENERIC.map(canonical)),
    hurdOnly: new Set(HURD_ONLY.map(canonical)),
    otherHypervisor: new Set(OTHER_HYPERVISOR.map(canonical)),
    otherGuest: new Set(OTHER_GUEST.map(canonical)),
    personal: new Set(PERSONAL.map(canonical)),
  };
}

/**
 * strong: names the domain; foreign: names something else and not the domain;
 * weak: only shares ordinary words with the knowledge base; none: nothing.
 */
export function classifyDomain(queryTerms: Set<string>, known: (t: string) => boolean, d: DomainTerms): DomainSignal {
  let weak = false;
  let foreign = false;
  let xen = false;
  let xenBeyondGuest = false;
  let hurd = false;
  let otherHypervisor = false;
  let otherGuest = false;
  let personal = false;
  for (const t of queryTerms) {
    if (d.otherHypervisor.has(t)) otherHypervisor = true;
    if (d.otherGuest.has(t)) otherGuest = true;
    if (d.personal.has(t)) personal = true;
  }
  // Somebody's private life is nobody's Xen question.
  if (personal) return 'foreign';
  for (const t of queryTerms) {
    if (d.strong.has(t)) {
      if (d.hurdOnly.has(t)) hurd = true;
      else {
        xen = true;
        if (t !== 'domu') xenBeyondGuest = true;
      }
    } else if (d.foreign.has(t)) foreign = true;
    // Numbers alone (a port, a size) do not make a question ours.
    else if (known(t) && !d.generic.has(t) && !/^[\d.]+$/.test(t)) weak = true;
  }
  // The Hurd under QEMU/KVM/VirtualBox, or NetBSD/Windows under Xen: another platform or another guest.
  // ("vm" and "guest" read as domu: under another hypervisor they are its guests, no sign of Xen)
  if (otherHypervisor && !xenBeyondGuest) return 'foreign';
  if (otherGuest && !hurd) return 'foreign';
  if (xen) return foreign ? 'weak' : 'strong';
  if (foreign) return 'foreign';
  if (hurd) return 'strong';
  return weak ? 'weak' : 'none';
}
