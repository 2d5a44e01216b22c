/**
 * Is a question about our domain at all? Strong terms only occur when
 * talking about Xen, the Hurd, GNU Mach or virtual machines; foreign terms
 * name other systems or everyday subjects. Ordinary words the entries use
 * (memory, disk, boot) are only a weak signal.
 */
import { canonical } from './normalize.js';

const STRONG = `xen hurd gnu gnumach mach microkernel domu dom0 hypervisor pae nonpae x86_32p x86_32
  xm xl xend xenstore xenstored xenconsoled xencommon xentop xenbr0 xenbus vif vbd blktap blkback netback netfront blkfront
  pvgrub pvgrub2 pygrub grub menu.lst ramdisk hurdmodul hurd-modules crosshurd native-install nativeinstall
  mke2fs ext2 ext2fs pfinet settrans storeio translator qemu kvm virtualbox hvm pvh pvshim paravirtual paravirtualised
  virtualization virtualisation virtualized debian-hurd hurd-i386 xen_cap domain0 vmlinuz initrd bridge-util brctl
  network-bridge vif-bridge xend-config.sxp xl.conf hotplug youpi xenbits`
  .split(/\s+/)
  .filter((w) => w !== '');

const FOREIGN = `windows win10 win11 nvidia geforce radeon cuda macos osx iphone ipad android ios
  photoshop excel word outlook office steam playstation xbox nintendo minecraft
  pizza recipe cooking weather football soccer movie movies music song wifi bluetooth printer`
  .split(/\s+/)
  .filter((w) => w !== '');

/** Words every how-to shares; knowing them does not make a question ours. */
const GENERIC = `check start run build install config fail error set time update change fix make new old
  version file line name type default open read write find look tell joke`
  .split(/\s+/)
  .filter((w) => w !== '');

export type DomainSignal = 'strong' | 'weak' | 'none' | 'foreign';

export interface DomainTerms {
  strong: Set<string>;
  foreign: Set<string>;
  generic: Set<string>;
}

export function domainTerms(extraStrong: Iterable<string>): DomainTerms {
  const strong = new Set(STRONG.map(canonical));
  for (const t of extraStrong) strong.add(t);
  return { strong, foreign: new Set(FOREIGN.map(canonical)), generic: new Set(GENERIC.map(canonical)) };
}

/**
 * strong: names the domain; foreign: names something else and not the domain;
 * weak: only shares ordinary words with the knowledge base; none: nothing.
 */
export function classifyDomain(queryTerms: Set<string>, known: (t: string) => boolean, d: DomainTerms): DomainSignal {
  let weak = false;
  let foreign = false;
  for (const t of queryTerms) {
    if (d.strong.has(t)) return 'strong';
    if (d.foreign.has(t)) foreign = true;
    // Numbers alone (a port, a size) do not make a question ours.
    else if (known(t) && !d.generic.has(t) && !/^[\d.]+$/.test(t)) weak = true;
  }
  if (foreign) return 'foreign';
  return weak ? 'weak' : 'none';
}
